import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The package's bin, as `npx bedrock-ledger` runs it. */
export const CLI_BIN = resolve('bin/bedrock-ledger.js');

/** This process's environment without BEDROCK_LEDGER_* variables, plus `env`. */
export const cliEnvironment = (env: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('BEDROCK_LEDGER_'))),
  ...env,
});

/** Runs the package's bin in `cwd` with a clean environment (no BEDROCK_LEDGER_* from the caller). */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolveRun) => {
    execFile(process.execPath, [CLI_BIN, ...args], { cwd, env: cliEnvironment(env), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolveRun({ code, stdout, stderr });
    });
  });
}

/** The value of a `Label: value` line the CLI printed. */
export const printedValue = (output: string, label: string): string => output.match(new RegExp(`^${label}: (.+)$`, 'm'))?.[1] ?? '';
