import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** How a function invocation failed, as the Lambda runtime reports it. */
export interface LambdaFailure {
  readonly errorType: string;
  readonly errorMessage: string;
}

export type LambdaOutcome = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: LambdaFailure };

export interface LambdaHostOptions {
  readonly functionName: string;
  /** The bundle that deploys (resolvers/build.ts bundleFunction). */
  readonly bundle: string;
  /** The function's environment: what infra/ sets deployed, local endpoints here. */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Settings known only once the local API listens (its own GraphQL URL): when given, the worker starts
   * at the first invocation with these added to `environment`.
   */
  readonly lateEnvironment?: () => Readonly<Record<string, string>>;
  /** Where the bundle file is written; defaults to a folder under the OS temp dir. */
  readonly workDir?: string;
}

/**
 * A Lambda function run locally: its deployed bundle in a worker thread with its own environment,
 * so several functions (and several local APIs in one test process) never share configuration.
 */
export class LambdaHost {
  readonly functionName: string;
  readonly #start: () => Worker;
  #worker: Worker | null = null;
  readonly #pending = new Map<number, (outcome: LambdaOutcome) => void>();
  #nextId = 1;

  constructor(options: LambdaHostOptions) {
    this.functionName = options.functionName;
    const hash = createHash('sha256').update(options.bundle).digest('hex').slice(0, 16);
    const dir = join(options.workDir ?? join(tmpdir(), 'bedrock-ledger-functions'), `${options.functionName}-${hash}`);
    mkdirSync(dir, { recursive: true });
    const bundlePath = join(dir, 'index.mjs');
    writeFileSync(bundlePath, options.bundle);
    this.#start = () => {
      const worker = new Worker(fileURLToPath(new URL('./worker.mjs', import.meta.url)), {
        workerData: { bundlePath: pathToFileURL(bundlePath).href, functionName: options.functionName },
        env: { ...options.environment, ...options.lateEnvironment?.() },
      });
      worker.on('message', (message: { id: number } & LambdaOutcome) => {
        const settle = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        settle?.(message.ok ? { ok: true, result: message.result } : { ok: false, error: message.error });
      });
      worker.on('error', (error) => this.#failAll({ errorType: 'Runtime.ExitError', errorMessage: error.message }));
      worker.on('exit', (code) =>
        this.#failAll({ errorType: 'Runtime.ExitError', errorMessage: `${this.functionName} exited with code ${code}` }),
      );
      worker.unref();
      return worker;
    };
    if (!options.lateEnvironment) this.#worker = this.#start();
  }

  invoke(event: unknown): Promise<LambdaOutcome> {
    const id = this.#nextId;
    this.#nextId += 1;
    this.#worker ??= this.#start();
    const worker = this.#worker;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      worker.postMessage({ id, event });
    });
  }

  async stop(): Promise<void> {
    await this.#worker?.terminate();
  }

  #failAll(error: LambdaFailure): void {
    for (const settle of this.#pending.values()) settle({ ok: false, error });
    this.#pending.clear();
  }
}
