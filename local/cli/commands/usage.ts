import { parseArgs } from 'node:util';
import {
  UsageBreakdownDocument,
  UsageSummaryDocument,
  type TotalsFragment,
  type UsageBreakdownQuery,
  type UsageSummaryQuery,
} from '../../../client/__generated__/graphql.ts';
import type { LedgerClient } from '../../../client/ledger-client.ts';
import { nanoToUsd, sumNano } from '../../../client/money.ts';
import { CliUsageError, type CliCommand, type CliIo } from '../command.ts';
import { CONNECTION_OPTIONS, connect } from '../connect.ts';
import { formatRows, parseFormat, parseTags, type Row } from '../format.ts';
import { allKeys } from './keys.ts';

const GROUPINGS = ['model', 'principal', 'team', 'tag', 'day'] as const;
type Grouping = (typeof GROUPINGS)[number];

const TOTAL_COLUMNS = ['invocations', 'inputTokens', 'outputTokens', 'cacheReadInputTokens', 'cacheWriteInputTokens', 'costUsd', 'unpricedInvocations'] as const;

const COLUMNS: Readonly<Record<Grouping, readonly string[]>> = {
  model: ['modelId', ...TOTAL_COLUMNS],
  day: ['date', ...TOTAL_COLUMNS],
  principal: ['principalId', 'username', ...TOTAL_COLUMNS],
  team: ['team', ...TOTAL_COLUMNS],
  tag: ['tagValue', ...TOTAL_COLUMNS],
};

const utcDate = (date: Date): string => date.toISOString().slice(0, 10);

function totalsRow(totals: TotalsFragment): Row {
  return {
    invocations: totals.invocations,
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    cacheReadInputTokens: totals.cacheReadInputTokens,
    cacheWriteInputTokens: totals.cacheWriteInputTokens,
    costUsd: totals.costUsd,
    costNanoUsd: totals.costNanoUsd,
    unpricedInvocations: totals.unpricedInvocations,
  };
}

/** The exact sum of rows (tokens are exact integers well below 2^53; money as bigint). */
function totalOf(rows: readonly Row[]): Row {
  const add = (column: string) => rows.reduce((sum, row) => sum + Number(row[column] ?? 0), 0);
  return {
    invocations: add('invocations'),
    inputTokens: add('inputTokens'),
    outputTokens: add('outputTokens'),
    cacheReadInputTokens: add('cacheReadInputTokens'),
    cacheWriteInputTokens: add('cacheWriteInputTokens'),
    costUsd: nanoToUsd(sumNano(rows.map((row) => String(row.costNanoUsd ?? '0')))),
    unpricedInvocations: add('unpricedInvocations'),
  };
}

type Summary = UsageSummaryQuery['usageSummary'];

const DIMENSIONS = { principal: 'PRINCIPAL', team: 'TEAM', tag: 'TAG' } as const;

/**
 * Rows per principal, team or tag value, from usageBreakdown's rollups (one row per day and value,
 * paged), summed per value exactly.
 */
async function byDimension(
  client: LedgerClient,
  by: keyof typeof DIMENSIONS,
  range: { from: string; to: string; tagKey: string | undefined },
  io: CliIo,
): Promise<Row[]> {
  const perValue = new Map<string, TotalsFragment[]>();
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const { usageBreakdown }: UsageBreakdownQuery = await client.query(UsageBreakdownDocument, {
      by: DIMENSIONS[by],
      from: range.from,
      to: range.to,
      tagKey: range.tagKey,
      limit: 1000,
      nextToken,
    });
    for (const item of usageBreakdown.items) perValue.set(item.key, [...(perValue.get(item.key) ?? []), item.totals]);
    nextToken = usageBreakdown.nextToken;
    pages += 1;
    if (io.interactive && nextToken) io.err(`Read ${pages} page(s) of daily rollups…`);
  } while (nextToken);
  const usernames = new Map<string, string>();
  if (by === 'principal') for (const key of await allKeys(client, undefined)) usernames.set(key.principalId, key.username);
  const label = by === 'principal' ? 'principalId' : by === 'team' ? 'team' : 'tagValue';
  const rows = [...perValue].map(([value, totals]) => ({
    [label]: value,
    ...(by === 'principal' ? { username: usernames.get(value) ?? '' } : {}),
    ...totalOf(totals.map(totalsRow)),
    costNanoUsd: sumNano(totals.map((entry) => entry.costNanoUsd)).toString(),
  }));
  return rows.sort((a, b) => (BigInt(String(b.costNanoUsd)) > BigInt(String(a.costNanoUsd)) ? 1 : BigInt(String(b.costNanoUsd)) < BigInt(String(a.costNanoUsd)) ? -1 : 0));
}

