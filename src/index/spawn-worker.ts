/**
 * Start a worker thread on one of src/index's worker modules: the compiled JavaScript under dist/,
 * or the TypeScript source under tsx and vitest.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** `entry` is the module's name without extension (e.g. 'archive-worker'), beside this file. */
export function spawnWorker(entry: string, workerData: unknown): Worker {
  const js = new URL(`./${entry}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  // From source: register tsx's loader inside the worker first (Node 20 does not pass --import
  // hooks on to workers). tsx's ESM API is named by path because its CommonJS build cannot load it.
  const tsx = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const ts = new URL(`./${entry}.ts`, import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
