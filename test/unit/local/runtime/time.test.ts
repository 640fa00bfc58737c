import { describe, expect, it } from 'vitest';
import { valueOf } from './context.ts';

// 2018-02-06T19:01:35.749Z, the instant of the reference's nowISO8601 example (§2.2).
const INSTANT = 1517943695749;

describe('util.time', () => {
  it('prints the current instant as ISO-8601 UTC with milliseconds', () => {
    expect(valueOf('util.time.nowISO8601()')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('answers the current time as integer seconds and milliseconds', () => {
    const before = Date.now();
    const [seconds, millis] = valueOf('[util.time.nowEpochSeconds(), util.time.nowEpochMilliSeconds()]') as [number, number];
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(seconds).toBe(Math.floor(millis / 1000));
  });

  it('converts epoch milliseconds to ISO-8601 and back', () => {
    expect(valueOf(`util.time.epochMilliSecondsToISO8601(${INSTANT})`)).toBe('2018-02-06T19:01:35.749Z');
    expect(valueOf("util.time.parseISO8601ToEpochMilliSeconds('2018-02-06T19:01:35.749Z')")).toBe(INSTANT);
    expect(valueOf("util.time.parseISO8601ToEpochMilliSeconds('2018-02-06T20:01:35.749+01:00')")).toBe(INSTANT);
  });

  it('converts epoch milliseconds to seconds by integer division', () => {
    expect(valueOf(`util.time.epochMilliSecondsToSeconds(${INSTANT})`)).toBe(1517943695);
  });

  it('formats with Java patterns in UTC by default', () => {
    expect(valueOf(`util.time.epochMilliSecondsToFormatted(${INSTANT}, 'yyyy-MM-dd HH:mm:ssZ')`)).toBe('2018-02-06 19:01:35+0000');
    expect(valueOf(`util.time.epochMilliSecondsToFormatted(${INSTANT}, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")`)).toBe('2018-02-06T19:01:35.749Z');
    expect(valueOf(`util.time.epochMilliSecondsToFormatted(${INSTANT}, 'EEE, d MMM yyyy hh:mm a')`)).toBe('Tue, 6 Feb 2018 07:01 PM');
  });

  it('formats in an IANA time zone', () => {
    expect(valueOf(`util.time.epochMilliSecondsToFormatted(${INSTANT}, 'yyyy-MM-dd HH:mm:ssZ', 'America/New_York')`)).toBe(
      '2018-02-06 14:01:35-0500',
    );
  });

  it('formats the current time with nowFormatted', () => {
    expect(valueOf("util.time.nowFormatted('yyyy-MM-dd')")).toBe(new Date().toISOString().slice(0, 10));
  });

  it('parses formatted text in a time zone to epoch milliseconds', () => {
    expect(valueOf("util.time.parseFormattedToEpochMilliSeconds('2018-02-06 19:01:35+0000', 'yyyy-MM-dd HH:mm:ssZ')")).toBe(1517943695000);
    expect(
      valueOf("util.time.parseFormattedToEpochMilliSeconds('2018-02-06 14:01:35', 'yyyy-MM-dd HH:mm:ss', 'America/New_York')"),
    ).toBe(1517943695000);
  });
});
