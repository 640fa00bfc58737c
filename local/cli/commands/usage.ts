import { parseArgs } from 'node:util';
import { UsageSummaryDocument, type TotalsFragment, type UsageSummaryQuery } from '../../../client/__generated__/graphql.ts';
import type { LedgerClient } from '../../../client/ledger-client.ts';
import { nanoToUsd, sumNano } from '../../../client/money.ts';
import { CliUsageError, type CliCommand, type CliIo } from '../command.ts';
import { CONNECTION_OPTIONS, connect } from '../connect.ts';
import { formatRows, parseFormat, type Row } from '../format.ts';
import { allKeys } from './keys.ts';

const GROUPINGS = ['model', 'principal', 'day'] as const;
type Grouping = (typeof GROUPINGS)[number];

const TOTAL_COLUMNS = ['invocations', 'inputTokens', 'outputTokens', 'cacheReadInputTokens', 'cacheWriteInputTokens', 'costUsd', 'unpricedInvocations'] as const;

const COLUMNS: Readonly<Record<Grouping, readonly string[]>> = {
  model: ['modelId', ...TOTAL_COLUMNS],
  day: ['date', ...TOTAL_COLUMNS],
  principal: ['principalId', 'username', ...TOTAL_COLUMNS],
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

async function byPrincipal(client: LedgerClient, from: string, to: string, io: CliIo): Promise<Row[]> {
  const usernames = new Map<string, string>();
  for (const key of await allKeys(client, undefined)) usernames.set(key.principalId, key.username);
  if (io.interactive) io.err(`Reading the usage of ${usernames.size} principal(s)…`);
  const rows: Row[] = [];
  for (const [principalId, username] of usernames) {
    const { usageSummary } = await client.query(UsageSummaryDocument, { from, to, principalId });
    if (usageSummary.totals.invocations > 0) rows.push({ principalId, username, ...totalsRow(usageSummary.totals) });
  }
  return rows.sort((a, b) => (BigInt(String(b.costNanoUsd)) > BigInt(String(a.costNanoUsd)) ? 1 : BigInt(String(b.costNanoUsd)) < BigInt(String(a.costNanoUsd)) ? -1 : 0));
}

function rowsOf(summary: Summary, by: Exclude<Grouping, 'principal'>): Row[] {
  if (by === 'model') return summary.byModel.map((entry) => ({ modelId: entry.modelId, ...totalsRow(entry.totals) }));
  return summary.byDay.map((entry) => ({ date: entry.date, ...totalsRow(entry.totals) }));
}

/** `usage --from --to [--by model|principal|day] [--format table|csv|json]`. */
export const usageCommand: CliCommand = {
  name: 'usage',
  usage: 'usage [--from D] [--to D] [--by model|principal|day] [--format table|csv|json]',
  summary: 'tokens and cost for a period (default: this month)',
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...CONNECTION_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, by: { type: 'string' }, format: { type: 'string' }, 'principal-id': { type: 'string' } },
    });
    const by = GROUPINGS.find((grouping) => grouping === (values.by ?? 'model'));
    if (!by) throw new CliUsageError(`--by must be one of ${GROUPINGS.join(', ')}, got "${values.by ?? ''}"`);
    if (by === 'principal' && values['principal-id']) throw new CliUsageError('--by principal covers every principal; drop --principal-id');
    const format = parseFormat(values.format, 'table');
    const now = new Date();
    const from = values.from ?? `${utcDate(now).slice(0, 8)}01`;
    const to = values.to ?? utcDate(now);
    const { client } = connect(values, io);
    let rows: Row[];
    if (by === 'principal') rows = await byPrincipal(client, from, to, io);
    else rows = rowsOf((await client.query(UsageSummaryDocument, { from, to, principalId: values['principal-id'] })).usageSummary, by);
    const columns = COLUMNS[by];
    if (format === 'table') {
      io.out(`Usage from ${from} to ${to} (UTC), by ${by}`);
      const total = { [columns[0] ?? 'key']: 'TOTAL', ...totalOf(rows) };
      for (const line of formatRows([...rows, total], columns, format)) io.out(line);
    } else {
      for (const line of formatRows(rows, [...columns, 'costNanoUsd'], format)) io.out(line);
    }
    return 0;
  },
};
