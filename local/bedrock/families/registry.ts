/** Every model family the emulator serves, tried in order against the base model id. */
import { anthropicFamily } from './anthropic.ts';
import { cohereCommandRFamily } from './cohere-command-r.ts';
import { cohereEmbedFamily } from './cohere-embed.ts';
import { deepseekFamily } from './deepseek.ts';
import type { ModelFamily } from './family.ts';
import { gptOssFamily } from './gpt-oss.ts';
import { jambaFamily } from './jamba.ts';
import { llamaFamily } from './llama.ts';
import { mistralFamily } from './mistral.ts';
import { novaFamily } from './nova.ts';
import { titanEmbedFamily } from './titan-embed.ts';
import { titanTextFamily } from './titan-text.ts';

export const MODEL_FAMILIES: readonly ModelFamily[] = [
  anthropicFamily,
  novaFamily,
  titanTextFamily,
  titanEmbedFamily,
  llamaFamily,
  cohereCommandRFamily,
  cohereEmbedFamily,
  mistralFamily,
  jambaFamily,
  deepseekFamily,
  gptOssFamily,
];

export function familyFor(baseModelId: string): ModelFamily | undefined {
  return MODEL_FAMILIES.find((family) => family.matches(baseModelId));
}
