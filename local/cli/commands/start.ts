import { readStartConfig } from '../../config.ts';
import { startStack } from '../../stack.ts';
import type { CliCommand } from '../command.ts';

/** `start`: the local API (DynamoDB Local, Bedrock emulator, AppSync runtime) until Ctrl+C. */
export const startCommand: CliCommand = {
  name: 'start',
  usage: 'start [--port N] [--in-memory] [--data-dir DIR]',
  summary: 'run the API locally',
  async run(argv, io) {
    const started = performance.now();
    const stack = await startStack(readStartConfig(argv, io.env));
    io.out(`GraphQL endpoint: ${stack.graphqlUrl}`);
    io.out(`Realtime endpoint: ${stack.realtimeUrl}`);
    io.out(`TLS CA certificate: ${stack.tlsCaPath} (wss:// on the same port; trust it with NODE_EXTRA_CA_CERTS)`);
    io.out(`Explorer: ${new URL('/', stack.graphqlUrl).toString()}`);
    io.out(`Dashboard: ${new URL('/dashboard/', stack.graphqlUrl).toString()}`);
    io.out(`API key: ${stack.appSyncApiKey}`);
    if (stack.adminKey) io.out(`Admin key: ${stack.adminKey}`);
    io.out(`Bedrock: ${stack.bedrockUrl ? `emulator at ${stack.bedrockUrl}` : 'as configured by BEDROCK_ENDPOINT'}`);
    io.out(`Ready in ${Math.round(performance.now() - started)} ms. Press Ctrl+C to stop.`);
    await io.interrupted;
    await stack.stop();
    return 0;
  },
};
