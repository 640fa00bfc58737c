/** What every subcommand of the command line is: a name, one line of help, and a run function. */
export interface CliCommand {
  readonly name: string;
  /** One line shown by `help`, e.g. `keys create|list|revoke|rotate`. */
  readonly usage: string;
  readonly summary: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Where a command writes; tests and the launcher pass the process streams. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal: progress lines are shown only then. */
  readonly interactive: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks to stop (Ctrl+C), for long-running commands. */
  readonly interrupted: Promise<void>;
}

/** A mistake in the command line itself: shown as one line, exit code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}
