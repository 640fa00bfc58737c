import type { Caller } from '../../resolvers/lib/identity.ts';
import type { LambdaResult } from '../../resolvers/lib/lambda-result.ts';
import type { ConverseInput, InvokeModelInput, InvokeModelResult } from '../../schema/__generated__/graphql.ts';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { createBudgetEventPublisher } from '../lib/appsync-publish.ts';
import { createBedrockClient, createBedrockControlClient, createDocumentClient, createSqsClient } from '../lib/clients.ts';
import { InferenceProfileResolver } from '../lib/inference-profiles.ts';
import { fileFallback, queueFallback } from '../lib/ledger-fallback.ts';
import { tableName } from '../lib/config.ts';
import { config } from '../lib/env.ts';
import { UnauthorizedError } from '../lib/errors.ts';
import { handleClientErrors } from '../lib/lambda-result.ts';
import { createLogger, errorFields } from '../lib/logger.ts';
import { emitInvocationMetrics } from '../lib/metrics.ts';
import { converse } from './converse.ts';
import { invokeModel, type InvokeDependencies } from './invoke.ts';

const log = createLogger('invoke-model', config.logLevel, (line) => process.stdout.write(line));
const deps: InvokeDependencies = {
  db: createDocumentClient(config),
  ledgerTable: tableName(config, 'ledger'),
  budgetsTable: tableName(config, 'budgets'),
  pricesTable: tableName(config, 'prices'),
  profiles: new InferenceProfileResolver(createBedrockControlClient(config)),
  bedrock: createBedrockClient(config),
  region: config.bedrockRegion,
  ...(config.ledgerRetentionDays === undefined ? {} : { ledgerRetentionDays: config.ledgerRetentionDays }),
  onWarning: (message, error) => log.warn(message, errorFields(error)),
  // Logged and counted in metrics once per paid call; idempotent replays are neither.
  onPaidCall: (result) => {
    log.info('invocation recorded', {
      invocationId: result.invocationId,
      principalId: result.principalId,
      modelId: result.modelId,
      inputTokens: result.usage.inputTokens,
      outputTokens: result.usage.outputTokens,
      nanoUsd: result.cost.nanoUsd,
      priced: result.cost.priced,
    });
    emitInvocationMetrics(result);
  },
  ...ledgerFallback(),
  ...budgetEventPublisher(),
};

/** Budget events go to onBudgetEvent subscribers through the API's IAM-only publishBudgetEvent mutation. */
function budgetEventPublisher(): Pick<InvokeDependencies, 'onBudgetEvent'> {
  const endpoint = config.graphql;
  if (!endpoint) return {};
  const publish = createBudgetEventPublisher({ url: endpoint.url, region: config.region, credentials: endpoint.credentials ?? defaultProvider() });
  return {
    onBudgetEvent: async (event) => {
      await publish(event);
      log.info('budget event published', { kind: event.kind, principalId: event.principalId, team: event.team, periodKey: event.periodKey });
    },
  };
}

function ledgerFallback(): Pick<InvokeDependencies, 'fallback' | 'onFallback'> {
  const setting = config.ledgerFallback;
  if (!setting) return {};
  return {
    fallback: setting.kind === 'queue' ? queueFallback(createSqsClient(config), setting.queueUrl) : fileFallback(setting.directory),
    onFallback: (record, error) =>
      log.error('ledger write failed; invocation kept for replay', {
        invocationId: record.entry.invocationId,
        principalId: record.entry.principalId,
        keptIn: setting.kind,
        ...errorFields(error),
      }),
  };
}

export type InvokeModelEvent =
  | { readonly action?: 'invokeModel'; readonly input: InvokeModelInput; readonly caller: Caller }
  | { readonly action: 'converse'; readonly input: ConverseInput; readonly caller: Caller };

export async function handler(event: InvokeModelEvent): Promise<LambdaResult<InvokeModelResult>> {
  return handleClientErrors(log, async () => {
    if (event.caller.role === 'FINANCE') throw new UnauthorizedError('A FINANCE key is read-only and may not invoke models');
    const result =
      event.action === 'converse' ? await converse(deps, event.caller, event.input) : await invokeModel(deps, event.caller, event.input);
    return result;
  });
}
