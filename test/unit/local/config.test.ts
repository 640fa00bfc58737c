import { describe, expect, it } from 'vitest';
import { LocalConfigError, readStartConfig } from '../../../local/config.ts';

describe('readStartConfig: realtime keep-alive', () => {
  it('defaults the ka interval to 30 s', () => {
    expect(readStartConfig([], {}).realtimeKeepAliveMs).toBe(30_000);
  });

  it('reads REALTIME_KEEPALIVE_SECONDS', () => {
    expect(readStartConfig([], { REALTIME_KEEPALIVE_SECONDS: '10' }).realtimeKeepAliveMs).toBe(10_000);
  });

  it.each(['0', '61', 'soon'])('fails REALTIME_KEEPALIVE_SECONDS=%s with a message naming the setting', (value) => {
    expect(() => readStartConfig([], { REALTIME_KEEPALIVE_SECONDS: value })).toThrow(LocalConfigError);
    expect(() => readStartConfig([], { REALTIME_KEEPALIVE_SECONDS: value })).toThrow(/REALTIME_KEEPALIVE_SECONDS/);
  });
});
