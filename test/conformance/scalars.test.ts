import { describe, expect, it } from 'vitest';
import {
  isAwsDate,
  isAwsDateTime,
  isAwsEmail,
  isAwsIpAddress,
  isAwsPhone,
  isAwsTime,
  isAwsUrl,
} from '../../local/graphql/scalars.ts';

// Accepted and refused values per reference/appsync-runtime.md §8.2 (AppSync's scalar documentation).
const cases: [string, (text: string) => boolean, string[], string[]][] = [
  ['AWSDate', isAwsDate, ['1970-01-01', '2026-11-26Z', '2026-11-26+05:30', '2026-11-26-08:00:00', '2024-02-29'], ['2026-1-01', '2026-13-01', '2026-02-30', '2023-02-29', '26-11-26', '2026-11-26T00:00Z']],
  ['AWSTime', isAwsTime, ['12:30', '12:30:45', '12:30:45.123', '12:30:45.123456789Z', '12:30+05:30'], ['12', '24:00', '12:60', '12:30.5', '12:30:45.1234567890']],
  ['AWSDateTime', isAwsDateTime, ['2026-11-26T10:00Z', '2026-11-26T10:00:00.000Z', '2026-11-26T10:00:00+05:30', '2026-11-26T10:00:00-08:00:00'], ['2026-11-26T10:00:00', '2026-11-26T10:00:00+0530', '2026-11-26 10:00:00Z', '2026-02-30T10:00:00Z']],
  ['AWSEmail', isAwsEmail, ['name@example.com', 'first.last+tag@sub.example.org'], ['name', 'name@', '@example.com', 'a b@example.com']],
  ['AWSURL', isAwsUrl, ['https://example.com', 'https://example.com/a/b?c=d', 'mailto:name@example.com'], ['example.com', '/relative/path', 'https://example.com/a//b', 'https://']],
  ['AWSPhone', isAwsPhone, ['+1 206 555 0100', '206-555-0100', '(206) 555-0100', '+44 20 7946 0958', '12065550100'], ['555-0100', '+0 12 345', '206--555-0100', 'phone', '123-456-7890']],
  ['AWSIPAddress', isAwsIpAddress, ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32'], ['256.0.0.1', '[::1]', '10.0.0.0/33', '2001:db8::/129', 'localhost']],
];

describe.each(cases)('%s', (_name, valid, accepted, refused) => {
  it.each(accepted)('accepts %s', (value) => expect(valid(value)).toBe(true));
  it.each(refused)('refuses %s', (value) => expect(valid(value)).toBe(false));
});
