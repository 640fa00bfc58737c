/** Everything the dashboard shows for one period, read through the typed client and summed exactly. */
import {
  ApiKeysDocument,
  BudgetDocument,
  MeDocument,
  UsageBreakdownDocument,
  UsageSummaryDocument,
  type MeQuery,
  type UsageBreakdownQuery,
  type UsageDimension,
  type UsageSummaryQuery,
} from '../../client/__generated__/graphql.ts';
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

/** Whose budget: a principal's or a team's. */
export interface BudgetSubject {
  readonly kind: 'PRINCIPAL' | 'TEAM';
  readonly id: string;
  readonly label: string;
}

export interface BudgetUse {
  readonly subject: BudgetSubject;
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
  readonly teams: readonly NamedTotals[];
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
  if (caller.role === 'USER') return principals.set(caller.principalId, caller.username);
  let nextToken: string | null = null;
  do {
    const page: { apiKeys: { items: { principalId: string; username: string }[]; nextToken: string | null } } = await client.query(ApiKeysDocument, { limit: 100, nextToken });
    for (const key of page.apiKeys.items) principals.set(key.principalId, key.username);
    nextToken = page.apiKeys.nextToken;
  } while (nextToken);
  return principals;
}

async function budgetsOf(client: LedgerClient, subjects: readonly BudgetSubject[]): Promise<BudgetUse[] | null> {
  const uses: BudgetUse[] = [];
  for (const subject of subjects) {
    let budget;
    try {
      budget = (await client.query(BudgetDocument, subject.kind === 'TEAM' ? { team: subject.id } : { principalId: subject.id })).budget;
    } catch {
      return null;
    }
    if (budget?.current) {
      uses.push({
        subject,
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

type Totals = UsageSummaryQuery['usageSummary']['totals'];
type Rollup = { readonly date: string; readonly key: string; readonly totals: Totals };

/** Every row of one usageBreakdown dimension over the period (the API pages through rollups). */
async function breakdown(client: LedgerClient, by: UsageDimension, from: string, to: string): Promise<Rollup[]> {
  const rows: Rollup[] = [];
  let nextToken: string | null = null;
  do {
    const { usageBreakdown }: UsageBreakdownQuery = await client.query(UsageBreakdownDocument, { by, from, to, limit: 1000, nextToken });
    rows.push(...usageBreakdown.items);
    nextToken = usageBreakdown.nextToken;
  } while (nextToken);
  return rows;
}

/** Rows summed per key (principal, team or model), exactly. */
function perKey(rows: readonly Rollup[], label: (key: string) => string): NamedTotals[] {
  const sums = new Map<string, NamedTotals>();
  for (const row of rows) {
    const entry = sums.get(row.key) ?? { id: row.key, label: label(row.key), costNano: 0n, invocations: 0 };
    entry.costNano += BigInt(row.totals.costNanoUsd);
    entry.invocations += row.totals.invocations;
    sums.set(row.key, entry);
  }
  return [...sums.values()].filter((entry) => entry.invocations > 0).sort(byCost);
}

/**
 * A USER sees their own usage (one usageSummary). ADMIN and FINANCE see everyone's from the rollups:
 * three usageBreakdown reads (by model, principal and team) whatever the number of principals.
 */
export async function loadDashboard(client: LedgerClient, from: string, to: string): Promise<DashboardData> {
  const { me: caller } = await client.query(MeDocument);
  const days = new Map(datesBetween(from, to).map((date): [string, DayTotals] => [date, { date, costNano: 0n, invocations: 0, inputTokens: 0, outputTokens: 0 }]));
  const totals = { costNano: 0n, invocations: 0, inputTokens: 0, outputTokens: 0 };
  const addDay = (date: string, day: Totals) => {
    totals.costNano += BigInt(day.costNanoUsd);
    totals.invocations += day.invocations;
    totals.inputTokens += day.inputTokens;
    totals.outputTokens += day.outputTokens;
    const entry = days.get(date);
    if (!entry) return;
    entry.costNano += BigInt(day.costNanoUsd);
    entry.invocations += day.invocations;
    entry.inputTokens += day.inputTokens;
    entry.outputTokens += day.outputTokens;
  };
  let models: NamedTotals[];
  let principals: NamedTotals[];
  let teams: NamedTotals[];
  if (caller.role === 'USER') {
    const { usageSummary } = await client.query(UsageSummaryDocument, { from, to });
    for (const day of usageSummary.byDay) addDay(day.date, day.totals);
    models = usageSummary.byModel
      .map((model) => ({ id: model.modelId, label: model.modelId, costNano: BigInt(model.totals.costNanoUsd), invocations: model.totals.invocations }))
      .sort(byCost);
    const own = { id: caller.principalId, label: caller.username, costNano: totals.costNano, invocations: totals.invocations };
    principals = own.invocations > 0 ? [own] : [];
    teams = caller.team && own.invocations > 0 ? [{ ...own, id: caller.team, label: caller.team }] : [];
  } else {
    const [byModel, byPrincipal, byTeam, names] = await Promise.all([
      breakdown(client, 'MODEL', from, to),
      breakdown(client, 'PRINCIPAL', from, to),
      breakdown(client, 'TEAM', from, to),
      principalsOf(client, caller),
    ]);
    for (const row of byModel) addDay(row.date, row.totals);
    models = perKey(byModel, (key) => key);
    principals = perKey(byPrincipal, (key) => names.get(key) ?? key);
    teams = perKey(byTeam, (key) => key);
  }
  // A USER sees their own budget and their team's; ADMIN and FINANCE those of the biggest spenders.
  const ownTeam = caller.team ? [{ kind: 'TEAM' as const, id: caller.team, label: `team ${caller.team}` }] : [];
  const budgetSubjects: BudgetSubject[] =
    caller.role === 'USER'
      ? [{ kind: 'PRINCIPAL', id: caller.principalId, label: caller.username }, ...ownTeam]
      : [
          ...principals.slice(0, 8).map((principal) => ({ kind: 'PRINCIPAL' as const, id: principal.id, label: principal.label })),
          ...teams.slice(0, 4).map((team) => ({ kind: 'TEAM' as const, id: team.id, label: `team ${team.id}` })),
        ];
  return {
    caller,
    days: [...days.values()],
    models,
    principals: principals.slice(0, 10),
    teams: teams.slice(0, 10),
    totals,
    budgets: await budgetsOf(client, budgetSubjects),
  };
}
