import type { Invocable } from '../data-sources/lambda.ts';

export interface AuthorizerDecision {
  readonly isAuthorized: boolean;
  readonly resolverContext: Record<string, unknown> | null;
  /** Fields forced to null for this caller: `Type.field` or a field ARN (reference §5.3). */
  readonly deniedFields: readonly string[];
}

/**
 * Calls the Lambda authorizer (reference §5.3) and caches each token's decision for its ttlOverride,
 * or the API's resultTtlSeconds, as AppSync does: a revoked key works until its cached allow expires.
 */
export class AuthorizerCache {
  readonly #entries = new Map<string, { decision: AuthorizerDecision; expiresAt: number }>();

  constructor(
    private readonly authorizer: Invocable,
    private readonly defaultTtlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(token: string, event: { requestContext: Record<string, unknown>; requestHeaders: Record<string, string> }): Promise<AuthorizerDecision> {
    const cached = this.#entries.get(token);
    if (cached && cached.expiresAt > this.now()) return cached.decision;
    this.#entries.delete(token);
    const outcome = await this.authorizer.invoke({ authorizationToken: token, ...event });
    if (!outcome.ok) return { isAuthorized: false, resolverContext: null, deniedFields: [] };
    const result = (outcome.result ?? {}) as { isAuthorized?: unknown; resolverContext?: unknown; ttlOverride?: unknown; deniedFields?: unknown };
    const decision: AuthorizerDecision = {
      isAuthorized: result.isAuthorized === true,
      resolverContext: (result.resolverContext as Record<string, unknown> | undefined) ?? null,
      deniedFields: Array.isArray(result.deniedFields) ? result.deniedFields.filter((field): field is string => typeof field === 'string').map(shortFieldName) : [],
    };
    const ttl = typeof result.ttlOverride === 'number' ? result.ttlOverride : this.defaultTtlSeconds;
    if (ttl > 0) this.#entries.set(token, { decision, expiresAt: this.now() + ttl * 1000 });
    return decision;
  }
}

/** `Type.field` from either the short form or a field ARN (`…:apis/ID/types/Type/fields/field`). */
export function shortFieldName(field: string): string {
  const arn = /\/types\/([^/]+)\/fields\/([^/]+)$/.exec(field);
  return arn ? `${arn[1]}.${arn[2]}` : field;
}
