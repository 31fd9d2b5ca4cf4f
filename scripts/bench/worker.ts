/**
 * One engine's measurements in a process of its own, so that each one's memory (peak RSS) is its
 * own: `tsx scripts/bench/worker.ts <task> < args.json`, one JSON line on stdout.
 */
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import { dirBytes, latencyStats, peakRssMB } from './stats.js';
import { sanadInternals } from './sanad-api.js';

interface Args {
  /** The sanad checkout measured (default: this one). */
  root: string;
  dataDir: string;
  indexDir: string;
  questions: string[];
  /** A file the one-file re-index appends a paragraph to (restored afterwards). */
  editFile?: string;
  savePath?: string;
}

const now = () => performance.now();
/** CPU time of this process (user + system), in ms: on a shared machine, what a question or an index costs. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function openSanad(args: Args) {
  process.env.EMBEDDING_MODEL = 'none';
  process.env.INDEX_DIR = args.indexDir;
  process.env.DATA_DIR = args.dataDir;
  process.env.LOG_LEVEL = 'error';
  const mod = async (p: string) => (await import(pathToFileURL(join(args.root, p)).href)) as Record<string, (...a: unknown[]) => unknown>;
  const { loadConfig } = await mod('src/config.ts');
  const { createLogger } = await mod('src/log.ts');
  const { openArchive } = await mod('src/archive/archive.ts');
  const config = loadConfig!();
  return (await openArchive!(config, createLogger!('error'))) as {
    index(): Promise<{ passages: number; added: number; updated: number; unchanged: number; failed: unknown[] }>;
    ask(q: string, o: { top: number }): Promise<{ answered: boolean; results: unknown[] }>;
    close(): void;
  };
}

/** Index from scratch, then again unchanged, then after one file gained a paragraph. */
async function sanadIndex(args: Args) {
  const archive = await openSanad(args);
  let t = now();
  const c = cpu();
  const first = await archive.index();
  const indexSeconds = (now() - t) / 1000;
  const indexCpuSeconds = (cpu() - c) / 1000;
  const rssIndex = peakRssMB();
  t = now();
  let c2 = cpu();
  const again = await archive.index();
  const unchangedSeconds = (now() - t) / 1000;
  const unchangedCpuSeconds = (cpu() - c2) / 1000;
  let oneFileCpuSeconds: number | null = null;
  let oneFileSeconds: number | null = null;
  if (args.editFile) {
    const original = readFileSync(args.editFile);
    try {
      appendFileSync(args.editFile, '\nفقرة أضيفت لقياس إعادة الفهرسة: تحدث وزير الخارجية عن المفاوضات الجارية حول الاتفاق الجديد مع الدول المجاورة في المنطقة.\n');
      t = now();
      c2 = cpu();
      const edited = await archive.index();
      oneFileSeconds = (now() - t) / 1000;
      oneFileCpuSeconds = (cpu() - c2) / 1000;
      if (edited.updated !== 1) throw new Error(`one-file re-index updated ${edited.updated} files`);
    } finally {
      writeFileSync(args.editFile, original);
      await archive.index();
    }
  }
  archive.close();
  return {
    passages: first.passages,
    failed: first.failed.length,
    indexSeconds,
    passagesPerSecond: first.passages / indexSeconds,
    indexCpuSeconds,
    passagesPerCpuSecond: first.passages / indexCpuSeconds,
    unchangedSeconds,
    unchangedCpuSeconds,
    oneFileCpuSeconds,
    unchangedReport: again.unchanged,
    oneFileSeconds,
    peakRssMB: rssIndex,
    diskBytes: dirBytes(args.indexDir),
  };
}

/** Each question once, after a short warm-up; full answers (search, coverage, excerpts). */
async function sanadQuery(args: Args) {
  const archive = await openSanad(args);
  for (const q of args.questions.slice(0, 5)) await archive.ask(q, { top: 5 });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let answered = 0;
  for (const q of args.questions) {
    const t = now();
    const c = cpu();
    const a = await archive.ask(q, { top: 5 });
    cpuTimes.push(cpu() - c);
    times.push(now() - t);
    if (a.answered) answered++;
  }
  archive.close();
  return { ...latencyStats(times), cpu: latencyStats(cpuTimes), answered, peakRssMB: peakRssMB() };
}

/** FTS5 query with the question's terms and alternatives, as the floor and MiniSearch both ask it. */
async function questionTerms(args: Args) {
  const sanad = await sanadInternals(args.root, args.indexDir);
  const asked = args.questions.map((q) => [...new Set(sanad.alternatives(q))]);
  return { sanad, asked };
}

