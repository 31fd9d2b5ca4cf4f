/**
 * `npm run calibrate -- --arcd <dir> [--distractors <SaudiNewsNet dir>] [--articles N]
 *  [--off-archive-articles N] [--model-dir DIR] [--out FILE]`
 *
 * Learns how a candidate's features become its score, the probability that it answers, and the bar
 * under which the answer is "not found" — for lexical mode, and for hybrid mode on the model in
 * --model-dir — from training questions only: arcd-train (its paragraphs alone and among N news
 * articles; near misses and off-archive questions over the news alone as negatives) and the seed
 * tuning set. arcd-test is never read. Writes src/search/calibration.json (or --out). Run it again
 * when the embedding model, the analyzer or the features change.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDictionary } from '../src/analysis/freedict.js';
import { FEATURE_NAMES, LEXICAL_FEATURES, RELATIVE_FEATURES, type FeatureName } from '../src/search/features.js';
import { logit, PROBE_TEXT, shippedCalibration, type Calibration, type LearnedModel, type Linear } from '../src/search/scorer.js';
import { fitLogistic } from './calibrate/logistic.js';
import { collect, type Asked, type Candidate } from './eval-real/collect.js';
import { openRealArchive, openSeedArchive, type RealArchive, type Setting } from './eval-real/corpus.js';
import { rankUnder, score } from './eval-real/metrics.js';

const { values } = parseArgs({
  options: {
    arcd: { type: 'string' },
    distractors: { type: 'string' },
    articles: { type: 'string', default: '5000' },
    'off-archive-articles': { type: 'string', default: '40000' },
    'hybrid-articles': { type: 'string', default: '1000' },
    'model-dir': { type: 'string', default: process.env.MODEL_DIR },
    out: { type: 'string', default: resolve(import.meta.dirname, '../src/search/calibration.json') },
  },
});
if (!values.arcd) {
  console.error('usage: npm run calibrate -- --arcd <ARCD dir> [--distractors <SaudiNewsNet dir>] [--articles N] [--model-dir DIR] [--out FILE]');
  process.exit(2);
}

/** The L2 penalty (per training question) keeps weights finite where a feature separates perfectly. */
const L2 = 1;

const log = (line: string) => console.error(line);
const opened = openDictionary(process.env.BILINGUAL_DICTIONARY ?? '/usr/share/dictd/freedict-eng-ara');
const dictionary = 'load' in opened ? opened.load : null;

/** What the collected features depend on: the code under src/ (but the scorer and its calibration) and the question files. */
function codeKey(): string {
  const hash = createHash('sha256');
  const root = resolve(import.meta.dirname, '..');
  const files = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !['calibration.json', 'scorer.ts'].includes(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const f of [...files, join(root, 'test/eval/questions.jsonl'), join(root, 'test/eval/arcd-english.jsonl')]) hash.update(f).update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A training archive's collected questions, kept beside its index for the code that made them: a
 * refit after changing only the fitting or the bar costs seconds, not the minutes of asking again.
 */
async function cachedCollect(archive: RealArchive, make: () => Promise<Asked[]>): Promise<Asked[]> {
  const file = resolve(import.meta.dirname, `../.tmp/eval-real/${archive.name}.asked.json`);
  const key = codeKey();
  if (existsSync(file)) {
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; asked: Asked[] };
    if (cached.key === key) return cached.asked;
  }
  const asked = await make();
  writeFileSync(file, JSON.stringify({ key, asked }));
  return asked;
}

/** Every training archive of a mode: ARCD-train alone, among news, news alone; the seed archive. */
async function trainingQuestions(modelDir: string | undefined, newsArticles: number): Promise<Asked[]> {
  const base: Setting = { arcd: values.arcd!, split: 'train', articles: 0, gold: true, modelDir };
  const settings: Setting[] = [base];
  if (values.distractors) {
    settings.push({ ...base, distractors: values.distractors, articles: newsArticles });
    settings.push({ ...base, distractors: values.distractors, articles: modelDir ? newsArticles : Number(values['off-archive-articles']), gold: false });
  }
  const asked: Asked[] = [];
  const scorer = shippedCalibration().lexical; // features do not depend on the scorer; only their order does
  const run = async (archive: RealArchive) => {
    const collected = await cachedCollect(archive, () => collect(archive, scorer, modelDir ? null : dictionary));
    log(`  ${archive.name}: ${collected.length} questions, ${collected.reduce((n, a) => n + a.candidates.length, 0)} candidates`);
    asked.push(...collected);
    archive.close();
  };
  for (const s of settings) await run(await openRealArchive(s, log));
  await run(await openSeedArchive(modelDir, log));
  return asked;
}

/** At most this share of each bound language's answerable training questions may be answered "not found" at the bar. */
const MAX_FALSE_NOT_FOUND = 0.02;

