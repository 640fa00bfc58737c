import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../resolvers/build.ts';
import type { RuntimeState } from '../local/stack.ts';
import { startOutput } from '../local/cli/start-output.ts';

export interface RuntimeProcess {
  readonly graphqlUrl: string;
  readonly adminKey: string;
  readonly bedrockUrl: string;
  readonly state: RuntimeState;
  readonly pid: number;
  /** Time from spawn to /health answering 200. */
  readonly startupMs: number;
  /** Peak resident set of the runtime process so far (VmHWM), in MB; excludes DynamoDB Local's JVM. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Starts the local runtime exactly as `npm start --in-memory` does, in its own process. */
export async function startRuntimeProcess(): Promise<RuntimeProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bedrock-ledger-bench-'));
  const started = performance.now();
  const child: ChildProcessWithoutNullStreams = spawn(
    join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
    [join(PROJECT_ROOT, 'local', 'cli.ts'), 'start', '--port', '0', '--in-memory', '--data-dir', dataDir],
    { cwd: PROJECT_ROOT, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
  );
  const printed = await startOutput(child);
  const graphqlUrl = printed.get('GraphQL endpoint') ?? '';
  for (;;) {
    const health = await fetch(new URL('/health', graphqlUrl)).catch(() => null);
    if (health?.status === 200) break;
  }
  const startupMs = Math.round(performance.now() - started);
  // The child is tsx's launcher; the runtime is its node child. Find the process that owns runtime.json.
  const state = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as RuntimeState;
  return {
    graphqlUrl,
    adminKey: printed.get('Admin key') ?? '',
    bedrockUrl: (printed.get('Bedrock') ?? '').replace('emulator at ', ''),
    state,
    pid: state.pid,
    startupMs,
    peakRssMb() {
      const status = readFileSync(`/proc/${state.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return Math.round((kb / 1024) * 10) / 10;
    },
    async stop() {
      const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
