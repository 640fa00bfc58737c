import { describe, expect, it } from 'vitest';
import { budgetEventSk, budgetExhaustedSk, budgetPk, describeSubject, subjectOf } from '../../../../resolvers/lib/budget-keys.ts';

describe('budgetPk', () => {
  it("keeps a principal's budget in the principal's partition and a team's in the team's", () => {
    expect(budgetPk({ kind: 'PRINCIPAL', id: 'prn_a1' })).toBe('PRINCIPAL#prn_a1');
    expect(budgetPk({ kind: 'TEAM', id: 'research' })).toBe('TEAM#research');
  });
});

describe('subjectOf', () => {
  it('reads a team budget by its team and a principal budget (also one stored before teams) by its principal', () => {
    expect(subjectOf({ principalId: null, team: 'research' })).toEqual({ kind: 'TEAM', id: 'research' });
    expect(subjectOf({ principalId: 'prn_a1', team: null })).toEqual({ kind: 'PRINCIPAL', id: 'prn_a1' });
    expect(subjectOf({ principalId: 'prn_a1' })).toEqual({ kind: 'PRINCIPAL', id: 'prn_a1' });
  });
});

describe('describeSubject', () => {
  it('names the kind and the id, for messages', () => {
    expect(describeSubject({ kind: 'TEAM', id: 'research' })).toBe('team research');
    expect(describeSubject({ kind: 'PRINCIPAL', id: 'prn_a1' })).toBe('principal prn_a1');
  });
});

describe('budgetExhaustedSk', () => {
  it("is one key per period, sorting after every threshold of that period and before the next period's events", () => {
    const keys = [budgetExhaustedSk('M2026-11'), budgetEventSk('M2026-12', 5), budgetEventSk('M2026-11', 100), budgetEventSk('M2026-11', 80)];
    expect([...keys].sort()).toEqual(['EVENT#M2026-11#080', 'EVENT#M2026-11#100', 'EVENT#M2026-11#EXHAUSTED', 'EVENT#M2026-12#005']);
  });
});
