import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { distribution, type Distribution } from './stats.ts';

/** One AppSync real-time connection with one onInvocation subscription (reference §7.2–7.3). */
async function subscriber(realtimeUrl: string, graphqlHost: string, key: string, onData: (received: number) => void): Promise<WebSocket> {
  const header = Buffer.from(JSON.stringify({ Authorization: key, host: graphqlHost })).toString('base64url');
  const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${header}`]);
  await new Promise<void>((resolve, reject) => {
    const id = randomUUID();
    socket.once('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { type: string; id?: string };
      if (message.type === 'connection_ack') {
        const data = JSON.stringify({ query: 'subscription { onInvocation { invocationId principalId } }', variables: {} });
        socket.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization: { Authorization: key, host: graphqlHost } } } }));
      } else if (message.type === 'start_ack') resolve();
      else if (message.type === 'data') onData(performance.now());
      else if (message.type === 'error' || message.type === 'connection_error') reject(new Error(JSON.stringify(message)));
    });
  });
  return socket;
}

/**
 * Time from sending an invokeModel mutation until each subscriber has its `data` message, with
 * `subscribers` connections of the same principal. Returns the distribution of per-delivery latencies.
 */
export async function measureFanout(options: {
  graphqlUrl: string;
  key: string;
  subscribers: number;
  mutations: number;
  invoke: () => Promise<void>;
}): Promise<Distribution> {
  const url = new URL(options.graphqlUrl);
  const realtimeUrl = `ws://${url.host}${url.pathname}/realtime`;
  let waiting: { started: number; remaining: number; done: () => void } | null = null;
  const samples: number[] = [];
  const sockets = await Promise.all(
    Array.from({ length: options.subscribers }, () =>
      subscriber(realtimeUrl, url.host, options.key, (received) => {
        if (!waiting) return;
        samples.push(received - waiting.started);
        waiting.remaining -= 1;
        if (waiting.remaining === 0) waiting.done();
      }),
    ),
  );
  try {
    for (let index = 0; index < options.mutations; index += 1) {
      const delivered = new Promise<void>((done) => {
        waiting = { started: performance.now(), remaining: options.subscribers, done };
      });
      await options.invoke();
      await Promise.race([delivered, new Promise((_, reject) => setTimeout(() => reject(new Error('subscribers did not all receive the event within 10 s')), 10_000))]);
      waiting = null;
    }
  } finally {
    for (const socket of sockets) socket.close();
  }
  return distribution(samples);
}
