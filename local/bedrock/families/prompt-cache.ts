/**
 * Prompt caching, simplified. A prompt is a list of segments in cache order (tools, then
 * system, then messages); some segments end with a cache breakpoint (Anthropic
 * `cache_control`, Nova `cachePoint`).
 *
 * For one request:
 * - cache read = tokens of the longest prefix, ending at any segment, that an earlier
 *   request wrote to the cache for the same model;
 * - cache write = tokens from there up to and including the last breakpoint, when that
 *   prefix was not already cached; every breakpoint prefix is then remembered;
 * - input = all remaining tokens.
 * Entries never expire and there is no minimum cacheable length. One cache per emulator
 * instance.
 *
 * A breakpoint may ask for the 1-hour time to live (Anthropic `cache_control.ttl: "1h"`, Converse
 * `cachePoint.ttl: "1h"`). The write is then split the way Anthropic bills mixed TTLs: the tokens
 * written up to the last 1-hour breakpoint are 1-hour writes, the rest up to the last breakpoint
 * 5-minute writes.
 */
import { createHash } from 'node:crypto';

export interface PromptSegment {
  /** Stable text identifying the segment's content (without its cache marker). */
  readonly key: string;
  readonly tokens: number;
  /** Whether a cache breakpoint follows this segment. */
  readonly breakpoint: boolean;
  /** The breakpoint's time to live; '5m' when absent. */
  readonly ttl?: CacheTtl;
}

export type CacheTtl = '5m' | '1h';

export interface CacheAccounting {
  readonly inputTokens: number;
  readonly cacheReadInputTokens: number;
  /** Every token written, whatever its time to live. */
  readonly cacheWriteInputTokens: number;
  /** The part of the write that carries the 1-hour time to live. */
  readonly cacheWrite1hInputTokens: number;
}

export class PromptCache {
  readonly #prefixes = new Set<string>();

  account(modelId: string, segments: readonly PromptSegment[]): CacheAccounting {
    const prefixHashes: string[] = [];
    const prefixTokens: number[] = [];
    let hash = createHash('sha256').update(modelId).digest('hex');
    let tokens = 0;
    for (const segment of segments) {
      hash = createHash('sha256').update(hash).update('\u0000').update(segment.key).digest('hex');
      tokens += segment.tokens;
      prefixHashes.push(hash);
      prefixTokens.push(tokens);
    }

    let lastBreakpoint = -1;
    let last1hBreakpoint = -1;
    segments.forEach((segment, index) => {
      if (segment.breakpoint) lastBreakpoint = index;
      if (segment.breakpoint && segment.ttl === '1h') last1hBreakpoint = index;
    });

    let hit = -1;
    for (let index = lastBreakpoint; index >= 0; index -= 1) {
      const prefix = prefixHashes[index];
      if (prefix !== undefined && this.#prefixes.has(prefix)) {
        hit = index;
        break;
      }
    }

    const read = hit >= 0 ? (prefixTokens[hit] ?? 0) : 0;
    const write = lastBreakpoint > hit ? (prefixTokens[lastBreakpoint] ?? 0) - read : 0;
    const write1h = last1hBreakpoint > hit ? (prefixTokens[last1hBreakpoint] ?? 0) - read : 0;
    segments.forEach((segment, index) => {
      const prefix = prefixHashes[index];
      if (segment.breakpoint && prefix !== undefined) this.#prefixes.add(prefix);
    });

    return {
      inputTokens: tokens - read - write,
      cacheReadInputTokens: read,
      cacheWriteInputTokens: write,
      cacheWrite1hInputTokens: write1h,
    };
  }
}
