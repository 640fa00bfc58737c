import { describe, expect, it } from 'vitest';
import { declaredFunctions, runtimeCoverage } from '../../scripts/runtime-coverage.ts';

/** Declared by @aws-appsync/utils but deliberately not offered by the local runtime, and why. */
const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {};

describe('the APPSYNC_JS surface of the local runtime', () => {
  const rows = runtimeCoverage();

  it('reads the declared functions from the type definitions', () => {
    // Names every version of @aws-appsync/utils 2.x declares (reference §2.1–2.7).
    expect(declaredFunctions()).toEqual(expect.arrayContaining(['util.error', 'util.time.nowISO8601', 'runtime.earlyReturn', 'extensions.setSubscriptionFilter', 'dynamodb.transactWrite']));
  });

  it('implements every declared function except the ones listed with a reason', () => {
    const missing = rows.filter((row) => !row.implemented).map((row) => row.name);
    expect(missing.sort()).toEqual(Object.keys(NOT_IMPLEMENTED).sort());
  });

  it('names every implemented function in a test', () => {
    expect(rows.filter((row) => row.implemented && !row.tested).map((row) => row.name)).toEqual([]);
  });
});
