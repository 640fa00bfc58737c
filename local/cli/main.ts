/**
 * The command line's dispatcher: `bedrock-ledger <command> …`. Commands register in COMMANDS; each
 * owns its arguments. Errors are one line on stderr and a non-zero exit code (2 for usage mistakes).
 */
import { LedgerConnectionError, LedgerGraphqlError } from '../../client/ledger-client.ts';
import { LocalConfigError } from '../config.ts';
import { NoLocalApiError } from './connect.ts';
import type { CliCommand, CliIo } from './command.ts';
import { CliUsageError } from './command.ts';
import { evaluateCodeCommand } from './commands/evaluate-code.ts';
import { invokeCommand } from './commands/invoke.ts';
import { keysCommand } from './commands/keys.ts';
import { pricesCommand } from './commands/prices.ts';
import { startCommand } from './commands/start.ts';
import { usageCommand } from './commands/usage.ts';
import { watchCommand } from './commands/watch.ts';

export const COMMANDS: readonly CliCommand[] = [startCommand, keysCommand, invokeCommand, usageCommand, watchCommand, pricesCommand, evaluateCodeCommand];

function help(io: CliIo): void {
  io.out('Usage: bedrock-ledger <command> [options]');
  io.out('');
  for (const command of COMMANDS) io.out(`  ${command.usage.padEnd(44)} ${command.summary}`);
  io.out('');
  io.out('Against the local API (npm start) by default; elsewhere with --endpoint <graphql url> --key <key>');
  io.out('or BEDROCK_LEDGER_ENDPOINT and BEDROCK_LEDGER_KEY.');
}

function processIo(): CliIo {
  let interrupted: Promise<void> | undefined;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactive: process.stderr.isTTY === true,
    env: process.env,
    // Signal handlers are installed only when a long-running command asks; others keep Ctrl+C's default.
    get interrupted() {
      interrupted ??= new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      return interrupted;
    },
  };
}

/** node:util parseArgs refusing an option or argument (a usage mistake). */
const isParseArgsError = (error: unknown): error is TypeError =>
  error instanceof TypeError && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');

/** One line for any failure; unexpected errors keep their name so they can be reported. */
export function describeError(error: unknown): string {
  if (error instanceof LedgerGraphqlError || error instanceof LedgerConnectionError || error instanceof CliUsageError || error instanceof LocalConfigError || error instanceof NoLocalApiError) {
    return error.message;
  }
  if (isParseArgsError(error)) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(`error: unknown command "${name}"; run \`bedrock-ledger help\` for the list`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`error: ${describeError(error).split('\n')[0] ?? ''}`);
    return error instanceof CliUsageError || isParseArgsError(error) ? 2 : 1;
  }
}
