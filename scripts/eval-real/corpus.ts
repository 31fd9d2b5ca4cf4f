/**
 * The archives eval:real and calibrate measure on: ARCD's paragraphs as articles (every 5th of an
 * article left out, its questions near misses), optionally among SaudiNewsNet articles, or the
 * news alone (every question off-archive). Each is written and indexed once under .tmp/eval-real/
 * and brought up to date on later runs, the way the product indexes DATA_DIR.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { arabicAnalyzer, type Analyzer } from '../../src/analysis/analyzer.js';
import { loadEmbedder, type Embedder } from '../../src/embed/embedder.js';
import { indexDataDir } from '../../src/index/indexer.js';
import { ArchiveStore } from '../../src/index/store.js';
import { VectorIndex } from '../../src/index/vector-index.js';
import { isNearMissParagraph, paragraphFile, readArcd, type ArcdSplit } from '../datasets/arcd.js';
import { newsFile, newsFileName, readSaudiNewsNet, slice } from '../datasets/saudinewsnet.js';

export const ENGLISH_FILE = resolve(import.meta.dirname, '../../test/eval/arcd-english.jsonl');
const WORK = resolve(import.meta.dirname, '../../.tmp/eval-real');

export interface Setting {
  arcd: string;
  split: ArcdSplit;
  /** SaudiNewsNet folder, or undefined for ARCD alone. */
  distractors?: string;
  /** How many news articles (a deterministic slice). */
  articles: number;
  /** false: the news alone, no ARCD paragraph (every question is off-archive). */
  gold: boolean;
  /** Embedding model folder (hybrid mode), or undefined (lexical). */
  modelDir?: string;
}

/** One question as the eval asks it. */
export interface RealQuestion {
  id: string;
  lang: 'ar' | 'en';
  question: string;
  /** File of the paragraph that answers it. */
  file: string;
  /** Snippets of the answering passage, where the file holds several (the seed sets). */
  expect?: string[];
  /** answerable: its paragraph is indexed; nearMiss: left out, its article's other paragraphs in; offArchive: no ARCD at all. */
  kind: 'answerable' | 'nearMiss' | 'offArchive';
}

export interface RealArchive {
  setting: Setting;
  name: string;
  store: ArchiveStore;
  vectors: VectorIndex | null;
  embedder: Embedder | null;
  analyzer: Analyzer;
  questions: RealQuestion[];
  articles: number;
  passages: number;
  close(): void;
}

export function settingName(s: Setting): string {
  const news = s.distractors ? `${s.gold ? '' : 'nogold-'}news${s.articles}` : 'arcd';
  return `${s.gold ? `${s.split}-` : ''}${news}-${s.modelDir ? 'hybrid' : 'lexical'}`;
}

/** Write the setting's files into `dataDir` (once: a marker names what was written). */
function writeData(s: Setting, dataDir: string): void {
  const marker = join(dataDir, '.written');
  const key = JSON.stringify({ split: s.gold ? s.split : null, articles: s.distractors ? s.articles : 0 });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === key) return;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  if (s.gold) {
    for (const p of readArcd(s.arcd, s.split).paragraphs) if (!isNearMissParagraph(p)) writeFileSync(join(dataDir, p.file), paragraphFile(p));
  }
  if (s.distractors) slice(readSaudiNewsNet(s.distractors), s.articles).forEach((a, i) => writeFileSync(join(dataDir, newsFileName(i)), newsFile(a)));
  writeFileSync(marker, key);
}

