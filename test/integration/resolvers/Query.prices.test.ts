/**
 * Query.prices against DynamoDB Local: the bundled resolver run in the APPSYNC_JS sandbox over the
 * prices table (and its byKind index) seeded with the bundled catalogue; admin rows are added by the
 * real Mutation.setPrice pipeline. Expected rows come from functions/lib/data/bedrock-prices.json,
 * read here on its own.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPriceCatalogue } from '../../../functions/lib/price-catalogue.ts';
import { createDynamoDbDataSource } from '../../../local/data-sources/dynamodb.ts';
import { runResolverLoader } from '../../../local/graphql/loader.ts';
import { ResolverFailure, runResolver, type RunnableResolver } from '../../../local/graphql/resolver-runner.ts';
import type { AppSyncContext } from '../../../local/runtime/types.ts';
import { bundleResolver, PROJECT_ROOT } from '../../../resolvers/build.ts';
import { DATA_SOURCES, RESOLVERS, STEPS, resolverCodePath, stepCodePath, type DataSourceName } from '../../../resolvers/manifest.ts';
import { createTestTables, dynamodbEndpoint, localDynamoDbClient, type TestTableNames } from '../../helpers/dynamodb.ts';

interface CatalogueEntry {
  modelId: string;
  region: string;
  inputPer1k: string;
}

interface ListedPrice {
  modelId: string;
  baseModelId: string;
  region: string;
  effectiveFrom: string;
  version: string;
  inputPer1k: string;
}

interface Page {
  items: ListedPrice[];
  nextToken: string | null;
}

const CATALOGUE = JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'functions/lib/data/bedrock-prices.json'), 'utf8')) as CatalogueEntry[];
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const HOUR = 3_600_000;

const identity = (role: 'ADMIN' | 'USER' | 'FINANCE') => ({
  resolverContext: { principalId: `prn_${role.toLowerCase()}`, keyId: `key_${role.toLowerCase()}`, role, username: role },
});

let client: DynamoDBClient;
let tables: TestTableNames;
let pricesResolver: RunnableResolver;
let setPriceResolver: RunnableResolver;

function context(fieldName: string, parentTypeName: string, args: Record<string, unknown>, role: 'ADMIN' | 'USER' | 'FINANCE'): AppSyncContext {
  return {
    arguments: args,
    args,
    identity: identity(role),
    source: null,
    stash: {},
    prev: { result: null },
    result: null,
    env: {},
    request: { headers: {}, domainName: null },
    info: { fieldName, parentTypeName, variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
  };
}

async function prices(args: Record<string, unknown>, role: 'ADMIN' | 'USER' | 'FINANCE' = 'USER'): Promise<Page> {
  const run = await runResolver(pricesResolver, context('prices', 'Query', args, role), 'Lambda Authorization');
  return run.value as Page;
}

/** Every page, following nextToken; also returns how many pages it took. */
async function allPrices(args: Record<string, unknown>): Promise<{ items: ListedPrice[]; pages: number }> {
  const items: ListedPrice[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const page = await prices({ ...args, nextToken });
    items.push(...page.items);
    nextToken = page.nextToken;
    pages += 1;
  } while (nextToken !== null && pages < 1000);
  return { items, pages };
}

async function setPrice(input: Record<string, unknown>): Promise<ListedPrice> {
  const run = await runResolver(setPriceResolver, context('setPrice', 'Mutation', { input }, 'ADMIN'), 'Lambda Authorization');
  return run.value as ListedPrice;
}

async function failure(args: Record<string, unknown>): Promise<{ errorType: string | null; message: string }> {
  const error: unknown = await prices(args).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ResolverFailure)) throw new Error(`expected the field to fail, got ${String(error)}`);
  return { errorType: error.error.errorType, message: error.error.message };
}

const iso = (ms: number): string => new Date(ms).toISOString();
const rowKey = (row: { modelId: string; region: string }): string => `${row.modelId}|${row.region}`;

