import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { connectionHeaders, RealtimeAuthHeaderError, toHeaders } from '../../../../local/realtime/protocol.ts';

const upgrade = (url: string, protocols?: string): IncomingMessage =>
  ({ url, headers: protocols === undefined ? {} : { 'sec-websocket-protocol': protocols } }) as IncomingMessage;
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('connectionHeaders (reference §7.2)', () => {
  it('reads the header-<base64url> sub-protocol, names lower-cased', () => {
    const headers = connectionHeaders(upgrade('/graphql/realtime', `graphql-ws, header-${base64url({ Authorization: 'tok', host: 'h' })}`));
    expect(headers).toEqual({ authorization: 'tok', host: 'h' });
  });

  it('reads the legacy header query parameter (standard base64)', () => {
    const header = Buffer.from(JSON.stringify({ 'x-api-key': 'da2-k' })).toString('base64');
    expect(connectionHeaders(upgrade(`/graphql/realtime?header=${encodeURIComponent(header)}&payload=e30=`, 'graphql-ws'))).toEqual({ 'x-api-key': 'da2-k' });
  });

  it('prefers the sub-protocol when both are present', () => {
    const query = Buffer.from(JSON.stringify({ 'x-api-key': 'from-query' })).toString('base64');
    const request = upgrade(`/graphql/realtime?header=${encodeURIComponent(query)}`, `graphql-ws,header-${base64url({ 'x-api-key': 'from-protocol' })}`);
    expect(connectionHeaders(request)).toEqual({ 'x-api-key': 'from-protocol' });
  });

  it('returns no headers when the client sent none', () => {
    expect(connectionHeaders(upgrade('/graphql/realtime', 'graphql-ws'))).toEqual({});
  });

  it('fails a header that is not base64 JSON', () => {
    expect(() => connectionHeaders(upgrade('/graphql/realtime', 'graphql-ws,header-bm90IGpzb24'))).toThrow(RealtimeAuthHeaderError);
  });
});

describe('toHeaders', () => {
  it('keeps string values only', () => {
    expect(toHeaders({ A: 'x', b: 1, c: null })).toEqual({ a: 'x' });
    expect(toHeaders('nope')).toEqual({});
  });
});
