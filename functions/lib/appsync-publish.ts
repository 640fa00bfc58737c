/**
 * Publishes recorded budget events to onBudgetEvent subscribers, the AppSync way: the
 * `publishBudgetEvent` mutation (IAM only, a NONE data source that returns its input), called over
 * HTTPS with a SigV4-signed POST. AppSync fans the mutation's result out to every subscription whose
 * filter matches, so the mutation selects every field a subscriber may ask for.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { SignatureV4 } from '@smithy/signature-v4';
import { nanoToUsd } from '../../resolvers/lib/money.ts';
import type { BudgetEventInput } from '../../schema/__generated__/graphql.ts';
import type { BudgetEventRecord } from './budget.ts';

export const PUBLISH_BUDGET_EVENT = /* GraphQL */ `
  mutation PublishBudgetEvent($input: BudgetEventInput!) {
    publishBudgetEvent(input: $input) {
      kind principalId team periodKey thresholdPercent spentUsd spentNanoUsd limitUsd limitNanoUsd createdAt
    }
  }
`;

/** The publish failed: the endpoint refused the request or answered with GraphQL errors. */
export class BudgetEventPublishError extends Error {
  override name = 'BudgetEventPublishError';
}

export interface PublisherOptions {
  /** The API's GraphQL endpoint (GRAPHQL_URL). */
  readonly url: string;
  /** The Region in the signature's credential scope (the API's Region). */
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The fetch to send with; the global one by default. */
  readonly fetch?: typeof fetch;
}

/** A recorded event as the mutation's input: amounts as nano-USD integer strings and USD decimal strings. */
export function toBudgetEventInput(event: BudgetEventRecord): BudgetEventInput {
  return {
    kind: event.kind,
    principalId: event.principalId,
    team: event.team,
    periodKey: event.periodKey,
    thresholdPercent: event.thresholdPercent,
    spentUsd: nanoToUsd(String(event.spentNanoUsd)),
    spentNanoUsd: String(event.spentNanoUsd),
    limitUsd: nanoToUsd(String(event.limitNanoUsd)),
    limitNanoUsd: String(event.limitNanoUsd),
    createdAt: event.createdAt,
  };
}

/** Returns a function that publishes one event; it rejects with BudgetEventPublishError when AppSync refuses. */
export function createBudgetEventPublisher(options: PublisherOptions): (event: BudgetEventRecord) => Promise<void> {
  const url = new URL(options.url);
  const signer = new SignatureV4({ service: 'appsync', region: options.region, credentials: options.credentials, sha256: Sha256 });
  const send = options.fetch ?? fetch;
  return async (event) => {
    const body = JSON.stringify({ query: PUBLISH_BUDGET_EVENT, variables: { input: toBudgetEventInput(event) } });
    const signed = await signer.sign({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    });
    const response = await send(url, { method: 'POST', headers: signed.headers, body });
    const reply = (await response.json().catch(() => null)) as { errors?: readonly { errorType?: string | null }[] } | null;
    if (!response.ok || (reply?.errors?.length ?? 0) > 0) {
      const types = (reply?.errors ?? []).map((error) => error.errorType ?? 'unknown').join(', ');
      throw new BudgetEventPublishError(`publishBudgetEvent answered HTTP ${response.status}${types ? ` with ${types}` : ''}`);
    }
  };
}
