/** Key rotation over GraphQL: a new key for the same principal, the old one ends after the overlap. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/local-stack.ts';

const ROTATE = /* GraphQL */ `
  mutation Rotate($keyId: ID!, $overlapSeconds: Int) {
    rotateApiKey(keyId: $keyId, overlapSeconds: $overlapSeconds) {
      newKey { key keyId principalId username role expiresAt }
      previous { keyId principalId status expiresAt }
    }
  }
`;
const ME = /* GraphQL */ `query { me { principalId keyId role } }`;

let stack: TestStack;
let admin: ReturnType<TestStack['as']>;

const newKey = (username: string) => stack.newKey({ username });

beforeAll(async () => {
  stack = await startTestStack();
  if (!stack.adminKey) throw new Error('a new in-memory store must print an admin key');
  admin = stack.as(stack.adminKey);
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('Mutation.rotateApiKey', () => {
  it('mints a key for the same principal and role and gives the old key an expiry at the end of the overlap', async () => {
    const old = await newKey('Rotating User');
    const before = Date.now();
    const reply = await stack.as(old.key)(ROTATE, { keyId: old.keyId, overlapSeconds: 600 });
    expect(reply.body.errors).toBeUndefined();
    const rotated = reply.body.data?.rotateApiKey as {
      newKey: { key: string; keyId: string; principalId: string; role: string; expiresAt: string | null };
      previous: { keyId: string; status: string; expiresAt: string };
    };
    expect(rotated.newKey).toMatchObject({ principalId: old.principalId, role: 'USER', username: 'Rotating User', expiresAt: null });
    expect(rotated.newKey.keyId).not.toBe(old.keyId);
    expect(rotated.previous).toMatchObject({ keyId: old.keyId, status: 'ACTIVE' });
    const expiry = Date.parse(rotated.previous.expiresAt);
    expect(expiry).toBeGreaterThanOrEqual(before + 600_000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 600_000);
    // Both keys work during the overlap, as the same principal.
    expect((await stack.as(rotated.newKey.key)(ME)).body.data?.me).toMatchObject({ principalId: old.principalId, keyId: rotated.newKey.keyId });
    expect((await stack.as(old.key)(ME)).body.data?.me).toMatchObject({ principalId: old.principalId, keyId: old.keyId });
  });

  it('ends the old key at once with an overlap of 0', async () => {
    const old = await newKey('Immediate');
    const reply = await admin(ROTATE, { keyId: old.keyId, overlapSeconds: 0 });
    expect(reply.body.errors).toBeUndefined();
    const refused = await stack.graphql(ME, {}, { authorization: old.key });
    expect(refused.status).toBe(401);
  });

  it('fails with ValidationError for an overlap out of range, and mints nothing', async () => {
    const old = await newKey('Out Of Range');
    const reply = await admin(ROTATE, { keyId: old.keyId, overlapSeconds: 604801 });
    expect(reply.body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await stack.as(old.key)(ME)).body.data?.me).toMatchObject({ keyId: old.keyId });
  });

  it('fails with NotFound when a USER rotates another principal\'s key', async () => {
    const mine = await newKey('Mine');
    const theirs = await newKey('Theirs');
    expect((await stack.as(mine.key)(ROTATE, { keyId: theirs.keyId })).body.errors?.[0]?.errorType).toBe('NotFound');
  });
});
