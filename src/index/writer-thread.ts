/**
 * The index's one writer, in a worker thread: indexing, uploads and deletions decode, parse, stem and
 * embed there, so the caller's event loop (the bot, answering questions) never waits on them. The
 * worker (./writer-worker.ts) opens its own in-thread Archive: its own connection to the store (WAL,
 * so the caller keeps reading committed data while it writes) and, in hybrid mode, its own model.
 *
 * Plain node:worker_threads rather than a pool library (piscina, tinypool): there is exactly one
 * writer (SQLite has one, and changes must apply in order), it lives as long as the archive (the
 * model loads once), and it streams progress back while it works — a pool's stateless task model
 * fits none of that.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import { IngestError } from '../ingest/errors.js';
import type { AddedFile, ArticleInfo, IndexReport } from '../types.js';
import type { ProgressFn } from './indexer.js';

export type WriterRequest =
  | { id: number; op: 'index' }
  | { id: number; op: 'addFile'; name: string; bytes: Uint8Array }
  | { id: number; op: 'deleteArticle'; idOrFile: string };

export type WriterReply =
  | { id: number; progress: Parameters<ProgressFn> }
  | { id: number; result: unknown }
  | { id: number; error: { message: string; ingest: boolean } };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: ProgressFn;
}

/** The worker entry: compiled JavaScript under dist/, or the TypeScript source under tsx and vitest. */
function spawnWorker(workerData: unknown): Worker {
  const js = new URL('./writer-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  // From source: register tsx's loader inside the worker first (Node 20 does not pass --import
  // hooks on to workers). tsx's ESM API is named by path because its CommonJS build cannot load it.
  const tsx = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const ts = new URL('./writer-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export class WriterThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /** `config` as the worker should open the archive (no bot token: it never talks to Telegram). */
  constructor(private readonly config: Config) {}

  index(onProgress?: ProgressFn): Promise<IndexReport> {
    return this.call({ op: 'index' }, onProgress) as Promise<IndexReport>;
  }

  addFile(name: string, bytes: Uint8Array): Promise<AddedFile> {
    return this.call({ op: 'addFile', name, bytes }) as Promise<AddedFile>;
  }

  deleteArticle(idOrFile: string): Promise<ArticleInfo[]> {
    return this.call({ op: 'deleteArticle', idOrFile }) as Promise<ArticleInfo[]>;
  }

  /**
   * Stop the worker now, abandoning what it is doing: the store keeps every file committed so far
   * (each file is one transaction) and the next run picks up the rest.
   */
  async terminate(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // Referenced until it is gone, so that the caller's await keeps the process alive meanwhile.
    worker.ref();
    this.fail(worker, new Error('indexing was stopped'));
    await worker.terminate();
  }

  private call(request: DistributiveOmit<WriterRequest, 'id'>, onProgress?: ProgressFn): Promise<unknown> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    // Referenced only while work is pending: an idle writer must not keep the process alive.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...request, id } as WriterRequest);
    }).finally(() => {
      if (this.worker === worker && this.pending.size === 0) worker.unref();
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker(this.config);
    worker.on('message', (reply: WriterReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      if ('progress' in reply) return pending.onProgress?.(...reply.progress);
      this.pending.delete(reply.id);
      if ('result' in reply) pending.resolve(reply.result);
      else pending.reject(reply.error.ingest ? new IngestError(reply.error.message) : new Error(reply.error.message));
    });
    worker.on('error', (err) => this.fail(worker, err));
    worker.on('exit', (code) => this.fail(worker, new Error(`the indexing thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Reject everything in flight on `worker`; the next call starts a fresh one. */
  private fail(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const pending of this.pending.values()) pending.reject(err);
    this.pending.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
