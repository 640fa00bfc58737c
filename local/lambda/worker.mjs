// Runs one Lambda handler bundle in its own worker thread, the way the Lambda runtime would:
// the bundle is imported once (module init = cold start) and each message is one invocation.
// Plain JavaScript on purpose: it is loaded as-is by worker_threads.
import { parentPort, workerData } from 'node:worker_threads';

const { bundlePath } = workerData;
const loaded = import(bundlePath).then((module) => {
  if (typeof module.handler !== 'function') throw new Error(`${bundlePath} does not export a handler function`);
  return module.handler;
});

parentPort.on('message', async ({ id, event }) => {
  try {
    const handler = await loaded;
    const result = await handler(event, { awsRequestId: id, functionName: workerData.functionName });
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    // The Lambda runtime reports only the error's name and message (reference §4.3).
    const errorType = error instanceof Error ? error.name : 'Error';
    const errorMessage = error instanceof Error ? error.message : String(error);
    parentPort.postMessage({ id, ok: false, error: { errorType, errorMessage } });
  }
});
