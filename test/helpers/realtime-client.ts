import WebSocket from 'ws';

/** A message from the realtime endpoint, as AppSync sends it (reference §7.3). */
export interface RealtimeMessage {
  readonly type: string;
  readonly id?: string;
  readonly payload?: {
    readonly connectionTimeoutMs?: number;
    readonly data?: Record<string, unknown>;
    readonly errors?: readonly { readonly errorType?: string | null; readonly message: string; readonly errorCode?: number }[];
  };
}

/** `header-<base64url(JSON)>`, the sub-protocol both AppSync clients send (reference §7.2). */
export const headerProtocol = (headers: Record<string, string>): string =>
  `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`;

/** A raw AppSync real-time client over `ws`: every frame is kept in order and read with `next`. */
export class RawRealtimeClient {
  readonly #received: RealtimeMessage[] = [];
  readonly #waiters: (() => void)[] = [];
  #closed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.#received.push(JSON.parse(String(data)) as RealtimeMessage);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static open(url: string, protocols: readonly string[], options: WebSocket.ClientOptions = {}): Promise<RawRealtimeClient> {
    const socket = new WebSocket(url, [...protocols], options);
    return new Promise((resolveOpen, reject) => {
      socket.once('open', () => resolveOpen(new RawRealtimeClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens with the `graphql-ws` and `header-…` sub-protocols and completes connection_init/ack. */
  static async connect(url: string, headers: Record<string, string>, options: WebSocket.ClientOptions = {}): Promise<RawRealtimeClient> {
    const client = await RawRealtimeClient.open(url, ['graphql-ws', headerProtocol(headers)], options);
    client.send({ type: 'connection_init' });
    const ack = await client.next();
    if (ack.type !== 'connection_ack') throw new Error(`Expected connection_ack, got ${JSON.stringify(ack)}`);
    return client;
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  start(id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): void {
    this.send({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } });
  }

  /** The next message (skipping `ka` unless asked for); rejects when the socket closes first. */
  async next(options: { keepAlive?: boolean } = {}): Promise<RealtimeMessage> {
    for (;;) {
      const index = this.#received.findIndex((message) => options.keepAlive === true || message.type !== 'ka');
      if (index >= 0) return this.#received.splice(0, index + 1).at(-1) as RealtimeMessage;
      if (this.#closed) throw new Error('The realtime socket closed');
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
  }

  /** Resolves with the close code once the server closes the socket. */
  closed(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolveClose) => this.socket.once('close', () => resolveClose()));
  }

  close(): Promise<void> {
    const done = this.closed();
    this.socket.close();
    return done;
  }
}
