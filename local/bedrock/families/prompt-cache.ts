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
 */
import { createHash } from 'node:crypto';

export interface PromptSegment {
  /** Stable text identifying the segment's content (without its cache marker). */
  readonly key: string;
  readonly tokens: number;
  /** Whether a cache breakpoint follows this segment. */
  readonly breakpoint: boolean;
}

export interface CacheAccounting {
  readonly inputTokens: number;
  readonly cacheReadInputTokens: number;
  readonly cacheWriteInputTokens: number;
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
    segments.forEach((segment, index) => {
      if (segment.breakpoint) lastBreakpoint = index;
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
    segments.forEach((segment, index) => {
      const prefix = prefixHashes[index];
      if (segment.breakpoint && prefix !== undefined) this.#prefixes.add(prefix);
    });

    return { inputTokens: tokens - read - write, cacheReadInputTokens: read, cacheWriteInputTokens: write };
  }
}
