/**
 * `npm run bench -- [--passages 10000|100000|1000000 | --corpus DIR] [--arcd DIR] [--dense] [--json]`
 *
 * Builds a deterministic synthetic archive (scripts/bench/corpus.ts), or takes any folder of article
 * files as it is (--corpus DIR: a real archive, e.g. from `npm run corpus:saudinewsnet`), indexes it
 * with sanad's real indexer, asks the fixed question set (every question of test/eval/*.jsonl, and
 * ARCD's test questions with --arcd DIR; scripts/bench/questions.ts) and prints, side by side:
 * sanad, MiniSearch over the same passages, and the raw FTS5 BM25 top-50 floor. Each engine runs in
 * a process of its own (its peak RSS is its own). With --dense: the HNSW side on random clustered
 * 384-d vectors (build, query, recall@10 against exact search).
 *
 * Other options: --reuse-index (skip indexing when the index exists), --no-minisearch, --root DIR
 * (measure another sanad checkout, e.g. a git worktree of an older commit), --dense-sizes 100000,1000000,
 * --dense-only, --out DIR (default .tmp/bench), --table FILE (print a saved result).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { folderArchive, syntheticArchive, type BenchArchive } from './archive-source.js';
import { benchQuestions } from './questions.js';
import { median } from './stats.js';
import { sanadInternals } from './sanad-api.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');

interface Options {
  passages: number;
  /** A folder of article files measured instead of the synthetic archive. */
  corpus: string | null;
  /** ARCD's folder: its test questions are asked too. */
  arcd: string | null;
  dense: boolean;
  denseOnly: boolean;
  denseSizes: number[];
  json: boolean;
  reuseIndex: boolean;
  minisearch: boolean;
  root: string;
  out: string;
  coldRuns: number;
  /** Print the tables of a result saved by an earlier run (every run saves one under --out). */
  table: string | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    passages: 10_000, corpus: null, arcd: null, dense: false, denseOnly: false, denseSizes: [100_000, 1_000_000], json: false,
    reuseIndex: false, minisearch: true, root: REPO, out: join(REPO, '.tmp/bench'), coldRuns: 3, table: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--passages') o.passages = Number(value());
    else if (a === '--corpus') o.corpus = resolve(value());
    else if (a === '--arcd') o.arcd = resolve(value());
    else if (a === '--dense') o.dense = true;
    else if (a === '--dense-only') o.dense = o.denseOnly = true;
    else if (a === '--dense-sizes') o.denseSizes = value().split(',').map(Number);
    else if (a === '--json') o.json = true;
    else if (a === '--reuse-index') o.reuseIndex = true;
    else if (a === '--no-minisearch') o.minisearch = false;
    else if (a === '--root') o.root = resolve(value());
    else if (a === '--out') o.out = resolve(value());
    else if (a === '--cold-runs') o.coldRuns = Number(value());
    else if (a === '--table') o.table = resolve(value());
    else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.passages) || o.passages < 100) throw new Error('--passages must be a whole number ≥ 100');
  if (o.corpus && argv.includes('--passages')) throw new Error('--corpus measures its folder as it is: give --passages or --corpus, not both');
  return o;
}

const log = (opts: Options, s: string) => {
  if (!opts.json) process.stderr.write(`${s}\n`);
};

/** Run a worker task in its own process (TypeScript through tsx, as `npm run bench` itself). */
function worker<T>(task: string, args: object): Promise<T> {
  return new Promise((resolveP, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'worker.ts'), task], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, EMBEDDING_MODEL: 'none' },
    });
    // On stdin: with ARCD's questions the arguments come near the 128 KB a single argv string may hold.
    child.stdin.end(JSON.stringify(args));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`worker ${task} exited with ${code}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolveP(JSON.parse(last) as T);
      } catch {
        reject(new Error(`worker ${task}: no result (${last.slice(0, 200)})`));
      }
    });
  });
}

/** Wall time from spawning `cmd` to the first byte it writes on stdout (its answer), in ms. */
function timeToFirstOutput(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  return new Promise((resolveP, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let first: number | null = null;
    let err = '';
    child.stdout.on('data', () => (first ??= performance.now() - start));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && first !== null ? resolveP(first) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code} ${err.slice(0, 300)}`))));
  });
}

async function coldMedian(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await fn());
  return Math.round(median(times));
}

/** The production start of the CLI: compiled JavaScript when the checkout has a build, else tsx. */
function sanadCommand(root: string): { cmd: string; args: string[]; how: string } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  if (pkg.scripts?.build) {
    const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (built.status === 0 && existsSync(join(root, 'dist/cli/main.js'))) {
      return { cmd: process.execPath, args: [join(root, 'dist/cli/main.js')], how: 'node dist/cli/main.js (npm run build)' };
    }
  }
  return { cmd: process.execPath, args: ['--import', 'tsx', join(root, 'src/cli/main.ts')], how: 'tsx src/cli/main.ts' };
}

