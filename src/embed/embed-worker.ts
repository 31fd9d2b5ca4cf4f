/**
 * Worker-thread entry of the model thread (./embed-thread.ts): loads the model once, reports what it
 * loaded (or the one-line reason it could not), then embeds what it is sent, one request at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { embedTexts, loadEmbedder, type LoadEmbedderOptions } from './embedder.js';
import type { EmbedReply, EmbedRequest, EmbedThreadReady } from './embed-thread.js';

const port = parentPort!;
const loaded = await loadEmbedder(workerData as LoadEmbedderOptions);
port.postMessage(
  (loaded.embedder ? { model: loaded.embedder.model, dim: loaded.embedder.dim } : { reason: loaded.reason }) satisfies EmbedThreadReady,
);
const { embedder } = loaded;
if (embedder) {
  port.on('message', ({ id, kind, texts }: EmbedRequest) => {
    embedTexts(embedder, kind, texts).then(
      (vectors) => port.postMessage({ id, vectors } satisfies EmbedReply),
      (err: unknown) => port.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies EmbedReply),
    );
  });
} else {
  port.close();
}
