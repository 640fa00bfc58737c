/**
 * Budget values for the resolvers: the USD limit parsed to nano-USD and items turned into GraphQL
 * types. Amounts stay below 2^53 nano-USD (the limit is at most 9,000,000 USD), so doubles are exact.
 */
import { util } from '@aws-appsync/utils';
import type { Budget, BudgetEvent, BudgetPeriodUsage } from '../../schema/__generated__/graphql.ts';
import { budgetPeriodKey, type BudgetEventKind, type BudgetItem, type BudgetPeriodItem, type BudgetSubject } from './budget-keys.ts';
import { ERROR_TYPES } from './errors.ts';
import { readsEveryone, type Caller } from './identity.ts';
import { nanoToUsd } from './money.ts';

/** The largest limit: 9,000,000 USD = 9e15 nano-USD, below 2^53 so every counter stays exact. */
export const MAX_LIMIT_NANO_USD = 9000000000000000;
const NANO_PER_USD = 1000000000;

/** A USD decimal string ("12.5") as integer nano-USD, or the field fails. */
export function limitToNano(limitUsd: string): number {
  if (!util.matches('^\\d{1,7}(\\.\\d{1,9})?$', limitUsd)) {
    util.error(
      `limitUsd must be a decimal string of USD with at most 9 fraction digits, like "25" or "0.5", got "${limitUsd}"`,
      ERROR_TYPES.validation,
    );
  }
  const parts = limitUsd.split('.');
  const whole = Number(parts[0] ?? '0');
  const fraction = Number(`${parts[1] ?? ''}000000000`.slice(0, 9));
  const nano = whole * NANO_PER_USD + fraction;
  if (nano <= 0 || nano > MAX_LIMIT_NANO_USD) {
    util.error(`limitUsd must be more than 0 and at most 9000000, got "${limitUsd}"`, ERROR_TYPES.validation);
  }
  return nano;
}

const amount = (nano: number) => ({ usd: nanoToUsd(`${nano}`), nano: `${nano}` });

export function toPeriodUsage(budget: BudgetItem, counter: BudgetPeriodItem | null, periodKey: string): BudgetPeriodUsage {
  const spent = counter?.spentNanoUsd ?? 0;
  const reserved = counter?.reservedNanoUsd ?? 0;
  const committed = counter?.committedNanoUsd ?? 0;
  const left = budget.limitNanoUsd - committed;
  const remaining = amount(left > 0 ? left : 0);
  return {
    periodKey,
    spentUsd: amount(spent).usd,
    spentNanoUsd: amount(spent).nano,
    reservedUsd: amount(reserved).usd,
    reservedNanoUsd: amount(reserved).nano,
    remainingUsd: remaining.usd,
    remainingNanoUsd: remaining.nano,
  };
}

/** A stored budget as the API shows it; `counters` are the period items read with it, if any. */
export function toBudget(item: BudgetItem, counters: BudgetPeriodItem[] | null): Budget {
  const periodKey = counters ? budgetPeriodKey(item, util.time.nowISO8601()) : null;
  const counter = periodKey ? (counters ?? []).find((candidate) => candidate.periodKey === periodKey) : undefined;
  return {
    principalId: item.team ? null : item.principalId,
    team: item.team ?? null,
    limitUsd: amount(item.limitNanoUsd).usd,
    limitNanoUsd: amount(item.limitNanoUsd).nano,
    period: item.period,
    periodStart: item.periodStart ?? null,
    periodEnd: item.periodEnd ?? null,
    hard: item.hard,
    alertThresholdsPercent: item.alertThresholdsPercent,
    updatedAt: item.updatedAt,
    current: periodKey ? toPeriodUsage(item, counter ?? null, periodKey) : null,
  };
}

export interface BudgetEventItem {
  /** Absent on events recorded before exhausted events existed: those are threshold events. */
  eventKind?: BudgetEventKind;
  principalId?: string | null;
  team?: string | null;
  periodKey: string;
  thresholdPercent: number;
  spentNanoUsd: number;
  limitNanoUsd: number;
  createdAt: string;
}

export function toBudgetEvent(item: BudgetEventItem): BudgetEvent {
  return {
    kind: item.eventKind ?? 'THRESHOLD_CROSSED',
    principalId: item.team ? null : item.principalId ?? null,
    team: item.team ?? null,
    periodKey: item.periodKey,
    thresholdPercent: item.thresholdPercent,
    spentUsd: amount(item.spentNanoUsd).usd,
    spentNanoUsd: amount(item.spentNanoUsd).nano,
    limitUsd: amount(item.limitNanoUsd).usd,
    limitNanoUsd: amount(item.limitNanoUsd).nano,
    createdAt: item.createdAt,
  };
}

/** Fails the field unless the caller may read every principal (ADMIN or FINANCE). */
export function requireReaderRole(role: string, fieldName: string): void {
  if (role !== 'ADMIN' && role !== 'FINANCE') {
    util.error(`Only an ADMIN or FINANCE key may call ${fieldName}; this key's role is ${role}`, ERROR_TYPES.unauthorized);
  }
}

/** Fails the field unless the caller is an ADMIN. */
export function requireAdminRole(role: string, fieldName: string): void {
  if (role !== 'ADMIN') {
    util.error(`Only an ADMIN key may call ${fieldName}; this key's role is ${role}`, ERROR_TYPES.unauthorized);
  }
}

const MAX_ID_LENGTH = 128;

/**
 * The budget a field names: `principalId` or `team`, never both. Without either, `fallback` decides: the
 * caller's own principal (reads), or a ValidationError (mutations, `fallback` false).
 */
export function namedSubject(principalId: string | null | undefined, team: string | null | undefined, fallback: Caller | null): BudgetSubject {
  const principal = (principalId ?? '').trim();
  const teamName = (team ?? '').trim();
  if (principal !== '' && teamName !== '') {
    util.error('Give principalId or team, not both: a budget belongs to one principal or one team', ERROR_TYPES.validation);
  }
  if (principal === '' && teamName === '') {
    if (fallback) return { kind: 'PRINCIPAL', id: fallback.principalId };
    util.error('Give principalId or team: the principal or the team whose budget this is', ERROR_TYPES.validation);
  }
  const id = principal !== '' ? principal : teamName;
  if (id.length > MAX_ID_LENGTH || id.indexOf('#') >= 0) {
    util.error(`${principal !== '' ? 'principalId' : 'team'} must be 1–128 characters without "#", got "${id}"`, ERROR_TYPES.validation);
  }
  return principal !== '' ? { kind: 'PRINCIPAL', id } : { kind: 'TEAM', id };
}

/** Fails the field unless the caller may read this budget: a USER their own principal's and own team's. */
export function requireBudgetReader(who: Caller, subject: BudgetSubject): void {
  if (readsEveryone(who)) return;
  if (subject.kind === 'PRINCIPAL' && subject.id !== who.principalId) {
    util.error(`A USER key may read only its own principal's budget (${who.principalId}), not ${subject.id}`, ERROR_TYPES.unauthorized);
  }
  const team = who.team ?? '';
  if (subject.kind === 'TEAM' && subject.id !== team) {
    util.error(
      team === '' ? `A USER key whose principal has no team may not read team ${subject.id}'s budget` : `A USER key may read only its own team's budget (${team}), not ${subject.id}`,
      ERROR_TYPES.unauthorized,
    );
  }
}
