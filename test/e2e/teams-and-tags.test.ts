/**
 * Teams (cost centres) and cost-allocation tags, end to end: keys carry a team and tags, requests add
 * tags, and every invocation is counted into its team's and tags' aggregates and the rollups. Each seed
 * request costs 11,000 nano-USD (Claude 3 Haiku: 4 input × 250 + 8 output × 1,250 nano-USD per token
 * in the emulator; reference/bedrock.md and the catalogue's $0.00025 / $0.00125 per 1k).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REQUEST, startTestStack, today, type TestStack } from '../helpers/local-stack.ts';
import { RawRealtimeClient } from '../helpers/realtime-client.ts';

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key keyId principalId team tags { key value } } }`;
const INVOKE = `mutation($input: InvokeModelInput!) { invokeModel(input: $input) { invocationId principalId modelId team tags { key value } cost { nanoUsd } } }`;
const SUMMARY = `query($from: AWSDate!, $to: AWSDate!, $principalId: ID, $team: ID, $tag: TagInput) {
  usageSummary(from: $from, to: $to, principalId: $principalId, team: $team, tag: $tag) {
    principalId team tag { key value } totals { invocations costNanoUsd } byModel { modelId totals { invocations } }
  }
}`;
const BREAKDOWN = `query($by: UsageDimension!, $from: AWSDate!, $to: AWSDate!, $tagKey: String, $limit: Int, $nextToken: String) {
  usageBreakdown(by: $by, from: $from, to: $to, tagKey: $tagKey, limit: $limit, nextToken: $nextToken) { by tagKey items { date key totals { invocations costNanoUsd } } nextToken }
}`;
const TOP = `query($month: String!, $by: SpendDimension, $tagKey: String) { topSpenders(month: $month, by: $by, tagKey: $tagKey) { key principalId team tag { key value } invocations costNanoUsd } }`;
const MONTHLY = `query($month: String!, $team: ID, $tag: TagInput) { monthlyUsage(fromMonth: $month, toMonth: $month, team: $team, tag: $tag) { principalId team tag { key value } month totals { invocations costNanoUsd } } }`;
const LEDGER = `query($principalId: ID, $filter: InvocationFilter) {
  invocations(principalId: $principalId, filter: $filter, limit: 100) { items { invocationId operation team tags { key value } } nextToken }
}`;
const ME = `query { me { principalId team tags { key value } } }`;

type Call = ReturnType<TestStack['as']>;
interface Member {
  key: string;
  keyId: string;
  principalId: string;
  call: Call;
}

let stack: TestStack;
let admin: Call;
const members: Record<'alice' | 'bob' | 'carol' | 'dave', Member> = {} as Record<'alice' | 'bob' | 'carol' | 'dave', Member>;
const date = today();
const month = date.slice(0, 7);
const body = JSON.stringify(SEED_REQUEST.body);

async function invoke(member: Member, tags?: { key: string; value: string }[]) {
  return member.call(INVOKE, { input: { modelId: SEED_REQUEST.modelId, body, ...(tags ? { tags } : {}) } });
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = stack.as(stack.adminKey ?? '');
  const create = async (username: string, extra: Record<string, unknown>): Promise<Member> => {
    const reply = await admin(CREATE, { input: { username, ...extra } });
    expect(reply.body.errors).toBeUndefined();
    const created = reply.body.data?.createApiKey as { key: string; keyId: string; principalId: string };
    return { ...created, call: stack.as(created.key) };
  };
  members.alice = await create('Alice', { team: 'research', tags: [{ key: 'project', value: 'atlas' }] });
  members.bob = await create('Bob', { team: 'research' });
  members.carol = await create('Carol', { team: 'sales' });
  members.dave = await create('Dave', {});
  const calls: [Member, { key: string; value: string }[] | undefined][] = [
    [members.alice, [{ key: 'env', value: 'prod' }]],
    [members.alice, [{ key: 'env', value: 'prod' }]],
    [members.alice, undefined],
    [members.bob, [{ key: 'project', value: 'zeus' }]],
    [members.carol, undefined],
    [members.carol, undefined],
    [members.dave, undefined],
  ];
  for (const [member, tags] of calls) expect((await invoke(member, tags)).body.errors).toBeUndefined();
}, 120_000);

afterAll(async () => {
  await stack.close();
});

describe('Mutation.createApiKey with a team and tags', () => {
  it('returns the team and tags, and the key carries them into me', async () => {
    const reply = await members.alice.call(ME);
    expect(reply.body.data?.me).toEqual({ principalId: members.alice.principalId, team: 'research', tags: [{ key: 'project', value: 'atlas' }] });
  });

  it('gives a key added to a principal the principal\'s team, and refuses another team', async () => {
    const added = await admin(CREATE, { input: { username: 'Alice', principalId: members.alice.principalId } });
    expect(added.body.errors).toBeUndefined();
    expect(added.body.data?.createApiKey).toMatchObject({ principalId: members.alice.principalId, team: 'research', tags: [] });
    const other = await admin(CREATE, { input: { username: 'Alice', principalId: members.alice.principalId, team: 'sales' } });
    expect(other.body.errors?.[0]?.errorType).toBe('ValidationError');
    expect(other.body.errors?.[0]?.message).toContain('belongs to team research');
  });

  it('fails with ValidationError for a bad team, a reserved, repeated or malformed tag, or more than 10 tags', async () => {
    const cases = [
      { team: 'has#hash' },
      { team: '' },
      { tags: [{ key: 'aws:createdBy', value: 'x' }] },
      { tags: [{ key: 'project', value: 'a' }, { key: 'project', value: 'b' }] },
      { tags: [{ key: 'project', value: '' }] },
      { tags: [{ key: 'pro#ject', value: 'a' }] },
      { tags: Array.from({ length: 11 }, (_, index) => ({ key: `k${index}`, value: 'v' })) },
    ];
    for (const extra of cases) {
      const reply = await admin(CREATE, { input: { username: 'Nobody', ...extra } });
      expect(reply.body.errors?.[0]?.errorType, JSON.stringify(extra)).toBe('ValidationError');
    }
  });

  it('keeps the team and tags when a key is rotated', async () => {
    const rotated = await admin(
      `mutation($keyId: ID!) { rotateApiKey(keyId: $keyId, overlapSeconds: 60) { newKey { principalId team tags { key value } } } }`,
      { keyId: members.alice.keyId },
    );
    expect(rotated.body.errors).toBeUndefined();
    expect(rotated.body.data?.rotateApiKey).toEqual({
      newKey: { principalId: members.alice.principalId, team: 'research', tags: [{ key: 'project', value: 'atlas' }] },
    });
  });
});

describe('Query.apiKeys', () => {
  it('shows each key\'s team, tags and when it was last used', async () => {
    const reply = await admin(`query($p: ID) { apiKeys(principalId: $p) { items { keyId team tags { key value } lastUsedAt createdAt } } }`, { p: members.dave.principalId });
    expect(reply.body.errors).toBeUndefined();
    const [key] = (reply.body.data?.apiKeys as { items: { keyId: string; team: string | null; tags: unknown[]; lastUsedAt: string | null; createdAt: string }[] }).items;
    expect(key).toMatchObject({ keyId: members.dave.keyId, team: null, tags: [] });
    // Dave's key was used by his invocation: recorded after its creation, and not in the future.
    expect(Date.parse(key?.lastUsedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(key?.createdAt ?? ''));
    expect(Date.parse(key?.lastUsedAt ?? '')).toBeLessThanOrEqual(Date.now());
    const fresh = await admin(CREATE, { input: { username: 'Unused' } });
    const unused = await admin(`query($p: ID) { apiKeys(principalId: $p) { items { lastUsedAt } } }`, { p: (fresh.body.data?.createApiKey as { principalId: string }).principalId });
    expect(unused.body.data?.apiKeys).toEqual({ items: [{ lastUsedAt: null }] });
  });
});

describe('Mutation.setPrincipalTeam', () => {
  it('moves every key of a principal to another team, keeps past spend with the old team, and is audited', async () => {
    const mover = await admin(CREATE, { input: { username: 'Mover', team: 'research' } });
    const moved = mover.body.data?.createApiKey as { key: string; keyId: string; principalId: string };
    const second = await admin(CREATE, { input: { username: 'Mover', principalId: moved.principalId } });
    expect(second.body.data?.createApiKey).toMatchObject({ team: 'research' });
    const reply = await admin(`mutation($p: ID!, $t: ID) { setPrincipalTeam(principalId: $p, team: $t) { keyId principalId team } }`, { p: moved.principalId, t: 'sales' });
    expect(reply.body.errors).toBeUndefined();
    const keys = reply.body.data?.setPrincipalTeam as { keyId: string; principalId: string; team: string }[];
    expect(keys).toHaveLength(2);
    expect(keys.every((key) => key.principalId === moved.principalId && key.team === 'sales')).toBe(true);
    // A key added later joins the new team; the listing shows every key moved.
    const third = await admin(CREATE, { input: { username: 'Mover', principalId: moved.principalId } });
    expect(third.body.data?.createApiKey).toMatchObject({ team: 'sales' });
    const listed = await admin(`query($p: ID) { apiKeys(principalId: $p) { items { team } } }`, { p: moved.principalId });
    expect((listed.body.data?.apiKeys as { items: { team: string }[] }).items.map((key) => key.team)).toEqual(['sales', 'sales', 'sales']);
    // Out of any team.
    const none = await admin(`mutation($p: ID!) { setPrincipalTeam(principalId: $p) { team } }`, { p: moved.principalId });
    expect(none.body.data?.setPrincipalTeam).toEqual([{ team: null }, { team: null }, { team: null }]);
    const audit = await admin(`query($d: AWSDate!) { auditLog(date: $d, limit: 100) { items { action target details } } }`, { d: date });
    const changes = (audit.body.data?.auditLog as { items: { action: string; target: string; details: string }[] }).items.filter((item) => item.action === 'setPrincipalTeam');
    expect(changes.map((item) => [item.target, JSON.parse(item.details) as unknown])).toEqual([
      [moved.principalId, { team: 'sales', previousTeam: 'research', keyIds: expect.arrayContaining([moved.keyId]) }],
      [moved.principalId, { team: null, previousTeam: 'sales', keyIds: expect.arrayContaining([moved.keyId]) }],
    ]);
  });

  it('fails with NotFound for a principal without keys, ValidationError for a bad team, and Unauthorized for a USER', async () => {
    const MOVE = `mutation($p: ID!, $t: ID) { setPrincipalTeam(principalId: $p, team: $t) { keyId } }`;
    expect((await admin(MOVE, { p: 'prn_nobody', t: 'sales' })).body.errors?.[0]?.errorType).toBe('NotFound');
    expect((await admin(MOVE, { p: members.dave.principalId, t: 'bad#team' })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await members.dave.call(MOVE, { p: members.dave.principalId, t: 'sales' })).body.errors?.[0]?.errorType).toBe('Unauthorized');
    const dave = await admin(`query($p: ID) { apiKeys(principalId: $p) { items { team } } }`, { p: members.dave.principalId });
    expect(dave.body.data?.apiKeys).toEqual({ items: [{ team: null }] });
  });
});

describe('Mutation.invokeModel with tags', () => {
  it('records the team and the key\'s and request\'s tags on the result and the ledger item', async () => {
    const ledger = await members.alice.call(LEDGER, { filter: { tag: { key: 'env', value: 'prod' } } });
    expect(ledger.body.errors).toBeUndefined();
    const items = (ledger.body.data?.invocations as { items: unknown[] }).items;
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).toMatchObject({ operation: 'InvokeModel', team: 'research', tags: [{ key: 'env', value: 'prod' }, { key: 'project', value: 'atlas' }] });
    }
  });

  it('fails with ValidationError when a request changes a tag its key fixes, and records nothing', async () => {
    const before = await members.alice.call(SUMMARY, { from: date, to: date });
    const reply = await invoke(members.alice, [{ key: 'project', value: 'other' }]);
    expect(reply.body.errors?.[0]?.errorType).toBe('ValidationError');
    expect(reply.body.errors?.[0]?.message).toContain('fixed to "atlas"');
    const malformed = await invoke(members.alice, [{ key: 'env', value: 'bad#value' }]);
    expect(malformed.body.errors?.[0]?.errorType).toBe('ValidationError');
    const after = await members.alice.call(SUMMARY, { from: date, to: date });
    expect(after.body.data).toEqual(before.body.data);
  });
});

describe('Query.usageSummary by team and tag', () => {
  it('sums a team\'s principals and a tag value\'s invocations from their own aggregates', async () => {
    const research = await admin(SUMMARY, { from: date, to: date, team: 'research' });
    expect(research.body.data?.usageSummary).toEqual({
      principalId: null,
      team: 'research',
      tag: null,
      totals: { invocations: 4, costNanoUsd: '44000' },
      byModel: [{ modelId: SEED_REQUEST.modelId, totals: { invocations: 4 } }],
    });
    const atlas = await admin(SUMMARY, { from: date, to: date, tag: { key: 'project', value: 'atlas' } });
    expect(atlas.body.data?.usageSummary).toMatchObject({ tag: { key: 'project', value: 'atlas' }, totals: { invocations: 3, costNanoUsd: '33000' } });
    const prod = await admin(SUMMARY, { from: date, to: date, tag: { key: 'env', value: 'prod' } });
    expect(prod.body.data?.usageSummary).toMatchObject({ totals: { invocations: 2, costNanoUsd: '22000' } });
  });

  it('lets a USER read their own team but not another team or a tag', async () => {
    const own = await members.bob.call(SUMMARY, { from: date, to: date, team: 'research' });
    expect(own.body.data?.usageSummary).toMatchObject({ team: 'research', totals: { invocations: 4 } });
    expect((await members.bob.call(SUMMARY, { from: date, to: date, team: 'sales' })).body.errors?.[0]?.errorType).toBe('Unauthorized');
    const tag = await members.bob.call(SUMMARY, { from: date, to: date, tag: { key: 'project', value: 'zeus' } });
    expect(tag.body.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it('fails with ValidationError when more than one of principalId, team and tag is named', async () => {
    const reply = await admin(SUMMARY, { from: date, to: date, team: 'research', principalId: members.bob.principalId });
    expect(reply.body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('Query.monthlyUsage and Query.topSpenders by team and tag', () => {
  it('returns a team\'s month and ranks teams and tag values by cost', async () => {
    const monthly = await admin(MONTHLY, { month, team: 'sales' });
    expect(monthly.body.data?.monthlyUsage).toEqual([{ principalId: null, team: 'sales', tag: null, month, totals: { invocations: 2, costNanoUsd: '22000' } }]);
    const teams = await admin(TOP, { month, by: 'TEAM' });
    expect(teams.body.data?.topSpenders).toEqual([
      { key: 'research', principalId: null, team: 'research', tag: null, invocations: 4, costNanoUsd: '44000' },
      { key: 'sales', principalId: null, team: 'sales', tag: null, invocations: 2, costNanoUsd: '22000' },
    ]);
    const projects = await admin(TOP, { month, by: 'TAG', tagKey: 'project' });
    expect(projects.body.data?.topSpenders).toEqual([
      { key: 'atlas', principalId: null, team: null, tag: { key: 'project', value: 'atlas' }, invocations: 3, costNanoUsd: '33000' },
      { key: 'zeus', principalId: null, team: null, tag: { key: 'project', value: 'zeus' }, invocations: 1, costNanoUsd: '11000' },
    ]);
    const principals = await admin(TOP, { month });
    expect((principals.body.data?.topSpenders as { key: string }[]).map((row) => row.key)).toEqual([members.alice.principalId, members.carol.principalId, expect.any(String), expect.any(String)]);
  });

  it('fails with ValidationError for by: TAG without a tagKey', async () => {
    expect((await admin(TOP, { month, by: 'TAG' })).body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('Query.usageBreakdown', () => {
  const rows = async (by: string, tagKey?: string) => {
    const reply = await admin(BREAKDOWN, { by, from: date, to: date, ...(tagKey ? { tagKey } : {}) });
    expect(reply.body.errors).toBeUndefined();
    const page = reply.body.data?.usageBreakdown as { items: { date: string; key: string; totals: unknown }[]; nextToken: string | null };
    expect(page.nextToken).toBeNull();
    return [...page.items].sort((a, b) => a.key.localeCompare(b.key));
  };

  it('returns each principal\'s, team\'s, model\'s and tag value\'s spend per day', async () => {
    const expected = [
      [members.alice.principalId, 3],
      [members.bob.principalId, 1],
      [members.carol.principalId, 2],
      [members.dave.principalId, 1],
    ] as const;
    expect(await rows('PRINCIPAL')).toEqual(
      expected
        .map(([key, invocations]) => ({ date, key, totals: { invocations, costNanoUsd: `${invocations * 11000}` } }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(await rows('TEAM')).toEqual([
      { date, key: 'research', totals: { invocations: 4, costNanoUsd: '44000' } },
      { date, key: 'sales', totals: { invocations: 2, costNanoUsd: '22000' } },
    ]);
    expect(await rows('MODEL')).toEqual([{ date, key: SEED_REQUEST.modelId, totals: { invocations: 7, costNanoUsd: '77000' } }]);
    expect(await rows('TAG', 'env')).toEqual([{ date, key: 'prod', totals: { invocations: 2, costNanoUsd: '22000' } }]);
  });

  it('pages with nextToken', async () => {
    const first = await admin(BREAKDOWN, { by: 'PRINCIPAL', from: date, to: date, limit: 3 });
    const page = first.body.data?.usageBreakdown as { items: unknown[]; nextToken: string | null };
    expect(page.items).toHaveLength(3);
    expect(page.nextToken).toEqual(expect.any(String));
    const second = await admin(BREAKDOWN, { by: 'PRINCIPAL', from: date, to: date, limit: 3, nextToken: page.nextToken });
    expect((second.body.data?.usageBreakdown as { items: unknown[] }).items).toHaveLength(1);
  });

  it('fails with Unauthorized for a USER key and ValidationError for a bad range or a missing tagKey', async () => {
    expect((await members.bob.call(BREAKDOWN, { by: 'MODEL', from: date, to: date })).body.errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await admin(BREAKDOWN, { by: 'MODEL', from: '2026-02-01', to: '2026-01-01' })).body.errors?.[0]?.errorType).toBe('ValidationError');
    expect((await admin(BREAKDOWN, { by: 'TAG', from: date, to: date })).body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('Query.invocations filters', () => {
  it('narrows by model, key, operation and priced', async () => {
    const count = async (filter: Record<string, unknown>) => {
      const reply = await admin(LEDGER, { principalId: members.carol.principalId, filter });
      expect(reply.body.errors).toBeUndefined();
      return (reply.body.data?.invocations as { items: unknown[] }).items.length;
    };
    expect(await count({ modelId: SEED_REQUEST.modelId })).toBe(2);
    expect(await count({ modelId: 'amazon.nova-micro-v1:0' })).toBe(0);
    expect(await count({ keyId: members.carol.keyId, operation: 'InvokeModel', priced: true })).toBe(2);
    expect(await count({ operation: 'Converse' })).toBe(0);
    expect(await count({ priced: false })).toBe(0);
  });

  it('fails with ValidationError for an unknown operation', async () => {
    const reply = await admin(LEDGER, { principalId: members.carol.principalId, filter: { operation: 'Invoke' } });
    expect(reply.body.errors?.[0]?.errorType).toBe('ValidationError');
  });
});

describe('Subscription.onInvocation filters', () => {
  it('delivers to an admin filtered by team only that team\'s invocations', async () => {
    const adminKey = stack.adminKey ?? '';
    const client = await RawRealtimeClient.connect(stack.realtimeUrl, { Authorization: adminKey });
    try {
      client.start('team', 'subscription($team: ID) { onInvocation(team: $team) { invocationId principalId team } }', { team: 'sales' }, { Authorization: adminKey });
      expect(await client.next()).toEqual({ type: 'start_ack', id: 'team' });
      expect((await invoke(members.alice)).body.errors).toBeUndefined();
      const carol = (await invoke(members.carol)).body.data?.invokeModel as { invocationId: string };
      const message = await client.next();
      expect(message).toMatchObject({ type: 'data', id: 'team' });
      expect(message.payload?.data).toEqual({ onInvocation: { invocationId: carol.invocationId, principalId: members.carol.principalId, team: 'sales' } });
    } finally {
      await client.close();
    }
  });

  it('refuses a USER watching another team', async () => {
    const client = await RawRealtimeClient.connect(stack.realtimeUrl, { Authorization: members.bob.key });
    try {
      client.start('other', 'subscription { onInvocation(team: "sales") { invocationId } }', {}, { Authorization: members.bob.key });
      const message = await client.next();
      expect(message.type).toBe('error');
      expect(JSON.stringify(message.payload)).toContain('Unauthorized');
    } finally {
      await client.close();
    }
  });
});
