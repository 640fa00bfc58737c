import { parseArgs } from 'node:util';
import { OnInvocationDocument, type InvocationResultFragment } from '../../../client/__generated__/graphql.ts';
import { displayUsd } from '../../../client/money.ts';
import type { CliCommand } from '../command.ts';
import { CONNECTION_OPTIONS, connect } from '../connect.ts';

/** One line per invocation: time, principal, model, tokens, cost, latency. */
export function invocationLine(invocation: InvocationResultFragment): string {
  const { usage, cost } = invocation;
  const cache = usage.cacheReadInputTokens + usage.cacheWriteInputTokens > 0 ? ` cache r/w ${usage.cacheReadInputTokens}/${usage.cacheWriteInputTokens}` : '';
  return [
    invocation.createdAt,
    invocation.principalId,
    invocation.modelId,
    `in ${usage.inputTokens} out ${usage.outputTokens}${cache}`,
    cost.priced ? `$${displayUsd(cost.usd)}` : 'unpriced',
    `${invocation.latencyMs} ms`,
  ].join('  ');
}

/** `watch`: live invocations in the terminal until Ctrl+C (your own; an ADMIN sees everyone's). */
export const watchCommand: CliCommand = {
  name: 'watch',
  usage: 'watch [--principal-id ID] [--format line|json]',
  summary: 'live invocations as they are recorded',
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { ...CONNECTION_OPTIONS, 'principal-id': { type: 'string' }, format: { type: 'string' } } });
    const json = values.format === 'json';
    const { client, url } = connect(values, io);
    let failure: Error | null = null;
    const ended = new Promise<void>((resolve) => {
      const subscription = client.subscribe(
        OnInvocationDocument,
        { principalId: values['principal-id'] },
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
      subscription.started.then(
        () => io.err(`Watching invocations at ${url} (Ctrl+C to stop)`),
        () => undefined,
      );
      void io.interrupted.then(() => {
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
