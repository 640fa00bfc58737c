import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../../local/cli/main.ts';
import { PROJECT_ROOT } from '../../../../../resolvers/build.ts';

let dir: string;

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['evaluate-code', ...argv], {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
    env: {},
    interrupted: new Promise(() => undefined),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-evaluate-'));
  writeFileSync(join(dir, 'code.js'), `export function request(ctx) { return { payload: ctx.args }; }\nexport function response(ctx) { return ctx.result; }\n`);
  writeFileSync(join(dir, 'context.json'), JSON.stringify({ arguments: { id: 'x' }, env: { SERVICE_NAME: 'svc', SERVICE_VERSION: '1' } }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bedrock-ledger evaluate-code', () => {
  it('prints EvaluateCode JSON for file:// arguments, as the AWS CLI takes them', async () => {
    const out = await run(['--code', `file://${join(dir, 'code.js')}`, '--context', `file://${join(dir, 'context.json')}`, '--function', 'request']);
    expect(out.code).toBe(0);
    const printed = JSON.parse(out.stdout) as { evaluationResult: string; logs: string[] };
    expect(JSON.parse(printed.evaluationResult)).toEqual({ payload: { id: 'x' } });
    expect(printed.logs).toEqual([]);
  });

  it('bundles a TypeScript resolver before evaluating it', async () => {
    const out = await run(['--code', join(PROJECT_ROOT, 'resolvers/Query.serviceInfo.ts'), '--context', join(dir, 'context.json'), '--function', 'request']);
    expect(out.code).toBe(0);
    expect(JSON.parse((JSON.parse(out.stdout) as { evaluationResult: string }).evaluationResult)).toEqual({ payload: { name: 'svc', version: '1' } });
  });

  it('fails with exit code 2 when an option is missing', async () => {
    const out = await run(['--code', join(dir, 'code.js'), '--function', 'request']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--code, --context and --function are all required');
  });

  it('fails with exit code 2 for a function other than request or response', async () => {
    const out = await run(['--code', join(dir, 'code.js'), '--context', join(dir, 'context.json'), '--function', 'both']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--function must be request or response');
  });

  it('fails with exit code 2 for a context that is not a JSON object', async () => {
    writeFileSync(join(dir, 'bad.json'), '[1]');
    const out = await run(['--code', join(dir, 'code.js'), '--context', join(dir, 'bad.json'), '--function', 'request']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('The context must be a JSON object');
  });
});
