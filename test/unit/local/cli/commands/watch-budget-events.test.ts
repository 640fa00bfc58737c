import { describe, expect, it } from 'vitest';
import { budgetEventLine } from '../../../../../local/cli/commands/watch.ts';

const EVENT = {
  kind: 'THRESHOLD_CROSSED',
  principalId: 'prn_a1',
  team: null,
  periodKey: 'M2026-11',
  thresholdPercent: 80,
  spentUsd: '8.250000000',
  spentNanoUsd: '8250000000',
  limitUsd: '10.000000000',
  limitNanoUsd: '10000000000',
  createdAt: '2026-11-26T12:00:00.000Z',
} as const;

describe('budgetEventLine', () => {
  it("shows a principal's threshold event with its time, principal, percentage and spend of the limit", () => {
    expect(budgetEventLine(EVENT)).toBe('2026-11-26T12:00:00.000Z  prn_a1  budget 80 % reached (M2026-11)  $8.25 of $10.00');
  });

  it("shows a team's exhausted budget by its team", () => {
    expect(budgetEventLine({ ...EVENT, kind: 'EXHAUSTED', principalId: null, team: 'research', thresholdPercent: 100, spentUsd: '10.000000000' })).toBe(
      '2026-11-26T12:00:00.000Z  team research  budget exhausted (M2026-11)  $10.00 of $10.00',
    );
  });
});
