/**
 * `bedrock-ledger prices list` through the package's bin against a running local stack, whose prices
 * table is seeded with the bundled catalogue (functions/lib/data/bedrock-prices.json, read here on its
 * own for the expected rows).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

interface CatalogueEntry {
  modelId: string;
  region: string;
  inputPer1k: string;
  outputPer1k: string;
}

const CATALOGUE = JSON.parse(readFileSync(resolve('functions/lib/data/bedrock-prices.json'), 'utf8')) as CatalogueEntry[];
const HAIKU = SEED_REQUEST.modelId;
const COLUMNS = 'modelId,region,effectiveFrom,inputPer1k,outputPer1k,cacheReadPer1k,cacheWritePer1k,cacheWrite1hPer1k,provider,version,source';

let stack: TestStack;
let scratch: string;

/** The CLI as an admin against the test stack. */
const cli = (args: readonly string[]): Promise<CliRun> =>
  runCli(args, scratch, { BEDROCK_LEDGER_ENDPOINT: stack.graphqlUrl, BEDROCK_LEDGER_KEY: stack.adminKey ?? '' });

/** One RFC 4180 record without line breaks: cells split on commas outside double quotes. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quoted && char === '"' && line[index + 1] === '"') {
      cell += '"';
      index += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  return [...cells, cell];
}

const rowKey = (row: { modelId: string; region: string }): string => `${row.modelId}|${row.region}`;

beforeAll(async () => {
  stack = await startTestStack();
  scratch = mkdtempSync(join(tmpdir(), 'bedrock-ledger-prices-cli-'));
}, 120_000);

afterAll(async () => {
  await stack?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('bedrock-ledger prices list', () => {
  it('prints the whole catalogue in effect as JSON, one row per bundled entry, across pages', async () => {
    const run = await cli(['prices', 'list', '--format', 'json']);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as (CatalogueEntry & { version: string })[];
    expect(rows).toHaveLength(CATALOGUE.length);
    expect(new Set(rows.map(rowKey))).toEqual(new Set(CATALOGUE.map(rowKey)));
    const haiku = rows.find((row) => row.modelId === HAIKU && row.region === '*');
    expect(haiku).toMatchObject({ inputPer1k: '0.00025', outputPer1k: '0.00125', version: 'bundled' });
  });

  it('prints one model as CSV with a header row', async () => {
    const run = await cli(['prices', 'list', '--model', HAIKU, '--format', 'csv']);
    expect(run.code).toBe(0);
    const [header, ...lines] = run.stdout.trimEnd().split('\n');
    expect(header).toBe(COLUMNS);
    const records = lines.map(csvCells);
    expect(records.every((cells) => cells.length === COLUMNS.split(',').length)).toBe(true);
    const expected = CATALOGUE.filter((entry) => entry.modelId === HAIKU);
    expect(new Set(records.map((cells) => `${cells[0]}|${cells[1]}`))).toEqual(new Set(expected.map(rowKey)));
    expect(records).toHaveLength(expected.length);
  });

  it('shows a row added for later only with --history, and in effect with --at after its start', async () => {
    const from = new Date(Date.now() + 3_600_000).toISOString();
    const set = await cli(['prices', 'set', '--model', HAIKU, '--region', 'ca-central-1', '--effective-from', from, '--input-per-1k', '0.0004', '--output-per-1k', '0.002', '--provider', 'anthropic', '--source', 'later']);
    expect(set.code).toBe(0);
    const list = async (...extra: string[]) => {
      const run = await cli(['prices', 'list', '--model', HAIKU, '--region', 'ca-central-1', '--format', 'json', ...extra]);
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as { effectiveFrom: string; inputPer1k: string }[];
    };
    expect(await list()).toEqual([]);
    expect(await list('--history')).toEqual([expect.objectContaining({ effectiveFrom: from, inputPer1k: '0.0004' })]);
    expect(await list('--at', new Date(Date.now() + 7_200_000).toISOString())).toEqual([expect.objectContaining({ inputPer1k: '0.0004' })]);
  });

  it('fails with one line and exit code 2 for an --at that is not a date-time', async () => {
    const run = await cli(['prices', 'list', '--at', 'yesterday']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: --at must be an ISO-8601 date-time/)]);
  });

  it('fails with one line and exit code 1 when the API refuses the filter', async () => {
    const run = await cli(['prices', 'list', '--region', 'moon-1']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: ValidationError: region must be a Region name/)]);
  });
});