/**
 * The highest bar at which at most MAX_FALSE_NOT_FOUND of each of `langs`' answerable training
 * questions are declined. Lexical mode binds Arabic alone: an English question there is read
 * through a word-for-word dictionary, finds its passage far less often, and would hold the bar
 * at the level of noise for every Arabic question; hybrid mode binds both.
 */
function chooseThreshold(asked: readonly Asked[], model: Omit<LearnedModel, 'threshold'>, langs: readonly string[]): number {
  let bar = 1;
  for (const lang of langs) {
    const best = asked
      .filter((a) => a.question.lang === lang && a.question.kind === 'answerable')
      .map((a) => rankUnder(a, { ...model, threshold: 0 }).best)
      .sort((x, y) => x - y);
    if (best.length === 0) continue;
    // Declining the k lowest is allowed for k ≤ the share × n: the bar sits between the k-th and the next.
    const k = Math.floor(MAX_FALSE_NOT_FOUND * best.length);
    bar = Math.min(bar, k === 0 ? best[0]! : (best[k - 1]! + best[k]!) / 2);
  }
  return Number(bar.toFixed(6));
}

/** Candidates the answers model is fitted on: each question's first few under the ranking model. */
const DECISION_DEPTH = 5;

/** A logistic fit of `rows` on `features`. */
function fit(rows: readonly Candidate[], questions: number, features: readonly FeatureName[]): Linear {
  const x = rows.map((c) => features.map((f) => c.features[f]));
  const result = fitLogistic(x, rows.map((c) => (c.gold ? 1 : 0)), (L2 * questions) / 100);
  log(`  fitted on ${x.length} candidates of ${questions} questions in ${result.iterations} Newton steps`);
  const round = (v: number) => Number(v.toFixed(6));
  return { weights: Object.fromEntries(features.map((f, i) => [f, round(result.weights[i]!)])), bias: round(result.bias) };
}

/**
 * The ranking model on every candidate of every question (which passage answers, given the
 * others); then the answers model on each question's first DECISION_DEPTH candidates under it, over
 * the features that do not depend on the other candidates (whether the passage answers at all:
 * the negatives of near misses and off-archive questions weigh here).
 */
function learn(asked: readonly Asked[], features: readonly FeatureName[], langs: readonly string[]): LearnedModel {
  const ranking = fit(asked.flatMap((a) => a.candidates), asked.length, features);
  const top = (a: Asked) => [...a.candidates].sort((x, y) => logit(ranking, y.features) - logit(ranking, x.features)).slice(0, DECISION_DEPTH);
  const answers = fit(asked.flatMap(top), asked.length, features.filter((f) => !RELATIVE_FEATURES.has(f)));
  return { ranking, answers, threshold: chooseThreshold(asked, { ranking, answers }, langs) };
}

function report(name: string, asked: readonly Asked[], model: LearnedModel): void {
  for (const lang of ['ar', 'en'] as const) {
    const s = score(asked.filter((a) => a.question.lang === lang), model);
    if (s.ranking.sanad.n === 0) continue;
    log(`  ${name} ${lang}: Hit@1 ${s.ranking.sanad.hit1.toFixed(3)}, Hit@3 ${s.ranking.sanad.hit3.toFixed(3)}, false "not found" ${s.falseNotFound.toFixed(3)}, near misses declined ${s.nearMissDeclined.toFixed(3)}, off-archive declined ${s.offArchiveDeclined.toFixed(3)} (training)`);
  }
}

// Without --model-dir the shipped hybrid models stay: they are learned on their own features.
const calibration: Calibration = { lexical: shippedCalibration().lexical, hybrid: values['model-dir'] ? [] : shippedCalibration().hybrid };
log('lexical mode');
const lexicalAsked = await trainingQuestions(undefined, Number(values.articles));
calibration.lexical = learn(lexicalAsked, LEXICAL_FEATURES, ['ar']);
report('lexical', lexicalAsked, calibration.lexical);

if (values['model-dir']) {
  log(`hybrid mode (${values['model-dir']})`);
  const hybridAsked = await trainingQuestions(values['model-dir'], Number(values['hybrid-articles']));
  const learned = learn(hybridAsked, FEATURE_NAMES, ['ar', 'en']);
  report('hybrid', hybridAsked, learned);
  const seed = await openSeedArchive(values['model-dir']);
  const probe = await seed.embedder!.embedQuery(PROBE_TEXT);
  seed.close();
  calibration.hybrid.push({ ...learned, model: 'multilingual-e5-small', dim: probe.length, probe: Array.from(probe, (v) => Number(v.toFixed(5))) });
}
writeFileSync(values.out!, `${JSON.stringify(calibration, null, 1)}\n`);
log(`written ${values.out}`);
