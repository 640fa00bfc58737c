import { describe, expect, it } from 'vitest';
import { dialHost } from '../../../local/stack.ts';

describe('dialHost', () => {
  it('dials loopback for wildcard listen addresses and brackets IPv6 literals', () => {
    expect(dialHost('0.0.0.0')).toBe('127.0.0.1');
    expect(dialHost('::')).toBe('[::1]');
    expect(dialHost('::1')).toBe('[::1]');
    expect(dialHost('127.0.0.1')).toBe('127.0.0.1');
    expect(dialHost('localhost')).toBe('localhost');
  });
});
