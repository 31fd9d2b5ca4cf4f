/**
 * Files read, parsed and analysed on a thread of their own, ahead of the indexer, which meanwhile
 * writes the files before them to the store: the two halves of indexing a folder (analysis, and
 * SQLite's inserts) then run on two cores at once. Results come back in the order of `files`, so
 * passages get the same ids as when indexed in one thread. Should the thread die, what it had not
 * answered is analysed in this thread instead: a file only ever fails for its own reason.
 */
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

/** Files sent to the thread beyond the one being written: enough to keep it busy, few enough to bound the memory they hold. */
const AHEAD = 32;

export class ParseThread {
  private worker: Worker | null;
  /** Results by position in `files`, from sent until taken. */
  private readonly results = new Map<number, Promise<AnalysedFile>>();
  /** How to settle the results the thread has not answered yet, by position. */
  private readonly unanswered = new Map<number, (r: AnalysedFile) => void>();
  private sent = 0;
  private taken = 0;

  /**
   * @param files the files to analyse, in the order they will be taken
   * @param inThread how a file is analysed here, should the thread be gone
   */
  constructor(
    private readonly files: readonly string[],
    data: ParseThreadData,
    private readonly inThread: (file: string) => AnalysedFile,
  ) {
    const worker = spawnWorker(new URL('./parse-worker', import.meta.url), data);
    worker.on('message', ({ index, result }: ParseReply) => this.answer(index, result));
    worker.on('error', () => this.gone(worker));
    worker.on('exit', () => this.gone(worker));
    this.worker = worker;
  }

  /** The next file's analysis; `file` must be the next of `files`. */
  take(file: string): Promise<AnalysedFile> {
    if (this.files[this.taken] !== file) throw new Error(`parse thread: ${file} taken out of order`);
    this.send(Math.min(this.files.length, this.taken + 1 + AHEAD));
    const result = this.results.get(this.taken)!;
    this.results.delete(this.taken++);
    return result;
  }

  /** Stop the thread (its unanswered files are not needed any more). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Send files up to position `end` (exclusive). */
  private send(end: number): void {
    for (; this.sent < end; this.sent++) {
      const index = this.sent;
      const file = this.files[index]!;
      this.results.set(index, new Promise<AnalysedFile>((resolve) => this.unanswered.set(index, resolve)));
      if (this.worker) this.worker.postMessage({ index, file } satisfies ParseRequest);
      else this.answer(index, this.inThread(file));
    }
  }

  private answer(index: number, result: AnalysedFile): void {
    this.unanswered.get(index)?.(result);
    this.unanswered.delete(index);
  }

  /** The thread ended unasked: analyse here whatever it had not answered. */
  private gone(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const index of [...this.unanswered.keys()]) this.answer(index, this.inThread(this.files[index]!));
  }
}
