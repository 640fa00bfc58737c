import { describe, expect, it } from 'vitest';
import { maxOutputTokens, worstCaseCost } from '../../../../functions/lib/budget.ts';
import { budgetEventSk, budgetPeriodKey, type BudgetItem } from '../../../../resolvers/lib/budget-keys.ts';

describe('maxOutputTokens', () => {
  it.each([
    ['anthropic', { max_tokens: 512 }, 512],
    ['mistral', { max_tokens: 400 }, 400],
    ['gpt-oss', { max_completion_tokens: 300 }, 300],
    ['llama', { max_gen_len: 256 }, 256],
    ['nova', { inferenceConfig: { maxTokens: 500 } }, 500],
    ['nova', { inferenceConfig: { max_new_tokens: 200 } }, 200],
    ['titan-text', { textGenerationConfig: { maxTokenCount: 200 } }, 200],
    ['jamba', { max_tokens: 100, n: 3 }, 300],
    ['titan-embed', { inputText: 'embed me' }, 0],
    ['cohere-embed', { texts: ['a'] }, 0],
  ] as const)('reads the output cap of a %s body %j as %i', (family, body, expected) => {
    expect(maxOutputTokens(body, family)).toBe(expected);
  });

  it('returns null for a body without an output cap', () => {
    expect(maxOutputTokens({ messages: [] }, 'anthropic')).toBeNull();
    expect(maxOutputTokens({ max_tokens: 0 }, 'anthropic')).toBeNull();
    expect(maxOutputTokens({ max_tokens: '100' }, 'anthropic')).toBeNull();
  });
});

describe('worstCaseCost', () => {
  it('charges every body byte at the input rate and the cap at the output rate', () => {
    // Claude 3 Haiku: 250 and 1,250 nano-USD per token; 120 bytes and 50 tokens.
    const rates = { inputPer1k: '0.00025', outputPer1k: '0.00125', cacheReadPer1k: '0.00025', cacheWritePer1k: '0.00025', cacheWrite1hPer1k: '0.00025' };
    expect(worstCaseCost(120, 50, rates)).toBe(120n * 250n + 50n * 1250n);
  });

  it('charges input bytes at the dearest of the input, cache-read and cache-write rates', () => {
    // Claude 3.5 Haiku: input 0.0008, cache write 0.001 USD per 1k = 1,000 nano-USD per token.
    const rates = { inputPer1k: '0.0008', outputPer1k: '0.004', cacheReadPer1k: '0.00008', cacheWritePer1k: '0.001', cacheWrite1hPer1k: '0.001' };
    expect(worstCaseCost(10, 1, rates)).toBe(10n * 1000n + 4000n);
  });

  it('charges input bytes at the 1-hour cache-write rate when it is the dearest', () => {
    // Claude Haiku 4.5: input 0.001, 5-minute write 0.00125, 1-hour write 2 × input = 0.002 USD per 1k
    // = 2,000 nano-USD per token; output 0.005 = 5,000 nano-USD per token.
    const rates = { inputPer1k: '0.001', outputPer1k: '0.005', cacheReadPer1k: '0.0001', cacheWritePer1k: '0.00125', cacheWrite1hPer1k: '0.002' };
    expect(worstCaseCost(10, 1, rates)).toBe(25_000n);
  });

  it('rounds half-to-even like the actual cost', () => {
    // Nova Micro cache read 0.00000875 USD per 1k = 8.75 nano-USD per token: 2 bytes → 17.5 → 18.
    const rates = { inputPer1k: '0.00000875', outputPer1k: '0', cacheReadPer1k: '0', cacheWritePer1k: '0', cacheWrite1hPer1k: '0' };
    expect(worstCaseCost(2, 0, rates)).toBe(18n);
    expect(worstCaseCost(6, 0, rates)).toBe(52n); // 52.5 → 52
  });
});

describe('budgetPeriodKey', () => {
  const budget = (overrides: Partial<BudgetItem>): BudgetItem => ({
    principalId: 'p',
    limitNanoUsd: 1,
    period: 'MONTHLY',
    hard: true,
    alertThresholdsPercent: [80],
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  });

  it('names the UTC month of a monthly budget', () => {
    expect(budgetPeriodKey(budget({}), '2026-11-30T23:59:59.999Z')).toBe('M2026-11');
  });

  it('names a custom period from its dates, both days included, and is null outside it', () => {
    const custom = budget({ period: 'CUSTOM', periodStart: '2026-11-05', periodEnd: '2026-12-04' });
    expect(budgetPeriodKey(custom, '2026-11-05T00:00:00.000Z')).toBe('C2026-11-05_2026-12-04');
    expect(budgetPeriodKey(custom, '2026-12-04T23:59:59.000Z')).toBe('C2026-11-05_2026-12-04');
    expect(budgetPeriodKey(custom, '2026-11-04T23:59:59.000Z')).toBeNull();
    expect(budgetPeriodKey(custom, '2026-12-05T00:00:00.000Z')).toBeNull();
  });

  it('keys threshold events so 80 sorts before 100', () => {
    expect(budgetEventSk('M2026-11', 80) < budgetEventSk('M2026-11', 100)).toBe(true);
  });
});
