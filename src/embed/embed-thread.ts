/**
 * The model in a thread of its own. ONNX Runtime's Node binding runs a model synchronously on the
 * thread that calls it (its `run` only defers the call with setImmediate), so an embedding made on the
 * bot's thread stops every other chat for as long as it takes: 15–60 ms for a question on these cores,
 * seconds for a batch of passages. Behind this Embedder the calls are messages: the caller's event
 * loop keeps turning, and a question's words are matched while its embedding is computed.
 *
 * One model, loaded once in the thread (not also in the caller). Should the thread die, what it had
 * not answered fails with an error and the next call starts a fresh thread.
 */
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../spawn-worker.js';
import { noModelWanted, type Embedder, type EmbedderLoad, type LoadEmbedderOptions } from './embedder.js';

/** The worker's first message: the model it loaded, or why it could not. */
export type EmbedThreadReady = { model: string; dim: number } | { reason: string };

export interface EmbedRequest {
  id: number;
  kind: 'query' | 'passages';
  texts: string[];
}

export type EmbedReply = { id: number; vectors: Float32Array[] } | { id: number; error: string };

/** `embedder`'s reply to `request` (never rejects): what the model thread and a lent model answer. */
export function replyTo(embedder: Embedder, { id, kind, texts }: EmbedRequest): Promise<EmbedReply> {
  const run = kind === 'query' ? Promise.all(texts.map((t) => embedder.embedQuery(t))) : embedder.embedPassages(texts);
  return run.then(
    (vectors) => ({ id, vectors }),
    (err: unknown) => ({ id, error: err instanceof Error ? err.message : String(err) }),
  );
}

interface Pending {
  /** The thread the request was sent to: only its end fails the request. */
  worker: Worker;
  resolve(vectors: Float32Array[]): void;
  reject(err: Error): void;
}

const WORKER = new URL('./embed-worker', import.meta.url);

/** Start a thread on `opts` and wait for its first message (loading never hangs: see loadEmbedder). */
function startThread(opts: LoadEmbedderOptions): Promise<{ worker: Worker; ready: EmbedThreadReady }> {
  const worker = spawnWorker(WORKER, opts);
  return new Promise((resolve) => {
    const gone = (why: string) => resolve({ worker, ready: { reason: `the model thread ${why}; running in lexical mode` } });
    worker.once('message', (ready: EmbedThreadReady) => resolve({ worker, ready }));
    worker.once('error', (err) => gone(`failed: ${err.message.split('\n')[0]}`));
    worker.once('exit', (code) => gone(`exited (code ${code})`));
  });
}

class EmbedThread implements Embedder {
  /** The thread requests go to, once started; null after it ended, until the next call starts another. */
  private worker: Promise<Worker> | null;
  /** The thread `worker` resolves to, once it has. */
  private current: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    readonly model: string,
    readonly dim: number,
    worker: Worker,
    private readonly opts: LoadEmbedderOptions,
  ) {
    this.worker = Promise.resolve(this.attach(worker));
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return texts.length === 0 ? Promise.resolve([]) : this.call('passages', texts);
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return (await this.call('query', [text]))[0]!;
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.current = null;
    if (worker) await (await worker).terminate();
  }

  private async call(kind: EmbedRequest['kind'], texts: string[]): Promise<Float32Array[]> {
    const worker = await (this.worker ??= this.restart());
    const id = this.nextId++;
    // Referenced only while a request is pending: an idle model must not keep the process alive.
    worker.ref();
    try {
      return await new Promise<Float32Array[]>((resolve, reject) => {
        this.pending.set(id, { worker, resolve, reject });
        worker.postMessage({ id, kind, texts } satisfies EmbedRequest);
      });
    } finally {
      if (![...this.pending.values()].some((p) => p.worker === worker)) worker.unref();
    }
  }

  /** A fresh thread after the last one ended; it loads the same model. */
  private async restart(): Promise<Worker> {
    const { worker, ready } = await startThread(this.opts);
    if ('reason' in ready) {
      this.worker = null; // the next call tries again
      throw new Error(ready.reason);
    }
    return this.attach(worker);
  }

  private attach(worker: Worker): Worker {
    worker.on('message', (reply: EmbedReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('vectors' in reply) pending?.resolve(reply.vectors);
      else pending?.reject(new Error(`embedding failed: ${reply.error}`));
    });
    worker.on('error', (err) => this.ended(worker, new Error(`the model thread failed: ${err.message}`)));
    worker.on('exit', (code) => this.ended(worker, new Error(`the model thread exited (code ${code})`)));
    worker.unref();
    this.current = worker;
    return worker;
  }

  /** `worker` ended: what it had not answered fails, and the next call starts a fresh thread. */
  private ended(worker: Worker, err: Error): void {
    for (const [id, pending] of this.pending) {
      if (pending.worker !== worker) continue;
      this.pending.delete(id);
      pending.reject(err);
    }
    if (this.current !== worker) return;
    this.current = null;
    this.worker = null;
  }
}

/**
 * Load the model described by `opts` in a thread of its own; the same contract as loadEmbedder:
 * never throws, never hangs, `{ embedder: null, reason }` in one line when no model can be had.
 */
export async function loadEmbedderThread(opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const none = noModelWanted(opts);
  if (none) return none;
  const { worker, ready } = await startThread(opts);
  if ('reason' in ready) {
    await worker.terminate();
    return { embedder: null, reason: ready.reason };
  }
  return { embedder: new EmbedThread(ready.model, ready.dim, worker, opts) };
}
