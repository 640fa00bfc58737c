/**
 * Reads back what `start` prints (`Label: value` lines, then `Ready in … ms`) from a child process
 * running it: for tools that start the local runtime in a process of its own (the bench, the tests).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

/** The labelled lines printed until the runtime is ready (e.g. `GraphQL endpoint`, `Admin key`). */
export function startOutput(child: ChildProcessWithoutNullStreams): Promise<Map<string, string>> {
  const printed = new Map<string, string>();
  return new Promise((resolveReady, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      for (const line of buffer.split('\n')) {
        const match = /^([A-Za-z ]+): (.+)$/.exec(line);
        if (match?.[1] && match[2]) printed.set(match[1], match[2]);
      }
      if (buffer.includes('Ready in')) resolveReady(printed);
    });
    child.once('exit', (code) => reject(new Error(`the local runtime exited with code ${code} before it was ready`)));
  });
}
