import type { LambdaHost } from '../lambda/host.ts';

export interface AuthorizerDecision {
  readonly isAuthorized: boolean;
  readonly resolverContext: Record<string, unknown> | null;
}

/**
 * Calls the Lambda authorizer (reference §5.3) and caches each token's decision for its ttlOverride,
 * or the API's resultTtlSeconds, as AppSync does: a revoked key works until its cached allow expires.
 */
export class AuthorizerCache {
  readonly #entries = new Map<string, { decision: AuthorizerDecision; expiresAt: number }>();

  constructor(
    private readonly authorizer: LambdaHost,
    private readonly defaultTtlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async authorize(token: string, event: { requestContext: Record<string, unknown>; requestHeaders: Record<string, string> }): Promise<AuthorizerDecision> {
    const cached = this.#entries.get(token);
    if (cached && cached.expiresAt > this.now()) return cached.decision;
    this.#entries.delete(token);
    const outcome = await this.authorizer.invoke({ authorizationToken: token, ...event });
    if (!outcome.ok) return { isAuthorized: false, resolverContext: null };
    const result = (outcome.result ?? {}) as { isAuthorized?: unknown; resolverContext?: unknown; ttlOverride?: unknown };
    const decision: AuthorizerDecision = {
      isAuthorized: result.isAuthorized === true,
      resolverContext: (result.resolverContext as Record<string, unknown> | undefined) ?? null,
    };
    const ttl = typeof result.ttlOverride === 'number' ? result.ttlOverride : this.defaultTtlSeconds;
    if (ttl > 0) this.#entries.set(token, { decision, expiresAt: this.now() + ttl * 1000 });
    return decision;
  }
}