/** The setting's questions: ARCD's in Arabic, and those translated into English (arcd-english.jsonl). */
function questionsOf(s: Setting): RealQuestion[] {
  const arcd = readArcd(s.arcd, s.split);
  const nearMiss = new Set(arcd.paragraphs.filter(isNearMissParagraph).map((p) => p.file));
  const kind = (file: string): RealQuestion['kind'] => (!s.gold ? 'offArchive' : nearMiss.has(file) ? 'nearMiss' : 'answerable');
  const byId = new Map(arcd.questions.map((q) => [q.id, q]));
  const english = readFileSync(ENGLISH_FILE, 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; split: string; question: string })
    .filter((e) => e.split === s.split);
  return [
    ...arcd.questions.map((q) => ({ id: q.id, lang: 'ar' as const, question: q.question, file: q.file, kind: kind(q.file) })),
    ...english.map((e) => {
      const file = byId.get(e.id)!.file;
      return { id: e.id, lang: 'en' as const, question: e.question, file, kind: kind(file) };
    }),
  ];
}

/** Write, index (incrementally) and open the setting's archive. */
export async function openRealArchive(s: Setting, log: (line: string) => void = () => undefined): Promise<RealArchive> {
  const name = settingName(s);
  const dataDir = join(WORK, name.replace(/-(hybrid|lexical)$/u, ''), 'data');
  writeData(s, dataDir);
  return openIndexed(s, name, dataDir, questionsOf(s), log);
}

const SEED_DATA = resolve(import.meta.dirname, '../../data');
const SEED_TUNING = resolve(import.meta.dirname, '../../test/eval/questions.jsonl');

/** The seed archive (data/) with the seed tuning set's questions: tuned on beside arcd-train. */
export function openSeedArchive(modelDir: string | undefined, log: (line: string) => void = () => undefined): Promise<RealArchive> {
  const questions = readFileSync(SEED_TUNING, 'utf8').split('\n').filter(Boolean).map((l) => {
    const q = JSON.parse(l) as { id: string; lang: string; question: string; file?: string; expect?: string | string[]; answerable?: boolean };
    const kind: RealQuestion['kind'] = q.answerable === false ? 'nearMiss' : 'answerable';
    return { id: q.id, lang: q.lang === 'en' ? ('en' as const) : ('ar' as const), question: q.question, file: q.file ?? '', expect: [q.expect ?? []].flat(), kind };
  });
  const s: Setting = { arcd: '', split: 'train', articles: 0, gold: true, modelDir };
  return openIndexed(s, `seed-${modelDir ? 'hybrid' : 'lexical'}`, SEED_DATA, questions, log);
}

async function openIndexed(s: Setting, name: string, dataDir: string, questions: RealQuestion[], log: (line: string) => void): Promise<RealArchive> {
  const indexDir = join(WORK, name);
  mkdirSync(indexDir, { recursive: true });
  const analyzer = arabicAnalyzer();
  const store = new ArchiveStore(join(indexDir, 'sanad.sqlite'));
  let embedder: Embedder | null = null;
  let vectors: VectorIndex | null = null;
  if (s.modelDir) {
    const loaded = await loadEmbedder({ model: 'local', modelDir: resolve(s.modelDir), cacheDir: join(indexDir, 'models') });
    if (!loaded.embedder) throw new Error(loaded.reason);
    embedder = loaded.embedder;
    if (store.getMeta('embedding_model') !== embedder.model) {
      store.clearVectors();
      store.setMeta('embedding_model', embedder.model);
      store.setMeta('embedding_dim', String(embedder.dim));
    }
    vectors = (await VectorIndex.open(indexDir, embedder.model, embedder.dim, store.generation(), store)).index;
  }
  const started = Date.now();
  let last = 0;
  const report = await indexDataDir({ dataDir, maxFileBytes: 2 * 1024 * 1024, store, embedder, vectors, analyzer }, (done, total) => {
    if (Date.now() - last > 30_000) {
      last = Date.now();
      log(`  indexing ${name}: ${done}/${total} files`);
    }
  });
  if (report.added + report.updated + report.removed > 0) log(`  indexed ${name}: ${report.articles} articles, ${report.passages} passages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return {
    setting: s,
    name,
    store,
    vectors,
    embedder,
    analyzer,
    questions,
    articles: report.articles,
    passages: report.passages,
    close: () => {
      store.close();
      void embedder?.dispose();
    },
  };
}
