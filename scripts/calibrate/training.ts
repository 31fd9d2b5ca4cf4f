/**
 * The questions a scoring model is learned from, asked once and kept: arcd-train over its
 * paragraphs alone, among news articles, and of the news alone (off-archive), and the seed tuning
 * set. arcd-test is never read here (ablation.ts asks it, through the same cache, only to report).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Dictionary } from '../../src/analysis/freedict.js';
import { DEFAULT_RANKING, type RankingOptions } from '../../src/search/ranking-options.js';
import { shippedCalibration } from '../../src/search/scorer.js';
import { collect, type Asked } from '../eval-real/collect.js';
import { openRealArchive, openSeedArchive, type RealArchive, type Setting } from '../eval-real/corpus.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** What the collected features depend on: the code under src/ (but the scorer and its calibration) and the question files. */
function codeKey(): string {
  const hash = createHash('sha256');
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !['calibration.json', 'scorer.ts'].includes(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const f of [...files, join(ROOT, 'test/eval/questions.jsonl'), join(ROOT, 'test/eval/arcd-english.jsonl')]) hash.update(f).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

/**
 * An archive's collected questions, kept beside its index for the code that made them: a refit
 * after changing only the fitting or the bar costs seconds, not the minutes of asking again.
 */
export async function collectedOnce(archive: RealArchive, dictionary: (() => Dictionary) | null, ranking: RankingOptions = DEFAULT_RANKING): Promise<Asked[]> {
  // The news-alone archive is one for both splits: the split names its questions; knobs other than
  // the defaults (an ablation) are kept apart.
  const knobs = Object.entries(ranking).filter(([k, v]) => DEFAULT_RANKING[k as keyof RankingOptions] !== v).map(([k, v]) => `.${k}=${v}`).join('');
  const file = join(ROOT, `.tmp/eval-real/${archive.name}.${archive.setting.split}${knobs}.asked.json`);
  const key = codeKey();
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; asked: Asked[] };
    if (cached.key === key) return cached.asked;
  }
  // Features do not depend on the scorer; only the order of candidates does.
  const asked = await collect(archive, shippedCalibration().lexical, archive.embedder ? null : dictionary, archive.questions, ranking);
  writeFileSync(file, JSON.stringify({ key, asked }));
  return asked;
}

export interface TrainingSource {
  arcd: string;
  distractors?: string;
  /** News articles around arcd-train's paragraphs. */
  newsArticles: number;
  /** News articles of the off-archive archive (the news alone). */
  offArchiveArticles: number;
  modelDir?: string;
  dictionary: (() => Dictionary) | null;
  /** Ranking knobs the questions are asked with; default: DEFAULT_RANKING. */
  ranking?: RankingOptions;
}

/** Every training archive of a mode, asked: ARCD-train alone, among news, news alone; the seed archive. */
export async function trainingQuestions(src: TrainingSource, log: (line: string) => void): Promise<Asked[]> {
  const base: Setting = { arcd: src.arcd, split: 'train', articles: 0, gold: true, modelDir: src.modelDir };
  const settings: Setting[] = [base];
  if (src.distractors) {
    settings.push({ ...base, distractors: src.distractors, articles: src.newsArticles });
    settings.push({ ...base, distractors: src.distractors, articles: src.offArchiveArticles, gold: false });
  }
  const asked: Asked[] = [];
  const run = async (archive: RealArchive) => {
    const collected = await collectedOnce(archive, src.dictionary, src.ranking);
    log(`  ${archive.name}: ${collected.length} questions, ${collected.reduce((n, a) => n + a.candidates.length, 0)} candidates`);
    asked.push(...collected);
    archive.close();
  };
  for (const s of settings) await run(await openRealArchive(s, log));
  await run(await openSeedArchive(src.modelDir, log));
  return asked;
}
