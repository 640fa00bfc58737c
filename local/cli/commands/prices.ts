import { parseArgs } from 'node:util';
import { EffectivePriceDocument, SetPriceDocument, type PriceFieldsFragment } from '../../../client/__generated__/graphql.ts';
import { CliUsageError, type CliCommand, type CliIo } from '../command.ts';
import { CONNECTION_OPTIONS, connect } from '../connect.ts';
import { formatRows, parseFormat } from '../format.ts';

const USAGE = 'prices show|set';
const COLUMNS = ['modelId', 'region', 'effectiveFrom', 'inputPer1k', 'outputPer1k', 'cacheReadPer1k', 'cacheWritePer1k', 'provider', 'version', 'source'] as const;

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
  const { effectivePrice } = await client.query(EffectivePriceDocument, { modelId, region, at: values.at });
  if (!effectivePrice) {
    io.err(`No price applies to ${modelId} in ${region}${values.at ? ` at ${values.at}` : ''}; its invocations are recorded unpriced`);
    return 1;
  }
  print(io, effectivePrice, values.format);
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
    provider: required(values.provider, '--provider', 'Anthropic'),
    source: required(values.source, '--source', '"contract 2026-11"'),
  };
  const { client } = connect(values, io);
  const { setPrice } = await client.mutate(SetPriceDocument, { input });
  print(io, setPrice, values.format);
  return 0;
}

const ACTIONS: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>> = { show, set };

/** `prices show|set` (the schema has no listing query: a price is looked up per model and Region). */
export const pricesCommand: CliCommand = {
  name: 'prices',
  usage: USAGE,
  summary: 'show the price that applies to a model, or add one',
  async run(argv, io) {
    const [action, ...rest] = argv;
    const run = action === undefined ? undefined : ACTIONS[action];
    if (!run) throw new CliUsageError(`Unknown prices command "${action ?? ''}"; use: ${USAGE}`);
    return run(rest, io);
  },
};