function rowsOf(summary: Summary, by: 'model' | 'day'): Row[] {
  if (by === 'model') return summary.byModel.map((entry) => ({ modelId: entry.modelId, ...totalsRow(entry.totals) }));
  return summary.byDay.map((entry) => ({ date: entry.date, ...totalsRow(entry.totals) }));
}

/** `usage --from --to [--by model|principal|team|tag|day] [--format table|csv|json]`. */
export const usageCommand: CliCommand = {
  name: 'usage',
  usage: 'usage [--from D] [--to D] [--by model|principal|team|tag|day] [--tag-key K] [--principal-id P | --team T | --tag K=V] [--format table|csv|json]',
  summary: 'tokens and cost for a period (default: this month)',
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...CONNECTION_OPTIONS,
        from: { type: 'string' },
        to: { type: 'string' },
        by: { type: 'string' },
        format: { type: 'string' },
        'principal-id': { type: 'string' },
        team: { type: 'string' },
        tag: { type: 'string' },
        'tag-key': { type: 'string' },
      },
    });
    const by = GROUPINGS.find((grouping) => grouping === (values.by ?? 'model'));
    if (!by) throw new CliUsageError(`--by must be one of ${GROUPINGS.join(', ')}, got "${values.by ?? ''}"`);
    const scoped = values['principal-id'] !== undefined || values.team !== undefined || values.tag !== undefined;
    if ((by === 'principal' || by === 'team' || by === 'tag') && scoped) {
      throw new CliUsageError(`--by ${by} covers every ${by === 'tag' ? 'value of the tag key' : by}; drop --principal-id, --team and --tag`);
    }
    if (by === 'tag' && !values['tag-key']) throw new CliUsageError('--by tag needs --tag-key <key>, e.g. --by tag --tag-key project');
    if (by !== 'tag' && values['tag-key']) throw new CliUsageError('--tag-key applies only to --by tag');
    const [tag, extra] = parseTags(values.tag === undefined ? [] : [values.tag]);
    if (extra) throw new CliUsageError('--tag takes one key=value');
    const format = parseFormat(values.format, 'table');
    const now = new Date();
    const from = values.from ?? `${utcDate(now).slice(0, 8)}01`;
    const to = values.to ?? utcDate(now);
    const { client } = connect(values, io);
    const rows =
      by === 'principal' || by === 'team' || by === 'tag'
        ? await byDimension(client, by, { from, to, tagKey: values['tag-key'] }, io)
        : rowsOf((await client.query(UsageSummaryDocument, { from, to, principalId: values['principal-id'], team: values.team, tag })).usageSummary, by);
    const columns = COLUMNS[by];
    if (format === 'table') {
      io.out(`Usage from ${from} to ${to} (UTC), by ${by === 'tag' ? `tag ${values['tag-key'] ?? ''}` : by}`);
      const total = { [columns[0] ?? 'key']: 'TOTAL', ...totalOf(rows) };
      for (const line of formatRows([...rows, total], columns, format)) io.out(line);
    } else {
      for (const line of formatRows(rows, [...columns, 'costNanoUsd'], format)) io.out(line);
    }
    return 0;
  },
};
