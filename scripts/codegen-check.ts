/**
 * Fails when the committed generated types differ from what codegen.ts produces now
 * (run `npm run codegen` to refresh them). Writes nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.ts';

const outputs = (await generate({ ...config, silent: true }, false)) as { filename: string; content: string }[];
const stale = outputs.filter(({ filename, content }) => {
  let committed = '';
  try {
    committed = readFileSync(resolve(filename), 'utf8');
  } catch {
    return true;
  }
  return committed !== content;
});
if (stale.length > 0) {
  process.stderr.write(`Generated files are stale: ${stale.map((file) => file.filename).join(', ')}. Run \`npm run codegen\` and commit.\n`);
  process.exit(1);
}
process.stdout.write(`Generated files are fresh (${outputs.length} checked).\n`);
