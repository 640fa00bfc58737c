import { parseArgs } from 'node:util';
import { EffectivePriceDocument, PricesDocument, SetPriceDocument, type PriceFieldsFragment } from '../../../client/__generated__/graphql.ts';
import type { LedgerClient } from '../../../client/ledger-client.ts';
import { CliUsageError, type CliCommand, type CliIo } from '../command.ts';
import { CONNECTION_OPTIONS, connect } from '../connect.ts';
import { formatRows, parseFormat } from '../format.ts';

const USAGE = 'prices list|show|set';
const COLUMNS = ['modelId', 'region', 'effectiveFrom', 'inputPer1k', 'outputPer1k', 'cacheReadPer1k', 'cacheWritePer1k', 'cacheWrite1hPer1k', 'provider', 'version', 'source'] as const;

function required(value: string | undefined, flag: string, example: string): string {
  if (!value) throw new CliUsageError(`${flag} is required, e.g. ${flag} ${example}`);
  return value;
}

function print(io: CliIo, price: PriceFieldsFragment, format: string | undefined): void {
  for (const line of formatRows([price], COLUMNS, parseFormat(format, 'table'))) io.out(line);
}

/** `prices show --model ID --region R [--at ISO]`: the catalogue row that prices a model there and then. */
async function show(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...argv], options: { ...CONNECTION_OPTIONS, model: { type: 'string' }, region: { type: 'string' }, at: { type: 'string' }, format: { type: 'string' } } });
  const modelId = required(values.model, '--model', 'anthropic.claude-3-haiku-20240307-v1:0');
  const region = required(values.region, '--region', 'us-east-1');
  const { client } = connect(values, io);
  const { effectivePrice } = await client.query(EffectivePriceDocument, { modelId, region, at: dateTime(values.at, '--at') });
  if (!effectivePrice) {
    io.err(`No price applies to ${modelId} in ${region}${values.at ? ` at ${values.at}` : ''}; its invocations are recorded unpriced`);
    return 1;
  }
  print(io, effectivePrice, values.format);
  return 0;
}

/** An ISO-8601 date-time with a zone, as AWSDateTime takes it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/;

function dateTime(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) {
    throw new CliUsageError(`${flag} must be an ISO-8601 date-time with a zone, like 2026-11-01T00:00:00Z; got "${value}"`);
  }
  return value;
}

interface ListFilter {
  readonly modelId: string | undefined;
  readonly region: string | undefined;
  readonly at: string | undefined;
  readonly history: boolean;
}

/** Every page of the `prices` query; a line of progress on a terminal's stderr while more pages follow. */
export async function allPrices(client: LedgerClient, filter: ListFilter, io: CliIo): Promise<PriceFieldsFragment[]> {
  const rows: PriceFieldsFragment[] = [];
  let nextToken: string | null = null;
  do {
    const { prices }: { prices: { items: PriceFieldsFragment[]; nextToken: string | null } } = await client.query(PricesDocument, { ...filter, limit: 100, nextToken });
    rows.push(...prices.items);
    nextToken = prices.nextToken;
    if (nextToken && io.interactive) io.err(`Read ${rows.length} price row(s) so far…`);
  } while (nextToken);
  return rows;
}

/** `prices list [--model ID] [--region R] [--at ISO] [--history]`: the catalogue in effect (or all of it). */
async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { ...CONNECTION_OPTIONS, model: { type: 'string' }, region: { type: 'string' }, at: { type: 'string' }, history: { type: 'boolean' }, format: { type: 'string' } },
  });
  const format = parseFormat(values.format, 'table');
  const filter = { modelId: values.model, region: values.region, at: dateTime(values.at, '--at'), history: values.history === true };
  const { client } = connect(values, io);
  const rows = await allPrices(client, filter, io);
  for (const line of formatRows(rows, COLUMNS, format)) io.out(line);
  return 0;
}

/** `prices set …`: a new effective-dated catalogue row (ADMIN); it never applies to the past. */
async function set(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      ...CONNECTION_OPTIONS,
      model: { type: 'string' },
      region: { type: 'string' },
      'effective-from': { type: 'string' },
      'input-per-1k': { type: 'string' },
      'output-per-1k': { type: 'string' },
      'cache-read-per-1k': { type: 'string' },
      'cache-write-per-1k': { type: 'string' },
      'cache-write-1h-per-1k': { type: 'string' },
      provider: { type: 'string' },
      source: { type: 'string' },
      format: { type: 'string' },
    },
  });
  const input = {
    modelId: required(values.model, '--model', 'anthropic.claude-3-haiku-20240307-v1:0'),
    region: required(values.region, '--region', 'us-east-1'),
    effectiveFrom: values['effective-from'] ?? new Date(Date.now() + 60_000).toISOString(),
    inputPer1k: required(values['input-per-1k'], '--input-per-1k', '0.00025'),
    outputPer1k: required(values['output-per-1k'], '--output-per-1k', '0.00125'),
    cacheReadPer1k: values['cache-read-per-1k'],
    cacheWritePer1k: values['cache-write-per-1k'],
    cacheWrite1hPer1k: values['cache-write-1h-per-1k'],
    provider: required(values.provider, '--provider', 'Anthropic'),
    source: required(values.source, '--source', '"contract 2026-11"'),
  };
  const { client } = connect(values, io);
  const { setPrice } = await client.mutate(SetPriceDocument, { input });
  print(io, setPrice, values.format);
  return 0;
}

const ACTIONS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = { list, show, set };

/** `prices list|show|set`: the catalogue, the row that prices a model there and then, a new row. */
export const pricesCommand: CliCommand = {
  name: 'prices',
  usage: USAGE,
  summary: 'list the price catalogue, show the price that applies to a model, or add one',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const run = action === undefined ? undefined : ACTIONS[action];
    if (!run) throw new CliUsageError(`Unknown prices command "${action ?? ''}"; use: ${USAGE}`);
    return run(rest, io);
  },
};
