import { describe, expect, it } from 'vitest';
import { createLambdaDataSource, type Invocable } from '../../../../local/data-sources/lambda.ts';
import type { LambdaOutcome } from '../../../../local/lambda/host.ts';

/** A function stand-in that records its events and answers with `answer(event)`. */
function recordingFunction(answer: (event: unknown) => LambdaOutcome): Invocable & { events: unknown[] } {
  const events: unknown[] = [];
  return {
    events,
    invoke: async (event) => {
      events.push(event);
      return answer(event);
    },
  };
}

describe('Lambda data source', () => {
  it('sends the payload of Invoke as the event and returns the result', async () => {
    const fn = recordingFunction((event) => ({ ok: true, result: { echoed: event } }));
    const out = await createLambdaDataSource(fn).invoke({ operation: 'Invoke', payload: { id: '1' } }, { identity: null });
    expect(fn.events).toEqual([{ id: '1' }]);
    expect(out).toEqual({ result: { echoed: { id: '1' } } });
  });

  it('reports a failed function as Lambda:Unhandled with its message (reference §4.3)', async () => {
    const fn = recordingFunction(() => ({ ok: false, error: { errorType: 'TypeError', errorMessage: 'boom' } }));
    const out = await createLambdaDataSource(fn).invoke({ operation: 'Invoke', payload: null }, { identity: null });
    expect(out).toEqual({ result: null, error: { message: 'boom', type: 'Lambda:Unhandled' } });
  });

  it('batches BatchInvoke resolutions of one tick into one array event, at most maxBatchSize each', async () => {
    const fn = recordingFunction((event) => ({ ok: true, result: (event as { n: number }[]).map((item) => item.n * 10) }));
    const source = createLambdaDataSource(fn, { maxBatchSize: 2 });
    const outs = await Promise.all([1, 2, 3].map((n) => source.invoke({ operation: 'BatchInvoke', payload: { n } }, { identity: null })));
    expect(fn.events).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }]]);
    expect(outs).toEqual([{ result: 10 }, { result: 20 }, { result: 30 }]);
  });

  it('fails only the resolution whose batch element carries an errorMessage', async () => {
    const fn = recordingFunction(() => ({ ok: true, result: [{ ok: 1 }, { data: null, errorMessage: 'not found', errorType: 'NotFound' }] }));
    const source = createLambdaDataSource(fn);
    const [first, second] = await Promise.all([1, 2].map((n) => source.invoke({ operation: 'BatchInvoke', payload: { n } }, { identity: null })));
    expect(first).toEqual({ result: { ok: 1 } });
    expect(second).toEqual({ result: null, error: { message: 'not found', type: 'NotFound' } });
  });

  it('does not wait for an Event invocation and returns a null result', async () => {
    const fn = recordingFunction(() => ({ ok: true, result: 'ignored' }));
    const out = await createLambdaDataSource(fn).invoke({ operation: 'Invoke', invocationType: 'Event', payload: { a: 1 } }, { identity: null });
    expect(out).toEqual({ result: null });
    expect(fn.events).toEqual([{ a: 1 }]);
  });
});
