/**
 * Start a worker thread on a worker module: its compiled JavaScript under dist/, or its TypeScript
 * source under tsx and vitest. Shared by the stages that keep heavy work off the caller's thread
 * (src/index's archive and parse threads, src/embed's model thread), so it belongs to none of them.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * `entry` is the worker module's URL without extension, e.g. `new URL('./archive-worker', import.meta.url)`
 * from the module beside it.
 */
export function spawnWorker(entry: URL, workerData: unknown): Worker {
  const js = new URL(`${entry.href}.js`);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  // From source: register tsx's loader inside the worker first (Node 20 does not pass --import
  // hooks on to workers). tsx's ESM API is named by path because its CommonJS build cannot load it.
  const tsx = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const ts = `${entry.href}.ts`;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData });
}
