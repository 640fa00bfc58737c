/** Everything the dashboard shows for one period, read through the typed client and summed exactly. */
import { ApiKeysDocument, BudgetDocument, MeDocument, UsageSummaryDocument, type MeQuery, type UsageSummaryQuery } from '../../client/__generated__/graphql.ts';
import type { LedgerClient } from '../../client/ledger-client.ts';

export interface DayTotals {
  readonly date: string;
  costNano: bigint;
  invocations: number;
  inputTokens: number;
  outputTokens: number;
}

export interface NamedTotals {
  readonly id: string;
  readonly label: string;
  costNano: bigint;
  invocations: number;
}

export interface BudgetUse {
  readonly principalId: string;
  readonly label: string;
  readonly limitNano: bigint;
  readonly spentNano: bigint;
  readonly reservedNano: bigint;
  readonly periodKey: string;
  readonly hard: boolean;
}

export interface DashboardData {
  readonly caller: MeQuery['me'];
  readonly days: readonly DayTotals[];
  readonly models: readonly NamedTotals[];
  readonly principals: readonly NamedTotals[];
  readonly totals: { costNano: bigint; invocations: number; inputTokens: number; outputTokens: number };
  /** null when the API has no budgets. */
  readonly budgets: readonly BudgetUse[] | null;
}

/** Every UTC date from `from` to `to`, inclusive (at most 400). */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`).getTime();
  while (day.getTime() <= end && dates.length < 400) {
    dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return dates;
}

const byCost = (a: NamedTotals, b: NamedTotals) => (b.costNano > a.costNano ? 1 : b.costNano < a.costNano ? -1 : b.invocations - a.invocations);

async function principalsOf(client: LedgerClient, caller: MeQuery['me']): Promise<Map<string, string>> {
  const principals = new Map<string, string>();
  if (caller.role !== 'ADMIN') return principals.set(caller.principalId, caller.username);
  let nextToken: string | null = null;
  do {
    const page: { apiKeys: { items: { principalId: string; username: string }[]; nextToken: string | null } } = await client.query(ApiKeysDocument, { limit: 100, nextToken });
    for (const key of page.apiKeys.items) principals.set(key.principalId, key.username);
    nextToken = page.apiKeys.nextToken;
  } while (nextToken);
  return principals;
}

async function budgetsOf(client: LedgerClient, principals: readonly NamedTotals[]): Promise<BudgetUse[] | null> {
  const uses: BudgetUse[] = [];
  for (const principal of principals) {
    let budget;
    try {
      budget = (await client.query(BudgetDocument, { principalId: principal.id })).budget;
    } catch {
      return null;
    }
    if (budget?.current) {
      uses.push({
        principalId: principal.id,
        label: principal.label,
        limitNano: BigInt(budget.limitNanoUsd),
        spentNano: BigInt(budget.current.spentNanoUsd),
        reservedNano: BigInt(budget.current.reservedNanoUsd),
        periodKey: budget.current.periodKey,
        hard: budget.hard,
      });
    }
  }
  return uses;
}

export async function loadDashboard(client: LedgerClient, from: string, to: string): Promise<DashboardData> {
  const { me: caller } = await client.query(MeDocument);
  const names = await principalsOf(client, caller);
  const summaries: { principalId: string; summary: UsageSummaryQuery['usageSummary'] }[] = [];
  const ids = [...names.keys()];
  for (let start = 0; start < ids.length; start += 4) {
    const batch = await Promise.all(ids.slice(start, start + 4).map(async (principalId) => ({ principalId, summary: (await client.query(UsageSummaryDocument, { from, to, principalId })).usageSummary })));
    summaries.push(...batch);
  }
  const days = new Map(datesBetween(from, to).map((date): [string, DayTotals] => [date, { date, costNano: 0n, invocations: 0, inputTokens: 0, outputTokens: 0 }]));
  const models = new Map<string, NamedTotals>();
  const principals: NamedTotals[] = [];
  const totals = { costNano: 0n, invocations: 0, inputTokens: 0, outputTokens: 0 };
  for (const { principalId, summary } of summaries) {
    for (const day of summary.byDay) {
      const entry = days.get(day.date);
      if (!entry) continue;
      entry.costNano += BigInt(day.totals.costNanoUsd);
      entry.invocations += day.totals.invocations;
      entry.inputTokens += day.totals.inputTokens;
      entry.outputTokens += day.totals.outputTokens;
    }
    for (const model of summary.byModel) {
      const entry = models.get(model.modelId) ?? { id: model.modelId, label: model.modelId, costNano: 0n, invocations: 0 };
      entry.costNano += BigInt(model.totals.costNanoUsd);
      entry.invocations += model.totals.invocations;
      models.set(model.modelId, entry);
    }
    const cost = BigInt(summary.totals.costNanoUsd);
    principals.push({ id: principalId, label: names.get(principalId) ?? principalId, costNano: cost, invocations: summary.totals.invocations });
    totals.costNano += cost;
    totals.invocations += summary.totals.invocations;
    totals.inputTokens += summary.totals.inputTokens;
    totals.outputTokens += summary.totals.outputTokens;
  }
  const spenders = principals.filter((principal) => principal.invocations > 0).sort(byCost);
  const budgetSubjects = caller.role === 'ADMIN' ? spenders.slice(0, 8) : [{ id: caller.principalId, label: caller.username, costNano: 0n, invocations: 0 }];
  return {
    caller,
    days: [...days.values()],
    models: [...models.values()].sort(byCost),
    principals: spenders.slice(0, 10),
    totals,
    budgets: await budgetsOf(client, budgetSubjects),
  };
}
