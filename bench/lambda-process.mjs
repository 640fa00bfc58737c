// Runs in a fresh plain-Node process, as Lambda would: imports one handler bundle (module init = the
// cold start), then invokes the invoke-model handler N times and reports peak RSS as one JSON line.
// Plain JavaScript so no TypeScript loader inflates the figures.
//   node bench/lambda-process.mjs <bundle.mjs> [invocations] [principalId]
import { pathToFileURL } from 'node:url';

const [bundlePath, countText, principalId] = process.argv.slice(2);
const started = performance.now();
const module = await import(pathToFileURL(bundlePath ?? '').href);
const initMs = performance.now() - started;
const count = Number(countText ?? 0);
let failures = 0;
for (let index = 0; index < count; index += 1) {
  const result = await module.handler({
    input: {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      body: { anthropic_version: 'bedrock-2023-05-31', max_tokens: 64, messages: [{ role: 'user', content: `memory run ${index}` }] },
    },
    caller: { principalId: principalId ?? 'prn_benchmemory', keyId: 'key_benchmemory', role: 'USER', username: 'bench' },
  });
  if (result?.error) failures += 1;
}
process.stdout.write(`${JSON.stringify({ initMs, peakRssMb: process.resourceUsage().maxRSS / 1024, failures })}\n`);
