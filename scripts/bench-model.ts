/**
 * `MODEL_DIR=… npm run bench:model [-- --rounds N] [--in-thread] [--model-dir DIR] [--base REV]`: the
 * cost of hybrid mode with a real model on this machine, over a copy of data/: model load, indexing
 * speed (passages/s, embedding included), embedding speed alone (the archive's passages, one call per
 * file as the indexer makes them and one call for all as a change of model does; with `--base`, the
 * embedder of git revision REV timed in the same rounds, taking turns, so the two meet the same load),
 * and question latency (p50/p95/max of a whole `ask`) over every question of both eval
 * sets, asked as the bot asks them (the model on its own thread; `--in-thread`: on the asking thread,
 * as the CLI does), with how long the asking thread's event loop was held meanwhile; then an ask by
 * parts (search and answer with an in-thread model, each model call timed): the question's
 * embedding, sentence batches for excerpts by meaning, and the rest. Prints figures; asserts nothing.
 */
import { execSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { composeAnswer } from '../src/answer/answer.js';
import { openArchive, STORE_FILE } from '../src/archive/archive.js';
import { loadConfig } from '../src/config.js';
import { loadEmbedder, type Embedder } from '../src/embed/embedder.js';
import { ArchiveStore } from '../src/index/store.js';
import { VectorIndex } from '../src/index/vector-index.js';
import { createLogger } from '../src/log.js';
import { hybridModelOf, shippedCalibration } from '../src/search/scorer.js';
import { searchPassages } from '../src/search/search.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 3) || 3;
const inThread = process.argv.includes('--in-thread');
const option = (name: string): string | undefined => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const base = option('--base');
const modelDir = option('--model-dir') ?? process.env.MODEL_DIR;
if (!modelDir) {
  console.error('bench:model: set MODEL_DIR (or --model-dir) to a model folder (npm run model:offline -- DIR)');
  process.exit(2);
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const summary = (xs: number[]) => `p50 ${ms(percentile(xs, 50))}  p95 ${ms(percentile(xs, 95))}  max ${ms(Math.max(...xs))}  (n=${xs.length})`;

const dir = mkdtempSync(path.join(tmpdir(), 'sanad-bench-model-'));
try {
  cpSync('data', path.join(dir, 'data'), { recursive: true });
  const config = loadConfig({ ...process.env, MODEL_DIR: modelDir, DATA_DIR: path.join(dir, 'data'), INDEX_DIR: path.join(dir, 'index'), LOG_LEVEL: 'warn' });
  const log = createLogger('warn', { human: true });
  let t = performance.now();
  const indexer = await openArchive(config, log);
  const openMs = performance.now() - t;
  if (indexer.mode !== 'hybrid') throw new Error(`the model in ${modelDir} did not load (lexical mode)`);
  t = performance.now();
  const report = await indexer.index();
  const indexS = (performance.now() - t) / 1000;
  indexer.close();
  const archive = await openArchive(config, log, { offThread: !inThread });

  const questions = ['test/eval/holdout.jsonl', 'test/eval/questions.jsonl'].flatMap((f) =>
    readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { question: string }).question),
  );
  await archive.ask('warm-up: the first question pays for lazy set-up');
  // The first time each question is asked; later rounds are answered from the answer memo.
  const asks: number[] = [];
  const repeated: number[] = [];
  const held = monitorEventLoopDelay({ resolution: 1 });
  held.enable();
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const s = performance.now();
      await archive.ask(q, { top: 3 });
      (r === 0 ? asks : repeated).push(performance.now() - s);
    }
  }
  held.disable();
  archive.close();

  // By parts: each model call of an ask timed, in the order search and answer make them.
  const load = await loadEmbedder({ model: 'bench', modelDir, cacheDir: path.join(dir, 'cache') });
  if (!load.embedder) throw new Error(load.reason);
  const model = load.embedder;
  const store = new ArchiveStore(path.join(config.indexDir, STORE_FILE));
  const { index: vectors } = await VectorIndex.open(config.indexDir, model.model, model.dim, store.generation(), store);
  const parts = { question: [] as number[], sentences: [] as number[], rest: [] as number[] };
  const scorer = (await hybridModelOf(shippedCalibration(), model)) ?? undefined;
  let calls: { query: number[]; passages: number };
  const timed = async <T>(work: Promise<T>, add: (ms: number) => void): Promise<T> => {
    const s = performance.now();
    const result = await work;
    add(performance.now() - s);
    return result;
  };
  const counted: Embedder = {
    model: model.model,
    dim: model.dim,
    embedQuery: (text) => timed(model.embedQuery(text), (ms) => calls.query.push(ms)),
    embedPassages: (texts) => timed(model.embedPassages(texts), (ms) => (calls.passages += ms)),
    dispose: () => model.dispose(),
  };
  for (const q of questions) {
    calls = { query: [], passages: 0 };
    const s = performance.now();
    const search = await searchPassages(q, { store, embedder: counted, vectors, scorer });
    await composeAnswer(q, search, { top: 3, embedder: counted });
    const total = performance.now() - s;
    const question = calls.query.reduce((a, b) => a + b, 0);
    parts.question.push(question);
    if (calls.passages > 0) parts.sentences.push(calls.passages);
    parts.rest.push(total - question - calls.passages);
  }

  // Embedding alone, in-thread: this build's embedder and, with --base, REV's, taking turns call by call.
  const files = new Map<string, string[]>();
  for (const a of store.articles()) files.set(a.file, [...(files.get(a.file) ?? []), ...store.articlePassages(a.id).map((p) => p.text)]);
  store.close();
  const embedders: { name: string; embedder: Embedder }[] = [{ name: 'this build', embedder: model }];
  if (base) embedders.push({ name: base, embedder: await baseEmbedder(base, modelDir, path.join(dir, 'cache')) });
  const ways = { perFile: [...files.values()], all: [[...files.values()].flat()] };
  const embedS = embedders.map(() => ({ perFile: [] as number[], all: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    for (const way of ['perFile', 'all'] as const) {
      const spent = embedders.map(() => 0);
      for (const texts of ways[way]) {
        for (const i of r % 2 === 0 ? embedders.keys() : [...embedders.keys()].reverse()) {
          const s = performance.now();
          await embedders[i]!.embedder.embedPassages(texts);
          spent[i]! += (performance.now() - s) / 1000;
        }
      }
      spent.forEach((s, i) => embedS[i]![way].push(s));
    }
  }
  await Promise.all(embedders.map(({ embedder }) => embedder.dispose()));

  console.log(`model ${path.resolve(modelDir)}`);
  console.log(`open (model load, session set-up): ${(openMs / 1000).toFixed(1)} s`);
  console.log(`indexing: ${report.passages} passages in ${indexS.toFixed(1)} s = ${(report.passages / indexS).toFixed(1)} passages/s (embedding included)`);
  const passages = ways.all[0]!.length;
  const median = (xs: number[]) => percentile(xs, 50);
  for (const [way, label] of [['perFile', 'one call per file'], ['all', 'one call for all']] as const) {
    const rates = embedS.map((e) => passages / median(e[way]));
    const line = embedders.map(({ name }, i) => `${name} ${rates[i]!.toFixed(1)} passages/s`).join(', ');
    const ratio = rates.length > 1 ? `; ratio ${(rates[0]! / rates[1]!).toFixed(2)}×` : '';
    console.log(`embedding, ${label} (${passages} passages, median of ${rounds}): ${line}${ratio}`);
  }
  console.log(`ask, first time (search + answer, hybrid): ${summary(asks)}`);
  if (repeated.length > 0) console.log(`ask, repeated (answer memo):              ${summary(repeated)}`);
  console.log('ask by parts (model in-thread):');
  console.log(`  the question's embedding:               ${summary(parts.question)}`);
  if (parts.sentences.length > 0) console.log(`  sentences for excerpts by meaning:      ${summary(parts.sentences)}`);
  console.log(`  the rest (matching, ranking, excerpts): ${summary(parts.rest)}`);
  const heldMs = (p: number) => ms(held.percentile(p) / 1e6);
  console.log(`event loop held while asking (${inThread ? 'model on the asking thread' : 'model on its own thread, as the bot'}): p50 ${heldMs(50)}  p99 ${heldMs(99)}  max ${ms(held.max / 1e6)}`);
  console.log(`RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * REV's own embedder, loaded from its src/ extracted beside this one (so its imports resolve to the
 * same node_modules), the folder removed once the module is loaded.
 */
async function baseEmbedder(rev: string, modelDir: string, cacheDir: string): Promise<Embedder> {
  const tree = mkdtempSync(path.join(process.cwd(), '.bench-base-'));
  try {
    execSync(`git archive ${JSON.stringify(rev)} src | tar -x -C ${JSON.stringify(tree)}`);
    const { loadEmbedder: loadBase } = (await import(pathToFileURL(path.join(tree, 'src/embed/embedder.ts')).href)) as typeof import('../src/embed/embedder.js');
    const load = await loadBase({ model: 'bench', modelDir, cacheDir });
    if (!load.embedder) throw new Error(load.reason);
    return load.embedder;
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}
