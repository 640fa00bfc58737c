/** Small statistics helpers for benchmark figures (milliseconds in, milliseconds out). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Distribution {
  readonly count: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

export function distribution(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length)),
  };
}

/** Times `count` sequential calls of `run` after `warmup` untimed ones. */
export async function timeSequential(count: number, warmup: number, run: (index: number) => Promise<void>): Promise<number[]> {
  for (let index = 0; index < warmup; index += 1) await run(-1 - index);
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await run(index);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Runs `total` calls with `concurrency` workers; returns calls per second. */
export async function throughput(total: number, concurrency: number, run: (index: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next; index < total; index = next) {
        next += 1;
        await run(index);
      }
    }),
  );
  return Math.round((total / ((performance.now() - started) / 1000)) * 10) / 10;
}
