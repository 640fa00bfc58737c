import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, cliEnvironment, printedValue, runCli, type CliRun } from '../helpers/cli.ts';
import { INVOKE_MODEL, SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

/** Claude 3 Haiku in bedrock-prices.json: 250 nano-USD per input token, 1,250 per output token. */
const HAIKU_NANO_PER_INPUT_TOKEN = 250n;
const HAIKU_NANO_PER_OUTPUT_TOKEN = 1250n;

let stack: TestStack;
let scratch: string;

const cli = (args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> => runCli(args, scratch, env);

const asAdmin = () => ({ BEDROCK_LEDGER_ENDPOINT: stack.graphqlUrl, BEDROCK_LEDGER_KEY: stack.adminKey ?? '' });
const printed = printedValue;

beforeAll(async () => {
  stack = await startTestStack();
  scratch = mkdtempSync(join(tmpdir(), 'bedrock-ledger-cli-'));
});

afterAll(async () => {
  await stack?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('bedrock-ledger CLI', () => {
  let userKey = '';
  let userKeyId = '';
  let userPrincipal = '';

  it('creates a key in the local runtime found through --data-dir, without any key', async () => {
    const run = await cli(['keys', 'create', '--username', 'cli-user', '--data-dir', stack.dataDir]);
    expect(run.code).toBe(0);
    userKey = printed(run.stdout, 'Key');
    userKeyId = printed(run.stdout, 'Key id');
    userPrincipal = printed(run.stdout, 'Principal id');
    expect(userKey).toMatch(/^bdl_[0-9A-Za-z]{38}$/);
    const me = await stack.as(userKey)('{ me { principalId username role } }');
    expect(me.body.data?.me).toEqual({ principalId: userPrincipal, username: 'cli-user', role: 'USER' });
  });

  it('lists keys as JSON with the endpoint and key from the environment', async () => {
    const run = await cli(['keys', 'list', '--format', 'json'], asAdmin());
    expect(run.code).toBe(0);
    const keys = JSON.parse(run.stdout) as { keyId: string; username: string; status: string }[];
    expect(keys).toContainEqual(expect.objectContaining({ keyId: userKeyId, username: 'cli-user', status: 'ACTIVE' }));
  });

  it('invokes a model with a body file and reports usage and cost; usage then shows the exact cost per model', async () => {
    const bodyFile = join(scratch, 'body.json');
    writeFileSync(bodyFile, JSON.stringify(SEED_REQUEST.body));
    const run = await cli(['invoke', '--model', SEED_REQUEST.modelId, '--body', bodyFile, '--format', 'json', '--endpoint', stack.graphqlUrl, '--key', userKey]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { principalId: string; body: { role: string }; usage: { inputTokens: number; outputTokens: number }; cost: { nanoUsd: string } };
    expect(result.principalId).toBe(userPrincipal);
    expect(result.body.role).toBe('assistant');
    const expected = BigInt(result.usage.inputTokens) * HAIKU_NANO_PER_INPUT_TOKEN + BigInt(result.usage.outputTokens) * HAIKU_NANO_PER_OUTPUT_TOKEN;
    expect(result.cost.nanoUsd).toBe(expected.toString());

    const usage = await cli(['usage', '--by', 'model', '--format', 'csv', '--endpoint', stack.graphqlUrl, '--key', userKey]);
    expect(usage.code).toBe(0);
    const [header, ...rows] = usage.stdout.trim().split('\n');
    expect(header).toBe('modelId,invocations,inputTokens,outputTokens,cacheReadInputTokens,cacheWriteInputTokens,costUsd,unpricedInvocations,costNanoUsd');
    expect(rows).toEqual([`${SEED_REQUEST.modelId},1,${result.usage.inputTokens},${result.usage.outputTokens},0,0,0.${expected.toString().padStart(9, '0')},0,${expected}`]);
  });

  it('prints the answer on stdout and one usage line on stderr by default', async () => {
    const bodyFile = join(scratch, 'body.json');
    const run = await cli(['invoke', '--model', SEED_REQUEST.modelId, '--body', bodyFile, '--endpoint', stack.graphqlUrl, '--key', userKey]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ type: 'message', role: 'assistant' });
    expect(run.stderr.trim()).toMatch(/^tokens in \d+, out \d+, cache read 0, cache write 0 · cost \$0\.\d+ · \d+ ms · invocation [0-9a-f-]{36}$/);
  });

  it('shows usage by principal to an admin, with the principal\'s username and totals', async () => {
    const run = await cli(['usage', '--by', 'principal', '--format', 'json'], asAdmin());
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as { principalId: string; username: string; invocations: number }[];
    expect(rows).toContainEqual(expect.objectContaining({ principalId: userPrincipal, username: 'cli-user', invocations: 2 }));
  });

  it('prints a table with a TOTAL row by default', async () => {
    const run = await cli(['usage', '--by', 'day', '--endpoint', stack.graphqlUrl, '--key', userKey]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^date\s+invocations\s+inputTokens/);
    expect(lines.at(-1)).toMatch(/^TOTAL\s+2\s/);
  });

  it('rotates a key: a new key for the same principal works and the old one is revoked', async () => {
    const run = await cli(['keys', 'rotate', userKeyId], asAdmin());
    expect(run.code).toBe(0);
    const newKey = printed(run.stdout, 'Key');
    expect(printed(run.stdout, 'Principal id')).toBe(userPrincipal);
    expect(newKey).not.toBe(userKey);
    const me = await stack.as(newKey)('{ me { principalId } }');
    expect(me.body.data?.me).toEqual({ principalId: userPrincipal });
    const keys = await stack.as(stack.adminKey ?? '')('query($p: ID) { apiKeys(principalId: $p) { items { keyId status } } }', { p: userPrincipal });
    expect(keys.body.data?.apiKeys).toEqual({ items: expect.arrayContaining([{ keyId: userKeyId, status: 'REVOKED' }]) });
    userKey = newKey;
  });

  it('watches live invocations, one line each, and exits 0 on Ctrl+C', async () => {
    const watcher = spawn(process.execPath, [CLI_BIN, 'watch'], { cwd: scratch, env: cliEnvironment(asAdmin()) });
    let stdout = '';
    let stderr = '';
    const seen = (pattern: RegExp, stream: () => string) =>
      new Promise<void>((resolveSeen) => {
        const check = () => {
          if (pattern.test(stream())) resolveSeen();
        };
        watcher.stdout.on('data', check);
        watcher.stderr.on('data', check);
        check();
      });
    watcher.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    watcher.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) => watcher.on('exit', (code) => resolveExit(code)));
    await seen(/^Watching invocations at /m, () => stderr);
    const reply = await stack.as(userKey)(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
    const invoked = reply.body.data?.invokeModel as { invocationId: string; createdAt: string; usage: { inputTokens: number; outputTokens: number } };
    await seen(new RegExp(invoked.createdAt), () => stdout);
    watcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${invoked.createdAt}  ${userPrincipal}  ${SEED_REQUEST.modelId.replace(/[.]/g, '\\.')}  in ${invoked.usage.inputTokens} out ${invoked.usage.outputTokens}  \\$0\\.\\d+  \\d+ ms$`)),
    ]);
  });

  it('shows the catalogue price of a model in a Region', async () => {
    const run = await cli(['prices', 'show', '--model', SEED_REQUEST.modelId, '--region', 'us-east-1', '--format', 'json'], asAdmin());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ modelId: SEED_REQUEST.modelId, inputPer1k: '0.00025', outputPer1k: '0.00125' })]);
  });

  it('adds an effective-dated price that applies from its moment on', async () => {
    const from = new Date(Date.now() + 3_600_000).toISOString();
    const set = await cli(
      ['prices', 'set', '--model', SEED_REQUEST.modelId, '--region', 'eu-west-1', '--effective-from', from, '--input-per-1k', '0.0003', '--output-per-1k', '0.0015', '--provider', 'Anthropic', '--source', 'contract', '--format', 'json'],
      asAdmin(),
    );
    expect(set.code).toBe(0);
    const later = await cli(['prices', 'show', '--model', SEED_REQUEST.modelId, '--region', 'eu-west-1', '--at', from, '--format', 'json'], asAdmin());
    expect(JSON.parse(later.stdout)).toEqual([expect.objectContaining({ region: 'eu-west-1', inputPer1k: '0.0003', outputPer1k: '0.0015', source: 'contract' })]);
  });

  it('fails with one line and exit code 2 when no key is given for an API call', async () => {
    const run = await cli(['keys', 'list', '--endpoint', stack.graphqlUrl]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: No API key: pass --key/)]);
  });

  it('fails with one line naming the errorType and exit code 1 when the API refuses the call', async () => {
    const user = await cli(['keys', 'create', '--username', 'cli-second', '--data-dir', stack.dataDir]);
    const run = await cli(['keys', 'create', '--username', 'not-allowed', '--endpoint', stack.graphqlUrl, '--key', printed(user.stdout, 'Key')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: Unauthorized: /)]);
  });

  it('fails with one line when no local API runs in the data dir', async () => {
    const run = await cli(['usage', '--key', 'bdl_x', '--data-dir', join(scratch, 'nothing-here')]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: No local API is running/)]);
  });
});
