/**
 * One API's subscriptions and the fan-out of mutation results to them (reference §6.1). Created once
 * per API instance; nothing lives at module level.
 */
import { getNamedType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import type { MutationResult, StartedSubscription } from '../graphql/execute.ts';
import type { SubscriptionInvalidation } from '../runtime/types.ts';
import { matchesArguments, matchesSubscriptionFilter, type SubscriptionFilter } from './filters.ts';
import { project, unalias } from './projection.ts';

export interface HubSubscription {
  readonly started: StartedSubscription;
  readonly filter: SubscriptionFilter | null;
  /** What an invalidation's payload must match to end this subscription; null: never invalidated. */
  readonly invalidationFilter: SubscriptionFilter | null;
  /** Receives `payload` of a `data` message: `{ data: { <responseKey>: projected } }`. */
  readonly deliver: (payload: { data: Record<string, unknown> }) => void;
  /** Ends the subscription from the server side (invalidation). */
  readonly end: () => void;
}

export interface SubscriptionHub {
  /** Registers a subscription; returns its removal. */
  add(subscription: HubSubscription): () => void;
  /** Fans a successful mutation result out to every matching subscription. */
  publish(result: MutationResult): void;
  /** Ends every subscription on the named field whose invalidation filter matches the payload (reference §6.4). */
  invalidate(invalidations: readonly SubscriptionInvalidation[]): void;
  /** Live subscriptions (all connections). */
  readonly size: number;
}

/** Subscription field → the mutations its `@aws_subscribe(mutations: [...])` lists. */
export function subscribedMutations(schema: GraphQLSchema): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((node) => node.name.value === 'aws_subscribe');
    const argument = directive?.arguments?.find((node) => node.name.value === 'mutations');
    if (argument?.value.kind !== 'ListValue') continue;
    const names: string[] = [];
    for (const item of argument.value.values) if (item.kind === 'StringValue') names.push(item.value);
    out.set(field.name, names);
  }
  return out;
}

export function createSubscriptionHub(schema: GraphQLSchema): SubscriptionHub {
  const triggers = subscribedMutations(schema);
  const returnTypes = new Map<string, GraphQLNamedType>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    returnTypes.set(field.name, getNamedType(field.type));
  }
  const live = new Map<string, Set<HubSubscription>>();

  return {
    add(subscription) {
      const field = subscription.started.fieldName;
      let set = live.get(field);
      if (!set) {
        set = new Set();
        live.set(field, set);
      }
      set.add(subscription);
      return () => {
        live.get(field)?.delete(subscription);
      };
    },
    publish(result) {
      const event = unalias(result.value, result.field, result.fragments);
      for (const [field, mutations] of triggers) {
        if (!mutations.includes(result.fieldName)) continue;
        const type = returnTypes.get(field);
        const subscriptions = live.get(field);
        if (!type || !subscriptions) continue;
        for (const subscription of [...subscriptions]) {
          const { started, filter } = subscription;
          // Reference §6.3 leaves open whether basic argument filtering still applies alongside an
          // enhanced filter and recommends both. We let the enhanced filter replace it: Amplify Data's
          // subscriptions pass a `filter` argument that is no field of the event and hand it to
          // toSubscriptionFilter in the resolver, which could never match if the argument also had to
          // equal a field; they do work on AppSync.
          const matches = filter === null ? matchesArguments(event, started.arguments) : matchesSubscriptionFilter(event, filter);
          if (!matches) continue;
          const projected = project(event, started.field, type, started.fragments, schema);
          subscription.deliver({ data: { [started.responseKey]: projected } });
        }
      }
    },
    invalidate(invalidations) {
      for (const { subscriptionField, payload } of invalidations) {
        for (const subscription of [...(live.get(subscriptionField) ?? [])]) {
          if (subscription.invalidationFilter === null || !matchesSubscriptionFilter(payload, subscription.invalidationFilter)) continue;
          live.get(subscriptionField)?.delete(subscription);
          subscription.end();
        }
      }
    },
    get size() {
      let count = 0;
      for (const set of live.values()) count += set.size;
      return count;
    },
  };
}
