/**
 * Worker-thread entry of the model thread (./embed-thread.ts): loads the model once, reports what it
 * loaded (or the one-line reason it could not), then embeds what it is sent, one request at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadEmbedder, type LoadEmbedderOptions } from './embedder.js';
import { replyTo, type EmbedRequest, type EmbedThreadReady } from './embed-thread.js';

const port = parentPort!;
const loaded = await loadEmbedder(workerData as LoadEmbedderOptions);
port.postMessage(
  (loaded.embedder ? { model: loaded.embedder.model, dim: loaded.embedder.dim } : { reason: loaded.reason }) satisfies EmbedThreadReady,
);
const { embedder } = loaded;
if (embedder) {
  port.on('message', (request: EmbedRequest) => void replyTo(embedder, request).then((reply) => port.postMessage(reply)));
} else {
  port.close();
}
