#!/usr/bin/env node
// `npx bedrock-ledger <command>`: loads the TypeScript command line (local/cli.ts) through tsx and runs it.
import { register } from 'tsx/esm/api';

register();
await import('../local/cli.ts');
