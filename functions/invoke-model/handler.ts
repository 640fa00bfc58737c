import type { Caller } from '../../resolvers/lib/identity.ts';
import type { LambdaResult } from '../../resolvers/lib/lambda-result.ts';
import type { InvokeModelInput, InvokeModelResult } from '../../schema/__generated__/graphql.ts';
import { createBedrockClient, createDocumentClient } from '../lib/clients.ts';
import { config, tableName } from '../lib/config.ts';
import { handleClientErrors } from '../lib/lambda-result.ts';
import { createLogger } from '../lib/logger.ts';
import { invokeModel, type InvokeDependencies } from './invoke.ts';

const deps: InvokeDependencies = {
  db: createDocumentClient(config),
  ledgerTable: tableName(config, 'ledger'),
  bedrock: createBedrockClient(config),
  region: config.bedrockRegion,
};
const log = createLogger('invoke-model', config.logLevel, (line) => process.stdout.write(line));

export interface InvokeModelEvent {
  readonly input: InvokeModelInput;
  readonly caller: Caller;
}

export async function handler(event: InvokeModelEvent): Promise<LambdaResult<InvokeModelResult>> {
  return handleClientErrors(log, async () => {
    const result = await invokeModel(deps, event.caller, event.input);
    log.info('invocation recorded', {
      invocationId: result.invocationId,
      principalId: result.principalId,
      modelId: result.modelId,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      nanoUsd: result.cost.nanoUsd,
      priced: result.cost.priced,
    });
    return result;
  });
}
