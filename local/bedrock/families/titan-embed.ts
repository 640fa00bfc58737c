/**
 * Amazon Titan Text Embeddings (`amazon.titan-embed-text-*`, `amazon.titan-embed-g1-text-*`).
 * V2 request `{inputText, dimensions, normalize, embeddingTypes}`, response
 * `{embedding, embeddingsByType, inputTextTokenCount}`; V1 takes only `inputText` and
 * answers `{embedding, inputTextTokenCount}` with 1,536 dimensions. No output tokens.
 */
import { embed } from './embedding.ts';
import { checkObjectBody, countTokens, stringsOf, type FamilyResult, type JsonObject, type ModelFamily } from './family.ts';

const V2_DIMENSIONS = [256, 512, 1024];
const V1_DIMENSIONS = 1536;

function isV2(baseModelId: string): boolean {
  return baseModelId.startsWith('amazon.titan-embed-text-v2');
}

function validate(body: unknown, v2: boolean): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['inputText']);
  check.onlyKeys(object, '#', v2 ? ['inputText', 'dimensions', 'normalize', 'embeddingTypes'] : ['inputText']);
  if (check.type(object['inputText'], '#/inputText', 'string')) check.minLength(object['inputText'], '#/inputText', 1);
  if (check.type(object['dimensions'], '#/dimensions', 'integer') && !V2_DIMENSIONS.includes(Number(object['dimensions']))) {
    check.fail('#/dimensions', `${String(object['dimensions'])} is not a valid enum value`);
  }
  check.type(object['normalize'], '#/normalize', 'boolean');
  if (object['embeddingTypes'] !== undefined) {
    check.stringArray(object['embeddingTypes'], '#/embeddingTypes');
    stringsOf(object['embeddingTypes']).forEach((type, index) => check.oneOf(type, `#/embeddingTypes/${index}`, ['float', 'binary']));
  }
  check.throwIfInvalid();
  return object;
}

export const titanEmbedFamily: ModelFamily = {
  name: 'titan-embed',
  matches: (baseModelId) => baseModelId.startsWith('amazon.titan-embed-text-') || baseModelId.startsWith('amazon.titan-embed-g1-text-'),
  invoke(body: unknown, context): FamilyResult {
    const v2 = isV2(context.baseModelId);
    const request = validate(body, v2);
    const inputText = String(request['inputText']);
    const inputTokens = countTokens(inputText);
    const usage = { inputTokens, outputTokens: 0 };
    if (!v2) return { body: { embedding: embed(inputText, V1_DIMENSIONS, false), inputTextTokenCount: inputTokens }, usage };

    const dimensions = typeof request['dimensions'] === 'number' ? request['dimensions'] : 1024;
    const embedding = embed(inputText, dimensions, request['normalize'] !== false);
    const types = request['embeddingTypes'] === undefined ? ['float'] : stringsOf(request['embeddingTypes']);
    const byType: Record<string, number[]> = {};
    if (types.includes('float')) byType['float'] = embedding;
    if (types.includes('binary')) byType['binary'] = embedding.map((value) => (value > 0 ? 1 : 0));
    return {
      body: {
        ...(types.includes('float') ? { embedding } : {}),
        embeddingsByType: byType,
        inputTextTokenCount: inputTokens,
      },
      usage,
    };
  },
};