interface Stats { n: number; p50: number; p95: number; max: number; mean: number }
/** Wall-clock times, and the same measured in the process's CPU time (steadier on a shared machine). */
interface Latency extends Stats { cpu?: Stats }
interface SanadIndexResult {
  passages: number; failed: number; indexSeconds: number; passagesPerSecond: number; unchangedSeconds: number;
  oneFileSeconds: number | null; peakRssMB: number; diskBytes: number;
  passagesPerCpuSecond?: number; unchangedCpuSeconds?: number; oneFileCpuSeconds?: number | null;
}

function archiveOf(opts: Options): BenchArchive {
  if (opts.corpus) return folderArchive(opts.corpus);
  log(opts, `archive: generating ${opts.passages} passages under ${opts.out} (reused when present)…`);
  return syntheticArchive(opts.out, join(REPO, 'data'), opts.passages);
}

async function lexical(opts: Options, corpus: BenchArchive) {
  const { dataDir, editFile } = corpus;
  log(opts, `archive: ${corpus.description}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`);
  const indexDir = join(opts.out, `index-${corpus.key}${opts.root === REPO ? '' : `-${Buffer.from(opts.root).toString('hex').slice(-8)}`}`);
  const asked = benchQuestions(REPO, opts.arcd);
  const qs = asked.questions;
  const common = { root: opts.root, dataDir, indexDir, questions: qs, editFile };

  let indexing: SanadIndexResult | null = null;
  if (!(opts.reuseIndex && existsSync(join(indexDir, 'sanad.sqlite')))) {
    rmSync(indexDir, { recursive: true, force: true });
    log(opts, 'sanad: indexing…');
    indexing = await worker<SanadIndexResult>('sanad-index', common);
    log(opts, `sanad: ${indexing.passages} passages in ${indexing.indexSeconds.toFixed(1)} s`);
  }
  log(opts, `sanad: ${qs.length} questions…`);
  const sanadQ = await worker<Latency & { answered: number; peakRssMB: number }>('sanad-query', common);
  log(opts, 'FTS5 floor…');
  const floor = await worker<Latency & { peakRssMB: number }>('fts5-floor', common);
  const savePath = join(opts.out, `minisearch-${corpus.key}.json`);
  let mini: (Latency & { indexSeconds: number; passagesPerSecond: number; passagesPerCpuSecond?: number; peakRssMB: number; diskBytes: number | null }) | null = null;
  if (opts.minisearch) {
    log(opts, 'MiniSearch: indexing and questions…');
    mini = await worker('minisearch', { ...common, savePath });
  }

  log(opts, 'cold starts…');
  const sanadCli = sanadCommand(opts.root);
  const env = { ...process.env, EMBEDDING_MODEL: 'none', INDEX_DIR: indexDir, DATA_DIR: dataDir, LOG_LEVEL: 'error' };
  const coldSanad = await coldMedian(opts.coldRuns, () => timeToFirstOutput(sanadCli.cmd, [...sanadCli.args, 'ask', qs[0]!, '--json'], env, opts.root));
  const internals = await sanadInternals(opts.root, indexDir);
  const first = [...new Set(internals.alternatives(qs[0]!))];
  const prefixed = first.filter((t) => internals.prefix(t));
  internals.close();
  const peer = join(HERE, 'cold-peer.mjs');
  const match = first.map((t) => `"${t.replace(/"/g, '""')}"${internals.prefix(t) ? '*' : ''}`).join(' OR ');
  const coldFloor = await coldMedian(opts.coldRuns, () => timeToFirstOutput(process.execPath, [peer, 'fts5', join(indexDir, 'sanad.sqlite'), match], env, REPO));
  const coldMini = mini
    ? await coldMedian(opts.coldRuns, () => timeToFirstOutput(process.execPath, [peer, 'minisearch', savePath, JSON.stringify({ terms: first, prefixed })], env, REPO))
    : null;
  if (mini) rmSync(savePath, { force: true });

  return {
    corpus, questions: qs.length, questionSource: asked.description, indexDir,
    sanad: { indexing, query: sanadQ, coldStartMs: coldSanad, coldStartCommand: sanadCli.how },
    minisearch: mini ? { ...mini, coldStartMs: coldMini } : null,
    fts5Floor: { ...floor, coldStartMs: coldFloor },
  };
}

type LexicalResult = Awaited<ReturnType<typeof lexical>>;

