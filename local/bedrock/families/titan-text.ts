/**
 * Amazon Titan Text (`amazon.titan-text-*`, `amazon.titan-tg1-*`). Request
 * `{inputText, textGenerationConfig: {maxTokenCount, temperature, topP, stopSequences}}`;
 * response `{inputTextTokenCount, results: [{tokenCount, outputText, completionReason}]}`.
 * No prompt caching.
 */
import {
  checkObjectBody,
  countTokens,
  generateReply,
  isObject,
  stringsOf,
  type FamilyResult,
  type JsonObject,
  type ModelFamily,
  type StopKind,
} from './family.ts';

/** Titan Text's documented default `maxTokenCount`. */
export const TITAN_TEXT_DEFAULT_MAX_TOKENS = 512;

const COMPLETION_REASONS: Record<StopKind, string> = {
  end: 'FINISH',
  length: 'LENGTH',
  stop_sequence: 'FINISH',
};

function validate(body: unknown): JsonObject {
  const { check, object } = checkObjectBody(body);
  check.required(object, '#', ['inputText']);
  check.onlyKeys(object, '#', ['inputText', 'textGenerationConfig']);
  if (check.type(object['inputText'], '#/inputText', 'string')) check.minLength(object['inputText'], '#/inputText', 1);
  const config = object['textGenerationConfig'];
  if (check.type(config, '#/textGenerationConfig', 'object') && isObject(config)) {
    check.onlyKeys(config, '#/textGenerationConfig', ['maxTokenCount', 'temperature', 'topP', 'stopSequences']);
    if (check.type(config['maxTokenCount'], '#/textGenerationConfig/maxTokenCount', 'integer')) {
      check.range(config['maxTokenCount'], '#/textGenerationConfig/maxTokenCount', 0);
    }
    if (check.type(config['temperature'], '#/textGenerationConfig/temperature', 'number')) {
      check.range(config['temperature'], '#/textGenerationConfig/temperature', 0, 1);
    }
    if (check.type(config['topP'], '#/textGenerationConfig/topP', 'number')) {
      check.range(config['topP'], '#/textGenerationConfig/topP', 0, 1);
    }
    if (config['stopSequences'] !== undefined) check.stringArray(config['stopSequences'], '#/textGenerationConfig/stopSequences');
  }
  check.throwIfInvalid();
  return object;
}

export const titanTextFamily: ModelFamily = {
  name: 'titan-text',
  matches: (baseModelId) => baseModelId.startsWith('amazon.titan-text-') || baseModelId.startsWith('amazon.titan-tg1-'),
  invoke(body: unknown): FamilyResult {
    const request = validate(body);
    const inputText = String(request['inputText']);
    const config = isObject(request['textGenerationConfig']) ? request['textGenerationConfig'] : {};
    const limit = config['maxTokenCount'];
    const maxTokens = typeof limit === 'number' ? limit : TITAN_TEXT_DEFAULT_MAX_TOKENS;
    const generation = generateReply(inputText, maxTokens, stringsOf(config['stopSequences']));
    const inputTokens = countTokens(inputText);
    return {
      body: {
        inputTextTokenCount: inputTokens,
        results: [
          {
            tokenCount: generation.outputTokens,
            outputText: generation.text,
            completionReason: COMPLETION_REASONS[generation.stop],
          },
        ],
      },
      usage: { inputTokens, outputTokens: generation.outputTokens },
    };
  },
};
