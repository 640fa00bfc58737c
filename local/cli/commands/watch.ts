import { parseArgs } from 'node:util';
import { OnBudgetEventDocument, OnInvocationDocument, type InvocationResultFragment, type OnBudgetEventSubscription } from '../../../client/__generated__/graphql.ts';
import { displayUsd } from '../../../client/money.ts';
import type { CliCommand } from '../command.ts';
import { CONNECTION_OPTIONS, connect } from '../connect.ts';

/** One line per invocation: time, principal, model, tokens, cost, latency. */
export function invocationLine(invocation: InvocationResultFragment): string {
  const { usage, cost } = invocation;
  const cache = usage.cacheReadInputTokens + usage.cacheWriteInputTokens > 0 ? ` cache r/w ${usage.cacheReadInputTokens}/${usage.cacheWriteInputTokens}` : '';
  return [
    invocation.createdAt,
    invocation.team ? `${invocation.principalId} (${invocation.team})` : invocation.principalId,
    invocation.modelId,
    `in ${usage.inputTokens} out ${usage.outputTokens}${cache}`,
    cost.priced ? `$${displayUsd(cost.usd)}` : 'unpriced',
    `${invocation.latencyMs} ms`,
  ].join('  ');
}

/** One line per budget event: time, whose budget, what happened, spend of limit. */
export function budgetEventLine(event: NonNullable<OnBudgetEventSubscription['onBudgetEvent']>): string {
  return [
    event.createdAt,
    event.team ? `team ${event.team}` : `${event.principalId ?? ''}`,
    event.kind === 'EXHAUSTED' ? `budget exhausted (${event.periodKey})` : `budget ${event.thresholdPercent} % reached (${event.periodKey})`,
    `$${displayUsd(event.spentUsd)} of $${displayUsd(event.limitUsd)}`,
  ].join('  ');
}

/** `watch`: live invocations and budget events in the terminal until Ctrl+C (your own; an ADMIN sees everyone's). */
export const watchCommand: CliCommand = {
  name: 'watch',
  usage: 'watch [--principal-id ID] [--team T] [--model M] [--format line|json]',
  summary: 'live invocations and budget events as they are recorded',
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { ...CONNECTION_OPTIONS, 'principal-id': { type: 'string' }, team: { type: 'string' }, model: { type: 'string' }, format: { type: 'string' } } });
    const json = values.format === 'json';
    const { client, url } = connect(values, io);
    let failure: Error | null = null;
    const ended = new Promise<void>((resolve) => {
      const subscription = client.subscribe(
        OnInvocationDocument,
        { principalId: values['principal-id'], team: values.team, modelId: values.model },
        {
          next: ({ onInvocation }) => {
            if (onInvocation) io.out(json ? JSON.stringify(onInvocation) : invocationLine(onInvocation));
          },
          error: (error) => {
            failure = error;
            resolve();
          },
          complete: () => resolve(),
        },
      );
      // Budget events of the same principal or team (--principal-id/--team narrow them for an ADMIN too),
      // over the same connection.
      const budgetEvents = client.subscribe(
        OnBudgetEventDocument,
        { principalId: values['principal-id'], team: values.team },
        {
          next: ({ onBudgetEvent }) => {
            if (onBudgetEvent) io.out(json ? JSON.stringify(onBudgetEvent) : budgetEventLine(onBudgetEvent));
          },
          error: (error) => {
            failure = error;
            resolve();
          },
        },
      );
      Promise.all([subscription.started, budgetEvents.started]).then(
        () => io.err(`Watching invocations at ${url} (Ctrl+C to stop)`),
        () => undefined,
      );
      void io.interrupted.then(() => {
        budgetEvents.unsubscribe();
        subscription.unsubscribe();
        resolve();
      });
    });
    await ended;
    client.close();
    if (failure) throw failure;
    return 0;
  },
};