function table(r: LexicalResult): string {
  const s = r.sanad;
  const m = r.minisearch;
  const f = r.fts5Floor;
  const ms = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x.toFixed(1)} ms`);
  const sec = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${x.toFixed(2)} s`);
  const rate = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x)} passages/s`);
  const mb = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x)} MB`);
  const rows: [string, string, string, string][] = [
    ['query p50', ms(s.query.p50), ms(m?.p50), ms(f.p50)],
    ['query p95', ms(s.query.p95), ms(m?.p95), ms(f.p95)],
    ['query max', ms(s.query.max), ms(m?.max), ms(f.max)],
    ['query p50, CPU time', ms(s.query.cpu?.p50), ms(m?.cpu?.p50), ms(f.cpu?.p50)],
    ['query p95, CPU time', ms(s.query.cpu?.p95), ms(m?.cpu?.p95), ms(f.cpu?.p95)],
    ['indexing', s.indexing ? `${Math.round(s.indexing.passagesPerSecond)} passages/s` : '(reused)', m ? `${Math.round(m.passagesPerSecond)} passages/s` : '—', '(sanad\'s index)'],
    ['indexing, per CPU second', rate(s.indexing?.passagesPerCpuSecond), rate(m?.passagesPerCpuSecond), '—'],
    ['peak RSS, indexing', mb(s.indexing?.peakRssMB), mb(m?.peakRssMB), '—'],
    ['peak RSS, questions', mb(s.query.peakRssMB), '(same process)', mb(f.peakRssMB)],
    ['disk', s.indexing ? mb(s.indexing.diskBytes / 1e6) : '—', m?.diskBytes ? mb(m.diskBytes / 1e6) : '—', '(sanad\'s index)'],
    ['cold start to first answer', ms(s.coldStartMs), ms(m?.coldStartMs), ms(f.coldStartMs)],
    ['unchanged re-index', sec(s.indexing?.unchangedSeconds), '—', '—'],
    ['unchanged re-index, CPU time', sec(s.indexing?.unchangedCpuSeconds), '—', '—'],
    ['one-file re-index', sec(s.indexing?.oneFileSeconds), '—', '—'],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...[['', 'sanad', 'MiniSearch', 'FTS5 BM25 top-50'][i]!.length, ...rows.map((row) => row[i]!.length)]));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(['', 'sanad', 'MiniSearch', 'FTS5 BM25 top-50']), ...rows.map(line)].join('\n');
}

function printTables(result: BenchResult): void {
  const { machine } = result;
  const lex = result.lexical;
  if (lex) {
    const passages = lex.sanad.indexing ? `${lex.sanad.indexing.passages} passages` : 'index reused';
    process.stdout.write(`\nsanad benchmark: ${passages} (${lex.corpus.files} files, ${(lex.corpus.bytes / 1e6).toFixed(1)} MB), ${lex.questions} questions, lexical mode\n`);
    process.stdout.write(`archive: ${lex.corpus.description}; questions: ${lex.questionSource}\n`);
    process.stdout.write(`machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}; cold start: ${lex.sanad.coldStartCommand}\n\n`);
    process.stdout.write(`${table(lex)}\n`);
    process.stdout.write(`\nsanad: full answers (analysis, candidates, coverage, excerpts), ${lex.sanad.query.answered}/${lex.questions} answered; `);
    process.stdout.write('MiniSearch and the floor: retrieval only, top 50, the same terms and alternatives.\n');
  }
  if (result.dense) {
    process.stdout.write('\ndense (sanad\'s VectorIndex: HNSW, cosine, M=16, efConstruction=200; 384-d clustered random vectors)\n');
    for (const d of result.dense) {
      process.stdout.write(
        `  ${d.n} vectors: build ${d.buildSeconds.toFixed(1)} s, search p50 ${d.search.p50} ms / p95 ${d.search.p95} ms, ` +
          `recall@10 ${d.recallAt10.toFixed(3)} at ef ${d.ef} (exact search ${d.exact.p50} ms), peak RSS ${d.peakRssMB} MB\n`,
      );
      for (const w of d.sweep) process.stdout.write(`    ef ${w.ef}: search p50 ${w.search.p50} ms / p95 ${w.search.p95} ms, recall@10 ${w.recallAt10.toFixed(3)}\n`);
    }
  }
}

type DenseResult = Awaited<ReturnType<typeof import('./dense.js').denseBench>>;
interface BenchResult {
  machine: { cpus: number; cpu: string; memoryGB: number; node: string };
  /** When and with which arguments it ran (`npm run docs:benchmarks` prints them beside the tables). */
  run?: { date: string; args: string[] };
  lexical?: LexicalResult;
  dense?: DenseResult[];
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.table) return printTables(JSON.parse(readFileSync(opts.table, 'utf8')) as BenchResult);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version };
  const result: BenchResult = { machine, run: { date: new Date().toISOString().slice(0, 10), args: process.argv.slice(2) } };
  mkdirSync(opts.out, { recursive: true });
  const corpus = opts.denseOnly ? null : archiveOf(opts);
  if (corpus) result.lexical = await lexical(opts, corpus);
  if (opts.dense) {
    result.dense = [];
    for (const n of opts.denseSizes) {
      log(opts, `dense: ${n} vectors…`);
      const d = await worker<DenseResult>('dense', { n });
      result.dense.push(d);
      log(opts, `dense: ${n} vectors: build ${d.buildSeconds.toFixed(1)} s, search p50 ${d.search.p50} ms, recall@10 ${d.recallAt10.toFixed(3)}`);
    }
  }
  const saved = join(opts.out, `result-${corpus?.key ?? 'dense'}.json`);
  writeFileSync(saved, JSON.stringify(result));
  if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    printTables(result);
    process.stdout.write(`\n(saved: ${saved})\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
