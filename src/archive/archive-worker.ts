/**
 * Worker-thread entry of ArchiveThread (./archive-thread.ts): an in-thread Archive that answers its
 * requests (changes one after another: the Archive queues them) and posts progress and results back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from './archive.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { errorKind, type ArchiveReply, type ArchiveRequest } from './archive-thread.js';

const port = parentPort!;
const config = workerData as Config;
// The process that started this thread holds INDEX_DIR's writer lock: the thread writes under it.
const archive = await openArchive(config, createLogger(config.logLevel), { underLock: true });

function run(request: ArchiveRequest): Promise<unknown> {
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

port.on('message', (request: ArchiveRequest) => {
  run(request).then(
    (result) => port.postMessage({ id: request.id, result } satisfies ArchiveReply),
    (err: unknown) =>
      port.postMessage({
        id: request.id,
        error: { message: err instanceof Error ? err.message : String(err), kind: errorKind(err) },
      } satisfies ArchiveReply),
  );
});
