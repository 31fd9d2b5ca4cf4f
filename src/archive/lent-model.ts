/**
 * The bot's model lent to its writer thread, so that the process holds one copy of it (a copy of
 * multilingual-e5-small with its runtime is some hundreds of MB). The writer's passages go up to the
 * bot's thread, which hands them to the model's own thread (src/embed/embed-thread.ts) beside the
 * questions: that thread embeds one text at a time, so a question waits for one passage, not a batch.
 * Both ends of the exchange are here: `serveEmbeddings` on the bot's side, `LentEmbedder` in the writer.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Embedder } from '../embed/embedder.js';
import { replyTo, type EmbedReply, type EmbedRequest } from '../embed/embed-thread.js';

/** What the writer asks for, over the messages it already exchanges with the bot's thread. */
export interface EmbedAsk {
  embed: EmbedRequest;
}

/** The bot's answer to one EmbedAsk. */
export interface EmbedAnswer {
  embedded: EmbedReply;
}

/** The model a writer thread is lent: which it is (its vectors are stored under this name) and their length. */
export interface LentModel {
  model: string;
  dim: number;
}

export function isEmbedAsk(message: object): message is EmbedAsk {
  return 'embed' in message;
}

export function isEmbedAnswer(message: object): message is EmbedAnswer {
  return 'embedded' in message;
}

/** Bot side: embed what the writer (its Worker) asks with `embedder`, and post the vectors (or why not) back. */
export function serveEmbeddings(worker: Pick<MessagePort, 'postMessage'>, embedder: Embedder, { embed }: EmbedAsk): void {
  void replyTo(embedder, embed).then((embedded) => worker.postMessage({ embedded } satisfies EmbedAnswer));
}

/** Writer side: an Embedder whose every call is a message to the bot's thread. */
export class LentEmbedder implements Embedder {
  readonly model: string;
  readonly dim: number;
  private readonly pending = new Map<number, { resolve(v: Float32Array[]): void; reject(err: Error): void }>();
  private nextId = 1;

  constructor(lent: LentModel, private readonly port: Pick<MessagePort, 'postMessage'>) {
    this.model = lent.model;
    this.dim = lent.dim;
  }

  embedPassages(texts: string[]): Promise<Float32Array[]> {
    return texts.length === 0 ? Promise.resolve([]) : this.ask('passages', texts);
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return (await this.ask('query', [text]))[0]!;
  }

  /** The bot's answer to one of this embedder's asks (the worker's message handler passes it on). */
  settle({ embedded }: EmbedAnswer): void {
    const pending = this.pending.get(embedded.id);
    this.pending.delete(embedded.id);
    if ('vectors' in embedded) pending?.resolve(embedded.vectors);
    else pending?.reject(new Error(`embedding failed: ${embedded.error}`));
  }

  /** Nothing to release: the model is the bot's. What is still asked fails. */
  dispose(): Promise<void> {
    for (const pending of this.pending.values()) pending.reject(new Error('the writer stopped embedding'));
    this.pending.clear();
    return Promise.resolve();
  }

  private ask(kind: EmbedRequest['kind'], texts: string[]): Promise<Float32Array[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ embed: { id, kind, texts } } satisfies EmbedAsk);
    });
  }
}
