import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutput } from '../../local/cli/start-output.ts';
import { PROJECT_ROOT } from '../../resolvers/build.ts';
import { INVOKE_MODEL, SEED_REQUEST } from '../helpers/local-stack.ts';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = join(PROJECT_ROOT, 'local', 'cli.ts');

let child: ChildProcessWithoutNullStreams;
let dataDir: string;
let printed = new Map<string, string>();

/** Starts `npm start`'s entry point and collects its labelled lines until it is ready. */
async function startCli(): Promise<void> {
  child = spawn(TSX, [CLI, 'start', '--port', '0', '--in-memory', '--data-dir', dataDir], { cwd: PROJECT_ROOT });
  printed = await startOutput(child);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-cli-'));
  await startCli();
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('prints the endpoint, realtime endpoint, AppSync API key and a first admin key', () => {
    expect(printed.get('GraphQL endpoint')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(printed.get('Realtime endpoint')).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/graphql\/realtime$/);
    expect(printed.get('API key')).toMatch(/^da2-[0-9a-f]{26}$/);
    expect(printed.get('Admin key')).toMatch(/^bdl_[0-9A-Za-z]{38}$/);
  });

  it('answers /health with 200 once ready', async () => {
    const url = new URL('/health', printed.get('GraphQL endpoint'));
    const response = await fetch(url);
    expect(response.status).toBe(200);
  });

  it("runs the seed's steps 3 and 4: keys create, then the seed's body as invokeModel", async () => {
    const created = spawnSync(TSX, [CLI, 'keys', 'create', '--username', 'Your Name', '--data-dir', dataDir], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(created.status).toBe(0);
    const key = /^Key: (\S+)$/m.exec(created.stdout)?.[1];
    expect(key).toMatch(/^bdl_/);

    const response = await fetch(printed.get('GraphQL endpoint') ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: key ?? '' },
      body: JSON.stringify({ query: INVOKE_MODEL, variables: { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } } }),
    });
    const reply = (await response.json()) as { data: { invokeModel: { body: string; usage: { inputTokens: number }; cost: { priced: boolean } } } };
    expect(response.status).toBe(200);
    expect(JSON.parse(reply.data.invokeModel.body)).toMatchObject({ type: 'message', role: 'assistant' });
    expect(reply.data.invokeModel.usage.inputTokens).toBeGreaterThan(0);
    expect(reply.data.invokeModel.cost.priced).toBe(true);
  });

  it('fails keys create with one clear line when no local API runs there', () => {
    const empty = mkdtempSync(join(tmpdir(), 'bedrock-ledger-none-'));
    const result = spawnSync(TSX, [CLI, 'keys', 'create', '--username', 'x', '--data-dir', empty], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    rmSync(empty, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`error: No local API is running (no ${join(empty, 'runtime.json')}); start one with \`npm start\`, or pass --endpoint and --key`);
  });
});
