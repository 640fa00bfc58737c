import { describe, expect, it } from 'vitest';
import { priceKeyOf, priceListRange, priceListSk, priceSk } from '../../../../resolvers/lib/price-keys.ts';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const START = '2026-11-01T00:00:00.000Z';

/** DynamoDB orders string sort keys by their UTF-8 bytes; for these ASCII keys that is code-unit order. */
const within = (key: string, range: { from: string; to: string }): boolean => key >= range.from && key <= range.to;

describe('priceListSk', () => {
  it('puts the base model before the sort key of its partition', () => {
    expect(priceListSk(HAIKU, priceSk('us', 'us-east-1', START))).toBe(`${HAIKU}#us#us-east-1#${START}`);
    expect(priceListSk(HAIKU, priceSk(null, '*', START))).toBe(`${HAIKU}#-#*#${START}`);
  });
});

describe('priceKeyOf', () => {
  it('drops only the start, keeping model, prefix and Region', () => {
    expect(priceKeyOf(`${HAIKU}#eu#*#${START}`)).toBe(`${HAIKU}#eu#*`);
  });
});

describe('priceListRange', () => {
  const keys = [
    priceListSk(HAIKU, priceSk(null, '*', '1970-01-01T00:00:00.000Z')),
    priceListSk(HAIKU, priceSk(null, 'us-gov-west-1', START)),
    priceListSk(HAIKU, priceSk('apac', '*', START)),
    priceListSk(HAIKU, priceSk('us-gov', '*', START)),
  ];

  it('holds every key of a model and none of a model whose id extends it', () => {
    const range = priceListRange(`${HAIKU}#`, null);
    expect(keys.every((key) => within(key, range))).toBe(true);
    expect(within(priceListSk(`${HAIKU}-2`, priceSk(null, '*', START)), range)).toBe(false);
    expect(within(priceListSk('amazon.nova-lite-v1:0', priceSk(null, '*', START)), range)).toBe(false);
  });

  it('holds one routing prefix only, never a longer prefix that starts the same', () => {
    const range = priceListRange(`${HAIKU}#us#`, null);
    expect(within(priceListSk(HAIKU, priceSk('us', 'us-east-1', START)), range)).toBe(true);
    expect(within(priceListSk(HAIKU, priceSk('us-gov', '*', START)), range)).toBe(false);
  });

  it('starts strictly after the cursor and still holds the keys after it', () => {
    const sorted = [...keys].sort();
    const range = priceListRange(`${HAIKU}#`, sorted[1] ?? '');
    expect(sorted.map((key) => within(key, range))).toEqual([false, false, true, true]);
  });

  it('holds every key of the catalogue when no model is given', () => {
    const range = priceListRange('', null);
    expect([...keys, priceListSk('ai21.jamba-1-5-mini-v1:0', priceSk(null, '*', START)), priceListSk('1x.model', priceSk(null, '*', START))].every((key) => within(key, range))).toBe(true);
  });
});
