/**
 * Files read, parsed and analysed on threads of their own, ahead of the indexer, which meanwhile
 * writes the files before them to the store: analysis, most of indexing's work, runs on every core,
 * beside the one writer. Files are dealt to the threads in turn, and results come back in the order
 * of `files`, so passages get the same ids as when indexed in one thread. Should a thread die, what
 * it had not answered is analysed in this thread instead: a file only ever fails for its own reason.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { AnalysedFile } from './analyse-file.js';
import { spawnWorker } from '../spawn-worker.js';

/** What the worker needs to read files (parse-worker.ts). */
export interface ParseThreadData {
  dataDir: string;
  maxFileBytes: number;
}

export interface ParseRequest {
  index: number;
  file: string;
}

export interface ParseReply {
  index: number;
  result: AnalysedFile;
}

/** Files sent to the threads beyond the one being written: enough to keep them busy, few enough to bound the memory they hold. */
const AHEAD = 32;

/**
 * Analysis threads by default: one per core but the writer's, at least one and at most two. A file's
 * analysis costs about twice its writes, so past two threads the one writer is what a folder waits
 * for, and each thread holds its own analyzer and word caches; on two cores a second thread costs
 * more memory than it saves time (docs/benchmarks.md).
 */
export const PARSE_THREADS = Math.min(2, Math.max(1, availableParallelism() - 1));

export class ParseThread {
  /** The live threads; a dead one's slot is null. */
  private readonly workers: (Worker | null)[];
  /** Results by position in `files`, from sent until taken. */
  private readonly results = new Map<number, Promise<AnalysedFile>>();
  /** How to settle the results not answered yet, by position, and the thread each was sent to. */
  private readonly unanswered = new Map<number, { settle: (r: AnalysedFile) => void; slot?: number }>();
  private sent = 0;
  private taken = 0;

  /**
   * @param files the files to analyse, in the order they will be taken
   * @param inThread how a file is analysed here, should a thread be gone
   * @param threads how many analysis threads, 1..cores
   */
  constructor(
    private readonly files: readonly string[],
    data: ParseThreadData,
    private readonly inThread: (file: string) => AnalysedFile,
    threads = PARSE_THREADS,
  ) {
    this.workers = Array.from({ length: Math.max(1, threads) }, (_, slot) => {
      const worker = spawnWorker(new URL('./parse-worker', import.meta.url), data);
      worker.on('message', ({ index, result }: ParseReply) => this.answer(index, result));
      worker.on('error', () => this.gone(slot, worker));
      worker.on('exit', () => this.gone(slot, worker));
      return worker;
    });
  }

  /** The next file's analysis; `file` must be the next of `files`. */
  take(file: string): Promise<AnalysedFile> {
    if (this.files[this.taken] !== file) throw new Error(`parse thread: ${file} taken out of order`);
    this.send(Math.min(this.files.length, this.taken + 1 + AHEAD));
    const result = this.results.get(this.taken)!;
    this.results.delete(this.taken++);
    return result;
  }

  /** Stop the threads (their unanswered files are not needed any more). */
  async close(): Promise<void> {
    const workers = [...this.workers];
    this.workers.fill(null);
    await Promise.all(workers.map((w) => w?.terminate()));
  }

  /** Send files up to position `end` (exclusive). */
  private send(end: number): void {
    for (; this.sent < end; this.sent++) {
      const index = this.sent;
      const file = this.files[index]!;
      // Dealt in turn, to the next live thread; none left: analysed here.
      const slot = [...this.workers.keys()].map((k) => (index + k) % this.workers.length).find((k) => this.workers[k]);
      this.results.set(index, new Promise<AnalysedFile>((settle) => this.unanswered.set(index, { settle, slot })));
      if (slot === undefined) this.answer(index, this.inThread(file));
      else this.workers[slot]!.postMessage({ index, file } satisfies ParseRequest);
    }
  }

  private answer(index: number, result: AnalysedFile): void {
    this.unanswered.get(index)?.settle(result);
    this.unanswered.delete(index);
  }

  /** A thread ended unasked: analyse here whatever it had not answered. */
  private gone(slot: number, worker: Worker): void {
    if (this.workers[slot] !== worker) return;
    this.workers[slot] = null;
    for (const [index, sent] of [...this.unanswered]) if (sent.slot === slot) this.answer(index, this.inThread(this.files[index]!));
  }
}
