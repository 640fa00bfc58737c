/**
 * The CLI with teams and cost-allocation tags: keys created with a team and tags, invocations tagged
 * from the command line, usage grouped by team and by tag value. Each seed request costs 11,000
 * nano-USD (Claude 3 Haiku: 4 × 250 + 8 × 1,250 nano-USD in the emulator).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printedValue, runCli } from '../helpers/cli.ts';
import { SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let scratch: string;
let bodyFile: string;

const cli = (args: readonly string[], env: Record<string, string> = {}) => runCli(args, scratch, env);
const asAdmin = () => ({ BEDROCK_LEDGER_ENDPOINT: stack.graphqlUrl, BEDROCK_LEDGER_KEY: stack.adminKey ?? '' });

beforeAll(async () => {
  stack = await startTestStack();
  scratch = mkdtempSync(join(tmpdir(), 'bedrock-ledger-cli-teams-'));
  bodyFile = join(scratch, 'body.json');
  writeFileSync(bodyFile, JSON.stringify(SEED_REQUEST.body));
});

afterAll(async () => {
  await stack?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('bedrock-ledger CLI with teams and tags', () => {
  const keys: string[] = [];
  const principals: string[] = [];

  it('creates keys with a team and tags, and lists them', async () => {
    for (const [username, team, tag] of [['ana', 'research', 'project=atlas'], ['ben', 'research', 'project=zeus'], ['cy', 'sales', 'project=atlas']] as const) {
      const run = await cli(['keys', 'create', '--username', username, '--team', team, '--tag', tag, '--data-dir', stack.dataDir]);
      expect(run.code, run.stderr).toBe(0);
      keys.push(printedValue(run.stdout, 'Key'));
      principals.push(printedValue(run.stdout, 'Principal id'));
    }
    const list = await cli(['keys', 'list', '--format', 'json'], asAdmin());
    expect(list.code).toBe(0);
    const rows = JSON.parse(list.stdout) as { username: string; team: string | null; tags: string }[];
    expect(rows.find((row) => row.username === 'ben')).toMatchObject({ team: 'research', tags: 'project=zeus' });
  }, 120_000);

  it('invokes with request tags and shows usage by team and by tag value, highest cost first', async () => {
    const [ana, ben, cy] = keys;
    for (const [key, times] of [[ana, 2], [ben, 1], [cy, 1]] as const) {
      for (let i = 0; i < times; i += 1) {
        const run = await cli(['invoke', '--model', SEED_REQUEST.modelId, '--body', bodyFile, '--tag', 'env=dev', '--format', 'json', '--endpoint', stack.graphqlUrl, '--key', key ?? '']);
        expect(run.code, run.stderr).toBe(0);
      }
    }
    const byTeam = await cli(['usage', '--by', 'team', '--format', 'json'], asAdmin());
    expect(byTeam.code, byTeam.stderr).toBe(0);
    expect((JSON.parse(byTeam.stdout) as Record<string, unknown>[]).map((row) => [row.team, row.invocations, row.costNanoUsd])).toEqual([
      ['research', 3, '33000'],
      ['sales', 1, '11000'],
    ]);
    const byProject = await cli(['usage', '--by', 'tag', '--tag-key', 'project', '--format', 'csv'], asAdmin());
    expect(byProject.code, byProject.stderr).toBe(0);
    const [header, ...lines] = byProject.stdout.trim().split('\n');
    expect(header?.split(',')[0]).toBe('tagValue');
    expect(lines.map((line) => line.split(',')[0])).toEqual(['atlas', 'zeus']);
    const teamModels = await cli(['usage', '--by', 'model', '--team', 'research', '--format', 'json'], asAdmin());
    expect((JSON.parse(teamModels.stdout) as Record<string, unknown>[]).map((row) => [row.modelId, row.invocations])).toEqual([[SEED_REQUEST.modelId, 3]]);
  }, 120_000);

  it('moves a principal to another team', async () => {
    const run = await cli(['keys', 'team', principals[2] ?? '', '--team', 'research'], asAdmin());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`Moved 1 key(s) of ${principals[2] ?? ''} to team research`);
    const list = await cli(['keys', 'list', '--principal-id', principals[2] ?? '', '--format', 'json'], asAdmin());
    expect((JSON.parse(list.stdout) as { team: string }[]).map((row) => row.team)).toEqual(['research']);
  }, 60_000);

  it('fails with one line and exit code 2 for --by tag without --tag-key or a malformed --tag', async () => {
    const noKey = await cli(['usage', '--by', 'tag'], asAdmin());
    expect(noKey.code).toBe(2);
    expect(noKey.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: --by tag needs --tag-key/)]);
    const badTag = await cli(['invoke', '--model', SEED_REQUEST.modelId, '--body', bodyFile, '--tag', 'novalue'], asAdmin());
    expect(badTag.code).toBe(2);
    expect(badTag.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: --tag must look like key=value/)]);
  });
});
