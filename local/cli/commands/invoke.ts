import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InvokeModelDocument } from '../../../client/__generated__/graphql.ts';
import { displayUsd } from '../../../client/money.ts';
import { CliUsageError, type CliCommand } from '../command.ts';
import { CONNECTION_OPTIONS, connect } from '../connect.ts';
import { parseTags } from '../format.ts';

function readBody(path: string): string {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`Cannot read --body ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    JSON.parse(text);
  } catch {
    throw new CliUsageError(`--body ${path} is not JSON; it must hold the model's native request body`);
  }
  return text;
}

/** `invoke --model ID --body file.json`: Bedrock's answer on stdout, usage and cost on stderr. */
export const invokeCommand: CliCommand = {
  name: 'invoke',
  usage: 'invoke --model ID --body FILE|- [--tag K=V]… [--format body|json]',
  summary: 'invoke a model; print its answer, usage and cost',
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...CONNECTION_OPTIONS,
        model: { type: 'string' },
        body: { type: 'string' },
        'content-type': { type: 'string' },
        accept: { type: 'string' },
        'idempotency-key': { type: 'string' },
        tag: { type: 'string', multiple: true },
        format: { type: 'string' },
      },
    });
    if (!values.model) throw new CliUsageError('--model is required, e.g. --model anthropic.claude-3-haiku-20240307-v1:0');
    if (!values.body) throw new CliUsageError('--body is required: a file holding the model\'s request body, or - for stdin');
    const format = values.format ?? 'body';
    if (format !== 'body' && format !== 'json') throw new CliUsageError(`--format must be body or json, got "${format}"`);
    const body = readBody(values.body);
    const { client } = connect(values, io);
    if (io.interactive) io.err(`Invoking ${values.model}…`);
    const { invokeModel: result } = await client.mutate(InvokeModelDocument, {
      input: { modelId: values.model, body, contentType: values['content-type'], accept: values.accept, idempotencyKey: values['idempotency-key'], tags: parseTags(values.tag) },
    });
    if (format === 'json') {
      io.out(JSON.stringify({ ...result, body: JSON.parse(result.body) as unknown }, null, 2));
      return 0;
    }
    io.out(JSON.stringify(JSON.parse(result.body), null, 2));
    const { usage, cost } = result;
    io.err(
      `tokens in ${usage.inputTokens}, out ${usage.outputTokens}, cache read ${usage.cacheReadInputTokens}, cache write ${usage.cacheWriteInputTokens}` +
        ` · cost ${cost.priced ? `$${displayUsd(cost.usd)}` : 'unpriced'} · ${result.latencyMs} ms · invocation ${result.invocationId}`,
    );
    return 0;
  },
};
