/**
 * Cohere Embed v3 / v4 (`cohere.embed-*`). Request
 * `{texts, input_type, truncate, embedding_types}`; response
 * `{id, response_type, embeddings, texts}`. The body carries no token count; the emulator
 * reports the input count in the headers only, as Bedrock does.
 */
import { embed } from './embedding.ts';
import {
  checkObjectBody,
  stringsOf,
  sumTokens,
  type FamilyContext,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
} from './family.ts';

const INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering'];
const EMBEDDING_TYPES = ['float', 'int8', 'uint8', 'binary', 'ubinary'];
const MAX_TEXTS = 96;

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['texts', 'input_type']);
  check.onlyKeys(object, '#', ['texts', 'images', 'inputs', 'input_type', 'truncate', 'embedding_types', 'output_dimension', 'max_tokens']);
  check.stringArray(object['texts'], '#/texts');
  check.minItems(object['texts'], '#/texts', 1);
  check.maxItems(object['texts'], '#/texts', MAX_TEXTS);
  if (check.type(object['input_type'], '#/input_type', 'string')) check.oneOf(object['input_type'], '#/input_type', INPUT_TYPES);
  if (check.type(object['truncate'], '#/truncate', 'string')) check.oneOf(object['truncate'], '#/truncate', ['NONE', 'START', 'END']);
  if (object['embedding_types'] !== undefined) {
    check.stringArray(object['embedding_types'], '#/embedding_types');
    stringsOf(object['embedding_types']).forEach((type, index) => check.oneOf(type, `#/embedding_types/${index}`, EMBEDDING_TYPES));
  }
  check.throwIfInvalid();
  return object;
}

function quantize(vector: readonly number[], type: string): number[] {
  switch (type) {
    case 'int8':
      return vector.map((value) => Math.max(-128, Math.min(127, Math.round(value * 127))));
    case 'uint8':
      return vector.map((value) => Math.max(0, Math.min(255, Math.round((value + 1) * 127.5))));
    case 'binary':
    case 'ubinary': {
      const packed: number[] = [];
      for (let index = 0; index < vector.length; index += 8) {
        let byte = 0;
        for (let bit = 0; bit < 8; bit += 1) byte = (byte << 1) | ((vector[index + bit] ?? 0) > 0 ? 1 : 0);
        packed.push(type === 'binary' ? byte - 128 : byte);
      }
      return packed;
    }
    default:
      return [...vector];
  }
}

export const cohereEmbedFamily: ModelFamily = {
  name: 'cohere-embed',
  matches: (baseModelId) => baseModelId.startsWith('cohere.embed-'),
  invoke(body: unknown, context: FamilyContext): FamilyResult {
    const request = validate(body);
    const texts = stringsOf(request['texts']);
    const dimensions = context.baseModelId.startsWith('cohere.embed-v4') ? 1536 : 1024;
    const vectors = texts.map((text) => embed(text, dimensions, true));
    const usage = { inputTokens: sumTokens(texts), outputTokens: 0 };
    const id = context.requestId;
    if (request['embedding_types'] === undefined) {
      return { body: { id, response_type: 'embeddings_floats', embeddings: vectors, texts }, usage };
    }
    const byType: Record<string, number[][]> = {};
    for (const type of stringsOf(request['embedding_types'])) byType[type] = vectors.map((vector) => quantize(vector, type));
    return { body: { id, response_type: 'embeddings_by_type', embeddings: byType, texts }, usage };
  },
};
