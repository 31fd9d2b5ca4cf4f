/**
 * Worker-thread entry of ParseThread (./parse-thread.ts): analyses each file it is sent with the
 * archive's analyzer and posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { arabicAnalyzer } from '../analysis/analyzer.js';
import { analyseFile } from './analyse-file.js';
import type { ParseReply, ParseRequest, ParseThreadData } from './parse-thread.js';

const port = parentPort!;
const { dataDir, maxFileBytes } = workerData as ParseThreadData;
const analyzer = arabicAnalyzer();

port.on('message', ({ index, file }: ParseRequest) => {
  port.postMessage({ index, result: analyseFile(dataDir, file, maxFileBytes, analyzer) } satisfies ParseReply);
});
