/**
 * Worker-thread entry of ArchiveThread (./archive-thread.ts): an in-thread Archive that answers its
 * requests (changes one after another: the Archive queues them) and posts progress and results back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive, type Archive } from './archive.js';
import { createLogger } from '../log.js';
import { errorKind, type ArchiveReply, type ArchiveRequest, type ArchiveThreadData } from './archive-thread.js';
import { isEmbedAnswer, LentEmbedder, type EmbedAnswer } from './lent-model.js';

const port = parentPort!;
const { config, lent } = workerData as ArchiveThreadData;
const embedder = lent && new LentEmbedder(lent, port);
// The process that started this thread holds INDEX_DIR's writer lock: the thread writes under it.
const opened = openArchive(config, createLogger(config.logLevel), { underLock: true, embedder });

function run(archive: Archive, request: ArchiveRequest): Promise<unknown> {
  switch (request.op) {
    case 'ask':
      return archive.ask(request.question, { top: request.top });
    case 'index':
      return archive.index({
        onProgress: (...progress) => port.postMessage({ id: request.id, progress } satisfies ArchiveReply),
        allowMassRemoval: request.allowMassRemoval,
      });
    case 'addFile':
      return archive.addFile(request.name, Buffer.from(request.bytes));
    case 'deleteArticle':
      return archive.deleteArticle(request.idOrFile);
  }
}

// Requests wait for the archive to open, in the order sent; the lent model's answers cannot wait
// (opening embeds a probe sentence with it).
port.on('message', (message: ArchiveRequest | EmbedAnswer) => {
  if (isEmbedAnswer(message)) return embedder?.settle(message);
  opened.then((archive) => run(archive, message)).then(
    (result) => port.postMessage({ id: message.id, result } satisfies ArchiveReply),
    (err: unknown) =>
      port.postMessage({
        id: message.id,
        error: { message: err instanceof Error ? err.message : String(err), kind: errorKind(err) },
      } satisfies ArchiveReply),
  );
});
