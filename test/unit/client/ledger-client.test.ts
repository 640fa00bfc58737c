import { describe, expect, it } from 'vitest';
import { realtimeUrlFor } from '../../../client/ledger-client.ts';

describe('realtimeUrlFor', () => {
  it('maps an AppSync API domain to its appsync-realtime-api domain over wss', () => {
    expect(realtimeUrlFor('https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql')).toBe(
      'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
    );
  });

  it('appends /realtime to a custom https domain and switches to wss', () => {
    expect(realtimeUrlFor('https://api.example.com/graphql')).toBe('wss://api.example.com/graphql/realtime');
  });

  it('appends /realtime to a local http endpoint and switches to ws', () => {
    expect(realtimeUrlFor('http://127.0.0.1:4000/graphql')).toBe('ws://127.0.0.1:4000/graphql/realtime');
  });
});
