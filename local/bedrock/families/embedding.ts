/**
 * Deterministic embedding vectors for the embedding families: each component comes from a
 * SHA-256 stream over the text, so the same text always maps to the same vector.
 */
import { createHash } from 'node:crypto';

export function embed(text: string, dimensions: number, normalize: boolean): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}\u0000${text}`).digest();
    for (let offset = 0; offset + 2 <= digest.length && values.length < dimensions; offset += 2) {
      values.push(digest.readUInt16BE(offset) / 32767.5 - 1);
    }
  }
  if (!normalize) return values;
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? values : values.map((value) => value / norm);
}
