/**
 * Key builders and period rules for the budgets table, shared by the invoke-model Lambda (reserve,
 * settle, release) and the APPSYNC_JS resolvers (set, read). Plain string functions only, so they obey
 * APPSYNC_JS.
 */
import { principalPk, teamPk } from './ledger-keys.ts';

/** Whom a budget limits: one principal, or every principal of a team (cost centre). */
export interface BudgetSubject {
  readonly kind: 'PRINCIPAL' | 'TEAM';
  /** The principal id, or the team. */
  readonly id: string;
}

/** The budgets-table partition of a subject: `PRINCIPAL#<id>` or `TEAM#<team>`. */
export const budgetPk = (subject: BudgetSubject): string => (subject.kind === 'TEAM' ? teamPk(subject.id) : principalPk(subject.id));

/** The subject a stored budget (or budget event) belongs to: a team's carries `team`, a principal's `principalId`. */
export const subjectOf = (item: { principalId?: string | null; team?: string | null }): BudgetSubject =>
  item.team ? { kind: 'TEAM', id: item.team } : { kind: 'PRINCIPAL', id: item.principalId ?? '' };

/** "principal prn_…" or "team …", for messages. */
export const describeSubject = (subject: BudgetSubject): string =>
  `${subject.kind === 'TEAM' ? 'team' : 'principal'} ${subject.id}`;

/** The budget definition of a principal or team. */
export const BUDGET_SK = 'BUDGET';

export const BUDGET_PERIOD_PREFIX = 'BUDGET#PERIOD#';

/** The spend counter of one budget period. */
export const budgetPeriodSk = (periodKey: string): string => `${BUDGET_PERIOD_PREFIX}${periodKey}`;

export const RESERVATION_PREFIX = 'RESERVATION#';

/** An open reservation of a hard budget, one per in-flight invocation. */
export const reservationSk = (invocationId: string): string => `${RESERVATION_PREFIX}${invocationId}`;

export const BUDGET_EVENT_PREFIX = 'EVENT#';

/** A threshold event: one per budget period and threshold, so it is recorded once. */
export const budgetEventSk = (periodKey: string, percent: number): string =>
  `${BUDGET_EVENT_PREFIX}${periodKey}#${`00${percent}`.slice(-3)}`;

/** The exhausted event: one per budget period (sorts after the thresholds of its period). */
export const budgetExhaustedSk = (periodKey: string): string => `${BUDGET_EVENT_PREFIX}${periodKey}#EXHAUSTED`;

export type BudgetEventKind = 'THRESHOLD_CROSSED' | 'EXHAUSTED';

export const BUDGET_KIND = 'BUDGET';
export const BUDGET_EVENT_KIND = 'BUDGET_EVENT';

export type BudgetPeriodKind = 'MONTHLY' | 'CUSTOM';

/**
 * A budget definition as stored (sk `BUDGET`). Amounts are integer nano-USD, below 2^53. Exactly one of
 * `principalId` and `team` is set (budgets stored before teams existed have `principalId` only).
 */
export interface BudgetItem {
  principalId: string | null;
  team?: string | null;
  limitNanoUsd: number;
  period: BudgetPeriodKind;
  /** yyyy-mm-dd, CUSTOM only. */
  periodStart?: string | null;
  /** yyyy-mm-dd inclusive, CUSTOM only. */
  periodEnd?: string | null;
  hard: boolean;
  alertThresholdsPercent: number[];
  updatedAt: string;
}

/** A period counter as stored (sk `BUDGET#PERIOD#…`). */
export interface BudgetPeriodItem {
  periodKey: string;
  spentNanoUsd?: number;
  reservedNanoUsd?: number;
  committedNanoUsd?: number;
}

/**
 * The key of the period `at` (an ISO-8601 UTC timestamp) falls in: `M2026-11` for a monthly budget,
 * `C<start>_<end>` for a custom one; null when `at` is outside a custom period.
 */
export function budgetPeriodKey(budget: BudgetItem, at: string): string | null {
  if (budget.period === 'MONTHLY') return `M${at.slice(0, 7)}`;
  const day = at.slice(0, 10);
  const start = budget.periodStart ?? '';
  const end = budget.periodEnd ?? '';
  if (day < start || day > end) return null;
  return `C${start}_${end}`;
}
