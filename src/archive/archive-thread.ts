/**
 * An Archive in a worker thread (./archive-worker.ts opens it in-thread: its own connection to the
 * store and, in hybrid mode, the caller's model lent to it: ./lent-model.ts), driven by messages. The bot uses one as the index's
 * single writer — indexing, uploads and deletions decode, parse, stem and embed there, so its event
 * loop never waits on them — and, in lexical mode, a few as readers that search for questions on
 * the other cores. SQLite's WAL lets every connection read the committed index while the writer writes.
 *
 * Plain node:worker_threads rather than a pool library (piscina, tinypool): there is exactly one
 * writer (SQLite has one, and changes must apply in order), every thread lives as long as the
 * archive (the store opens and the model loads once), and the writer streams progress back while it
 * works — a pool's stateless task model fits none of that.
 */
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { IngestError } from '../ingest/errors.js';
import { StorageFullError } from '../index/storage-full.js';
import type { AddedFile, Answer, ArticleInfo, IndexReport } from '../types.js';
import type { ProgressFn } from '../index/indexer.js';
import { spawnWorker } from '../spawn-worker.js';
import { isEmbedAsk, serveEmbeddings, type EmbedAsk, type LentModel } from './lent-model.js';

export type ArchiveRequest =
  | { id: number; op: 'ask'; question: string; top: number }
  | { id: number; op: 'index'; allowMassRemoval: boolean }
  | { id: number; op: 'addFile'; name: string; bytes: Uint8Array }
  | { id: number; op: 'deleteArticle'; idOrFile: string };

/** What the worker is started with: how to open the archive, and the model it is lent, if any. */
export interface ArchiveThreadData {
  config: Config;
  lent: LentModel | null;
}

export type ArchiveReply =
  | EmbedAsk
  | { id: number; progress: Parameters<ProgressFn> }
  | { id: number; result: unknown }
  | { id: number; error: { message: string; kind: ErrorKind } };

/** Which of the errors a caller tells apart crossed the thread (others arrive as plain Errors). */
export type ErrorKind = 'ingest' | 'storage-full' | 'other';

export function errorKind(err: unknown): ErrorKind {
  return err instanceof IngestError ? 'ingest' : err instanceof StorageFullError ? 'storage-full' : 'other';
}

function fromKind({ message, kind }: { message: string; kind: ErrorKind }): Error {
  return kind === 'ingest' ? new IngestError(message) : kind === 'storage-full' ? new StorageFullError(message) : new Error(message);
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress?: ProgressFn;
}

export class ArchiveThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  /**
   * `config` as the worker should open the archive (no bot token: it never talks to Telegram);
   * `model`, when given, is lent to the worker instead of its loading one of its own.
   */
  constructor(
    private readonly config: Config,
    private readonly model: Embedder | null = null,
  ) {}

  /** Requests sent and not yet answered (a reader pool sends the next question to the least busy). */
  get busy(): number {
    return this.pending.size;
  }

  ask(question: string, top: number): Promise<Answer> {
    return this.call({ op: 'ask', question, top }) as Promise<Answer>;
  }

  index(onProgress?: ProgressFn, allowMassRemoval = false): Promise<IndexReport> {
    return this.call({ op: 'index', allowMassRemoval }, onProgress) as Promise<IndexReport>;
  }

  addFile(name: string, bytes: Uint8Array): Promise<AddedFile> {
    return this.call({ op: 'addFile', name, bytes }) as Promise<AddedFile>;
  }

  deleteArticle(idOrFile: string): Promise<ArticleInfo[]> {
    return this.call({ op: 'deleteArticle', idOrFile }) as Promise<ArticleInfo[]>;
  }

  /** Start the worker now rather than at the first request (its modules and store take a second or two). */
  start(): void {
    this.ensureWorker();
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

  private call(request: DistributiveOmit<ArchiveRequest, 'id'>, onProgress?: ProgressFn): Promise<unknown> {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    // Referenced only while work is pending: an idle writer must not keep the process alive.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...request, id } as ArchiveRequest);
    }).finally(() => {
      if (this.worker === worker && this.pending.size === 0) worker.unref();
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { model } = this;
    const lent = model && { model: model.model, dim: model.dim };
    const worker = spawnWorker(new URL('./archive-worker', import.meta.url), { config: this.config, lent } satisfies ArchiveThreadData);
    worker.on('message', (reply: ArchiveReply) => {
      if (isEmbedAsk(reply)) return model && serveEmbeddings(worker, model, reply);
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      if ('progress' in reply) return pending.onProgress?.(...reply.progress);
      this.pending.delete(reply.id);
      if ('result' in reply) pending.resolve(reply.result);
      else pending.reject(fromKind(reply.error));
    });
    worker.on('error', (err) => this.fail(worker, err));
    worker.on('exit', (code) => this.fail(worker, new Error(`the archive thread exited (code ${code})`)));
    // Referenced only while a request is pending (see call).
    worker.unref();
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
