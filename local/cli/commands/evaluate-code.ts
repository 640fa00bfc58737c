/**
 * `evaluate-code --code <file> --context <file> --function request|response`: the local
 * `aws appsync evaluate-code`. Takes the same arguments (paths may carry `file://` as with the AWS CLI;
 * `--runtime name=APPSYNC_JS,runtimeVersion=1.0.0` is accepted) and prints the same JSON. A TypeScript
 * resolver (`.ts`) is bundled first by the project's bundler, as it would be deployed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleResolver } from '../../../resolvers/build.ts';
import { evaluateCode, EvaluateCodeRequestError } from '../../runtime/evaluate-code.ts';
import { CliUsageError, type CliCommand } from '../command.ts';

/** The value after `--name` (or in `--name=value`); undefined when absent. */
function optionValue(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index >= 0) {
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name} needs a value`);
    return value;
  }
  return argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);
}

function readArgumentFile(value: string, name: string): { path: string; text: string } {
  const path = resolve(value.startsWith('file://') ? value.slice('file://'.length) : value);
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new CliUsageError(`${name}: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
}

export const evaluateCodeCommand: CliCommand = {
  name: 'evaluate-code',
  usage: 'evaluate-code --code F --context F --function request|response',
  summary: 'run a resolver handler locally, like aws appsync evaluate-code',
  run(argv, io) {
    const codeOption = optionValue(argv, '--code');
    const contextOption = optionValue(argv, '--context');
    const fn = optionValue(argv, '--function');
    const runtime = optionValue(argv, '--runtime');
    if (!codeOption || !contextOption || !fn) throw new CliUsageError('--code, --context and --function are all required');
    if (fn !== 'request' && fn !== 'response') throw new CliUsageError(`--function must be request or response, got "${fn}"`);
    if (runtime !== undefined && !/^name=APPSYNC_JS(,runtimeVersion=1\.0\.0)?$/.test(runtime)) {
      throw new CliUsageError(`--runtime supports only name=APPSYNC_JS,runtimeVersion=1.0.0, got "${runtime}"`);
    }
    const code = readArgumentFile(codeOption, '--code');
    const context = readArgumentFile(contextOption, '--context');
    const source = /\.[cm]?ts$/.test(code.path) ? bundleResolver(code.path) : code.text;
    try {
      io.out(JSON.stringify(evaluateCode({ code: source, context: context.text, function: fn }), null, 4));
    } catch (error) {
      // AppSync refuses such a request (BadRequestException) instead of answering it.
      if (error instanceof EvaluateCodeRequestError) throw new CliUsageError(error.message);
      throw error;
    }
    return Promise.resolve(0);
  },
};
