/**
 * `npm run replay-ledger`: writes to the ledger the invocations whose ledger write failed after
 * Bedrock had answered. Replays count once, however often they run.
 *
 *   npm run replay-ledger                      # the local API's fallback file (while `npm start` runs)
 *   npm run replay-ledger -- --data-dir DIR    # another local data directory
 *   npm run replay-ledger -- --queue-url URL --ledger-table NAME --budgets-table NAME --region REGION
 *                                              # a deployed stack's fallback queue, with your AWS credentials
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { replayFallbackFile, replayFallbackQueue, type FileReplaySummary } from '../functions/lib/ledger-fallback.ts';
import { readDataDir } from '../local/config.ts';
import type { RuntimeState } from '../local/stack.ts';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      'queue-url': { type: 'string' },
      'ledger-table': { type: 'string' },
      'budgets-table': { type: 'string' },
      region: { type: 'string' },
    },
    strict: true,
  });
  let summary: FileReplaySummary;
  if (values['queue-url']) {
    const ledger = values['ledger-table'];
    const budgets = values['budgets-table'];
    const region = values.region;
    if (!ledger || !budgets || !region) {
      process.stderr.write('error: --queue-url needs --ledger-table, --budgets-table and --region (see the stack outputs)\n');
      return 2;
    }
    const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region }));
    summary = await replayFallbackQueue(db, new SQSClient({ region }), { ledger, budgets }, values['queue-url']);
  } else {
    const dataDir = readDataDir(values['data-dir'] ? ['--data-dir', values['data-dir']] : [], process.env);
    const statePath = join(dataDir, 'runtime.json');
    if (!existsSync(statePath)) {
      process.stderr.write(`error: no local API is running (no ${statePath}); start it with \`npm start\` first\n`);
      return 2;
    }
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as RuntimeState;
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({ region: state.region, endpoint: state.dynamodbEndpoint, credentials: LOCAL_CREDENTIALS }),
    );
    summary = await replayFallbackFile(db, state.tables, join(dataDir, 'ledger-fallback'));
  }
  process.stdout.write(`Recorded: ${summary.recorded}\nAlready recorded: ${summary.alreadyRecorded}\nFailed again (kept): ${summary.failed}\n`);
  return summary.failed === 0 ? 0 : 1;
}

process.exit(await main(process.argv.slice(2)));
