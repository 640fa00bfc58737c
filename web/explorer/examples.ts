/** The explorer's first tabs: one example per thing people do with the API. */
const today = new Date().toISOString().slice(0, 10);
const monthStart = `${today.slice(0, 8)}01`;
const HEADERS = JSON.stringify({ Authorization: 'bdl_… (your key)' }, null, 2);

interface Tab {
  readonly query: string;
  readonly variables?: string;
  readonly headers?: string;
}

export const EXAMPLE_TABS: Tab[] = [
  {
    query: `# Who am I? Put your key in the Headers tab below ("Authorization": "bdl_…"),
# or "x-api-key": "da2-…" for serviceInfo only.
query WhoAmI {
  me { principalId username role keyId team tags { key value } }
  serviceInfo { name version }
}
`,
    headers: HEADERS,
  },
  {
    query: `# Call a Bedrock model; usage and cost are recorded against your key.
mutation Invoke($input: InvokeModelInput!) {
  invokeModel(input: $input) {
    invocationId principalId modelId body latencyMs createdAt
    usage { inputTokens outputTokens cacheReadInputTokens cacheWriteInputTokens }
    cost { usd nanoUsd priced }
  }
}
`,
    variables: JSON.stringify(
      {
        input: {
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          body: JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 256, messages: [{ role: 'user', content: [{ type: 'text', text: 'Good morning!' }] }] }),
        },
      },
      null,
      2,
    ),
    headers: HEADERS,
  },
  {
    query: `# What was spent, from the daily aggregates.
query Usage($from: AWSDate!, $to: AWSDate!) {
  usageSummary(from: $from, to: $to) {
    totals { invocations inputTokens outputTokens costUsd }
    byModel { modelId totals { invocations costUsd } }
    byDay { date totals { invocations costUsd } }
  }
}
`,
    variables: JSON.stringify({ from: monthStart, to: today }, null, 2),
    headers: HEADERS,
  },
  {
    query: `# Who spent what (ADMIN or FINANCE key): per day and per team, from the rollups.
# by: PRINCIPAL, TEAM, MODEL, or TAG with tagKey. A team's own report: usageSummary(team: "…").
query ByTeam($from: AWSDate!, $to: AWSDate!) {
  usageBreakdown(by: TEAM, from: $from, to: $to) {
    items { date key totals { invocations costUsd } }
    nextToken
  }
  topSpenders(month: "${today.slice(0, 7)}", by: TEAM) { key costUsd invocations }
}
`,
    variables: JSON.stringify({ from: monthStart, to: today }, null, 2),
    headers: HEADERS,
  },
  {
    query: `# The ledger, newest first.
query Ledger($limit: Int) {
  invocations(limit: $limit) {
    items { createdAt modelId usage { inputTokens outputTokens } cost { usd priced } latencyMs }
    nextToken
  }
}
`,
    variables: JSON.stringify({ limit: 20 }, null, 2),
    headers: HEADERS,
  },
  {
    query: `# Live: run this, then invoke a model in another tab (or with the CLI).
# Select in invokeModel every field you select here: subscribers get the mutation's selection.
subscription Live {
  onInvocation {
    invocationId principalId modelId body latencyMs createdAt
    usage { inputTokens outputTokens cacheReadInputTokens cacheWriteInputTokens }
    cost { usd nanoUsd priced }
  }
}
`,
    headers: HEADERS,
  },
];