/** The floor: one raw FTS5 query per question, BM25 top 50 (what any FTS5-based engine must at least do). */
async function fts5Floor(args: Args) {
  const { sanad, asked } = await questionTerms(args);
  sanad.close();
  const db = new Database(join(args.indexDir, 'sanad.sqlite'), { readonly: true });
  const stmt = db.prepare(
    `SELECT rowid AS id, bm25(passages_fts, 0.3, 1.0) AS score FROM passages_fts WHERE passages_fts MATCH ? ORDER BY score LIMIT 50`,
  );
  const match = (terms: string[]) => terms.map((t) => `"${t.replace(/"/g, '""')}"${sanad.prefix(t) ? '*' : ''}`).join(' OR ');
  const queries = asked.filter((t) => t.length > 0).map(match);
  for (const q of queries.slice(0, 5)) stmt.all(q);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const q of queries) {
    const t = now();
    const c = cpu();
    stmt.all(q);
    cpuTimes.push(cpu() - c);
    times.push(now() - t);
  }
  db.close();
  return { ...latencyStats(times), cpu: latencyStats(cpuTimes), peakRssMB: peakRssMB() };
}

const MS_OPTIONS = (terms: (t: string) => string[]) => ({
  fields: ['title', 'body'],
  idField: 'id',
  // Same analysis as sanad: the analyzer's terms, so both engines hold the same vocabulary.
  tokenize: (text: string) => terms(text),
  processTerm: (term: string) => term,
  searchOptions: { tokenize: (text: string) => text.split(' '), processTerm: (t: string) => t },
});

/** MiniSearch over the same passages (original text and title, through sanad's analyzer). */
async function minisearch(args: Args) {
  const { sanad, asked } = await questionTerms(args);
  const db = new Database(join(args.indexDir, 'sanad.sqlite'), { readonly: true });
  const rows = db
    .prepare('SELECT p.id, p.text AS body, a.title FROM passages p JOIN articles a ON a.id = p.article_id ORDER BY p.id')
    .all() as { id: number; body: string; title: string }[];
  db.close();
  const ms = new MiniSearch<{ id: number; body: string; title: string }>(MS_OPTIONS(sanad.terms));
  let t = now();
  const c0 = cpu();
  for (const row of rows) ms.add(row);
  const indexSeconds = (now() - t) / 1000;
  const indexCpuSeconds = (cpu() - c0) / 1000;
  rows.length = 0;
  const search = (terms: string[]) =>
    ms.search(terms.join(' '), { combineWith: 'OR', prefix: (term) => sanad.prefix(term), boost: { title: 0.3, body: 1 } }).slice(0, 50);
  const queries = asked.filter((x) => x.length > 0);
  for (const q of queries.slice(0, 5)) search(q);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (const q of queries) {
    t = now();
    const c = cpu();
    search(q);
    cpuTimes.push(cpu() - c);
    times.push(now() - t);
  }
  const peak = peakRssMB();
  let diskBytes: number | null = null;
  if (args.savePath) {
    writeFileSync(args.savePath, JSON.stringify(ms));
    diskBytes = statSync(args.savePath).size;
  }
  sanad.close();
  return {
    ...latencyStats(times),
    cpu: latencyStats(cpuTimes),
    indexSeconds,
    passagesPerSecond: ms.documentCount / indexSeconds,
    passagesPerCpuSecond: ms.documentCount / indexCpuSeconds,
    peakRssMB: peak,
    diskBytes,
  };
}

/** Cold start of a MiniSearch server: load the saved index, answer one question. */
async function minisearchCold(args: Args) {
  const { sanad, asked } = await questionTerms(args);
  const ms = MiniSearch.loadJSON(readFileSync(args.savePath!, 'utf8'), MS_OPTIONS(sanad.terms));
  ms.search(asked[0]!.join(' '), { combineWith: 'OR', prefix: (term) => sanad.prefix(term) });
  return {};
}

/** Cold start of the floor: open the database, answer one question. */
async function fts5Cold(args: Args) {
  const { sanad, asked } = await questionTerms(args);
  const db = new Database(join(args.indexDir, 'sanad.sqlite'), { readonly: true });
  db.prepare(`SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts, 0.3, 1.0) LIMIT 50`).all(
    asked[0]!.map((t) => `"${t}"${sanad.prefix(t) ? '*' : ''}`).join(' OR '),
  );
  return {};
}

/** The vector side (scripts/bench/dense.ts) in a process of its own. */
async function dense(args: Args & { n?: number }) {
  const { denseBench } = await import('./dense.js');
  return denseBench(args.n ?? 100_000);
}

const TASKS: Record<string, (args: Args) => Promise<object>> = {
  dense,
  'sanad-index': sanadIndex,
  'sanad-query': sanadQuery,
  'fts5-floor': fts5Floor,
  minisearch,
  'minisearch-cold': minisearchCold,
  'fts5-cold': fts5Cold,
};

const task = process.argv[2];
const run = TASKS[task ?? ''];
const json = readFileSync(0, 'utf8');
if (!run || !json) {
  process.stderr.write(`usage: worker.ts <${Object.keys(TASKS).join('|')}> < args.json\n`);
  process.exit(2);
}
const result = await run(JSON.parse(json) as Args);
process.stdout.write(`${JSON.stringify(result)}\n`);
