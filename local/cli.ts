/**
 * `npm start` and `npm run keys`: the same command line as the package's `bin` (bin/bedrock-ledger.js),
 * run directly by tsx. The commands live in ./cli/.
 */
import { runCli } from './cli/main.ts';

process.exit(await runCli(process.argv.slice(2)));