beforeAll(async () => {
  client = localDynamoDbClient(dynamodbEndpoint());
  tables = await createTestTables(client);
  await seedPriceCatalogue(DynamoDBDocumentClient.from(client), tables.prices);
  const load = runResolverLoader((path) => bundleResolver(path));
  const dataSource = (name: DataSourceName) => {
    const definition = DATA_SOURCES[name];
    if (definition.kind !== 'DYNAMODB') throw new Error(`${name} is not a table`);
    return createDynamoDbDataSource({ client, tableName: tables[definition.table] });
  };
  const pricesEntry = RESOLVERS['Query.prices'];
  pricesResolver = { kind: 'UNIT', module: load(resolverCodePath('Query.prices')), dataSource: dataSource(pricesEntry.dataSource) };
  setPriceResolver = {
    kind: 'PIPELINE',
    module: load(resolverCodePath('Mutation.setPrice')),
    steps: RESOLVERS['Mutation.setPrice'].steps.map((step) => ({ module: load(stepCodePath(step)), dataSource: dataSource(STEPS[step].dataSource) })),
  };
}, 60_000);

afterAll(() => {
  client.destroy();
});

describe('Query.prices', () => {
  it('lists the seeded bundled catalogue, one row per entry of bedrock-prices.json, across pages', async () => {
    const { items, pages } = await allPrices({ limit: 7 });
    expect(items).toHaveLength(CATALOGUE.length);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(items.map(rowKey))).toEqual(new Set(CATALOGUE.map(rowKey)));
    expect(items.every((item) => item.version === 'bundled' && item.effectiveFrom === '1970-01-01T00:00:00.000Z')).toBe(true);
  });

  it('lists every row in key order: by base model, then routing prefix, then Region', async () => {
    const { items } = await allPrices({ limit: 100, history: true });
    const prefixOf = (item: ListedPrice) => (item.modelId === item.baseModelId ? '-' : item.modelId.slice(0, item.modelId.length - item.baseModelId.length - 1));
    const keys = items.map((item) => `${item.baseModelId}#${prefixOf(item)}#${item.region}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('reads one model by its base id: every row of every routing prefix of that model', async () => {
    const expected = CATALOGUE.filter((entry) => entry.modelId === SONNET_45 || entry.modelId.endsWith(`.${SONNET_45}`));
    expect(expected.length).toBeGreaterThan(1);
    const { items } = await allPrices({ modelId: SONNET_45, limit: 2 });
    expect(new Set(items.map(rowKey))).toEqual(new Set(expected.map(rowKey)));
    expect(items).toHaveLength(expected.length);
  });

  it('reads one routing prefix by a profile id', async () => {
    const { items } = await allPrices({ modelId: `us.${SONNET_45}` });
    expect(items.map(rowKey)).toEqual(CATALOGUE.filter((entry) => entry.modelId === `us.${SONNET_45}`).map(rowKey));
  });

  it('keeps only the rows of the Region asked for', async () => {
    const { items } = await allPrices({ region: 'eu-west-2', limit: 10 });
    expect(new Set(items.map(rowKey))).toEqual(new Set(CATALOGUE.filter((entry) => entry.region === 'eu-west-2').map(rowKey)));
  });

  it('lets a USER, a FINANCE and an ADMIN key read the catalogue', async () => {
    for (const role of ['USER', 'FINANCE', 'ADMIN'] as const) {
      const page = await prices({ modelId: HAIKU }, role);
      expect(page.items.length).toBe(CATALOGUE.filter((entry) => entry.modelId === HAIKU).length);
    }
  });

  describe('with rows added by setPrice', () => {
    const now = Date.now();
    const future = iso(now + 2 * HOUR);

    beforeAll(async () => {
      // A new Region for Haiku, starting in two hours.
      await setPrice({ modelId: HAIKU, region: 'ap-south-1', effectiveFrom: future, inputPer1k: '0.0009', outputPer1k: '0.0045', provider: 'anthropic', source: 'future row' });
      // Three successive rows over Haiku's bundled every-Region row: +1 h, +2 h, +3 h.
      for (const [hours, input] of [[1, '0.0011'], [2, '0.0012'], [3, '0.0013']] as const) {
        await setPrice({ modelId: HAIKU, region: '*', effectiveFrom: iso(now + hours * HOUR), inputPer1k: input, outputPer1k: '0.005', provider: 'anthropic', source: `row +${hours}h` });
      }
    }, 60_000);

    it('does not list a row that starts in the future without history', async () => {
      const { items } = await allPrices({ modelId: HAIKU, limit: 3 });
      expect(items.find((item) => item.region === 'ap-south-1')).toBeUndefined();
      expect(items.filter((item) => item.region === '*')).toEqual([expect.objectContaining({ version: 'bundled', inputPer1k: '0.00025' })]);
    });

    it('lists future and superseded rows with history, oldest first per key', async () => {
      const { items } = await allPrices({ modelId: HAIKU, history: true, limit: 3 });
      expect(items.filter((item) => item.region === 'ap-south-1')).toEqual([expect.objectContaining({ effectiveFrom: future, inputPer1k: '0.0009' })]);
      expect(items.filter((item) => item.region === '*').map((item) => item.inputPer1k)).toEqual(['0.00025', '0.0011', '0.0012', '0.0013']);
      expect(items).toHaveLength(CATALOGUE.filter((entry) => entry.modelId === HAIKU).length + 4);
    });

    it('lists the superseding row in place of the old one at a moment after its start, at every page size', async () => {
      const at = iso(now + 2.5 * HOUR);
      for (const limit of [1, 2, 3, 4, 5, 100]) {
        for (const modelId of [HAIKU, undefined]) {
          const { items } = await allPrices({ ...(modelId ? { modelId } : {}), at, limit });
          const haiku = items.filter((item) => item.baseModelId === HAIKU);
          expect(haiku.filter((item) => item.region === '*'), `limit ${limit}, modelId ${String(modelId)}`).toEqual([expect.objectContaining({ inputPer1k: '0.0012', effectiveFrom: iso(now + 2 * HOUR) })]);
          expect(haiku.filter((item) => item.region === 'ap-south-1')).toEqual([expect.objectContaining({ inputPer1k: '0.0009' })]);
          expect(haiku).toHaveLength(CATALOGUE.filter((entry) => entry.modelId === HAIKU).length + 1);
          if (modelId === undefined) expect(items).toHaveLength(CATALOGUE.length + 1);
        }
      }
    });

    it('lists the bundled row again at a moment before the first new start', async () => {
      const { items } = await allPrices({ modelId: HAIKU, region: '*', at: iso(now - HOUR) });
      expect(items).toEqual([expect.objectContaining({ version: 'bundled', inputPer1k: '0.00025' })]);
    });
  });

  it('fails with ValidationError for a Region that is not one', async () => {
    expect(await failure({ region: 'moon-1' })).toMatchObject({ errorType: 'ValidationError', message: expect.stringContaining('moon-1') });
  });

  it('fails with ValidationError for a model ARN', async () => {
    expect(await failure({ modelId: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}` })).toMatchObject({ errorType: 'ValidationError' });
  });

  it('fails with ValidationError for a limit outside 1–100', async () => {
    expect(await failure({ limit: 0 })).toMatchObject({ errorType: 'ValidationError' });
    expect(await failure({ limit: 101 })).toMatchObject({ errorType: 'ValidationError' });
  });

  it('fails with ValidationError for a nextToken this query did not return', async () => {
    expect(await failure({ nextToken: 'not a token!' })).toMatchObject({ errorType: 'ValidationError', message: 'nextToken is not valid for this query' });
    const other = await prices({ modelId: HAIKU, limit: 1 });
    expect(other.nextToken).not.toBeNull();
    expect(await failure({ modelId: SONNET_45, nextToken: other.nextToken })).toMatchObject({ errorType: 'ValidationError' });
  });
});
