/**
 * Parse time of every hostile input (scripts/hostile-inputs.ts): decode, extract, split into
 * passages, as the index run does before the store. Prints one line per case, CPU time and wall
 * time, and exits 1 when a parse takes a second of CPU or more (CPU, so that other work on a
 * shared machine does not count). Run: npm run bench:hostile [-- <part of a file name>]
 */
import { toPassages } from '../src/ingest/passages.js';
import { readArticleFile } from '../src/ingest/read-article-file.js';
import { ARTICLE, HOSTILE_CASES } from './hostile-inputs.js';

const BOUND_MS = 1000;
const MAX_BYTES = 2 * 1024 * 1024;
// Warm up (module loading, JIT) on ordinary files, so each line measures the case itself.
for (const file of ['warm-up.txt', 'warm-up.html', 'warm-up.md']) readArticleFile(file, Buffer.from(ARTICLE), MAX_BYTES);
const only = process.argv[2];
let slow = 0;
for (const c of HOSTILE_CASES.filter((h) => !only || h.file.includes(only))) {
  const bytes = c.bytes();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  let outcome: string;
  try {
    const passages = readArticleFile(c.file, bytes, MAX_BYTES).flatMap((a) => toPassages(a.paragraphs));
    outcome = `${passages.length} passages, longest ${Math.max(...passages.map((p) => p.text.length))} chars`;
  } catch (err) {
    outcome = `refused: ${err instanceof Error ? `${err.name === 'IngestError' ? '' : `${err.name}: `}${err.message}` : String(err)}`;
  }
  const wall = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuStart);
  const cpu = (user + system) / 1000;
  if (cpu >= BOUND_MS) slow++;
  const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
  process.stdout.write(`${ms(cpu)} cpu ${ms(wall)} wall ${(bytes.length / 1024).toFixed(0).padStart(5)} KB  ${c.file.padEnd(28)} ${outcome.slice(0, 80)}\n`);
}
process.stdout.write(slow ? `${slow} case(s) took ${BOUND_MS} ms of CPU or more\n` : `every parse under ${BOUND_MS} ms of CPU\n`);
process.exitCode = slow ? 1 : 0;
