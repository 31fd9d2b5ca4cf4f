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
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDictionary } from '../src/analysis/freedict.js';
import { FEATURE_NAMES, LEXICAL_FEATURES, type FeatureName } from '../src/search/features.js';
import { probability, PROBE_TEXT, shippedCalibration, type Calibration, type LearnedModel } from '../src/search/scorer.js';
import { fitLogistic } from './calibrate/logistic.js';
import { collect, type Asked } from './eval-real/collect.js';
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

/** Most answerable training questions, in each language, may be answered "not found" at the bar. */
const MAX_FALSE_NOT_FOUND = 0.02;
/** The L2 penalty (per training question) keeps weights finite where a feature separates perfectly. */
const L2 = 1;

const log = (line: string) => console.error(line);
const opened = openDictionary(process.env.BILINGUAL_DICTIONARY ?? '/usr/share/dictd/freedict-eng-ara');
const dictionary = 'load' in opened ? opened.load : null;

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
    const collected = await collect(archive, scorer, modelDir ? null : dictionary);
    log(`  ${archive.name}: ${collected.length} questions, ${collected.reduce((n, a) => n + a.candidates.length, 0)} candidates`);
    asked.push(...collected);
    archive.close();
  };
  for (const s of settings) await run(await openRealArchive(s, log));
  await run(await openSeedArchive(modelDir, log));
  return asked;
}

/** The highest bar at which at most MAX_FALSE_NOT_FOUND of each language's answerable questions are declined. */
function chooseThreshold(asked: readonly Asked[], model: Omit<LearnedModel, 'threshold'>): number {
  let bar = 1;
  for (const lang of ['ar', 'en']) {
    const best = asked
      .filter((a) => a.question.lang === lang && a.question.kind === 'answerable')
      .map((a) => rankUnder(a, { ...model, threshold: 0 }).best)
      .sort((x, y) => x - y);
    if (best.length === 0) continue;
    // Declining the k lowest answerable questions is allowed for k ≤ max share × n: the bar sits just above the k-th.
    const k = Math.floor(MAX_FALSE_NOT_FOUND * best.length);
    bar = Math.min(bar, k === 0 ? best[0]! : (best[k - 1]! + best[k]!) / 2);
  }
  return Number(bar.toFixed(6));
}

/** Candidates a question's decision turns on: the first few by the first fit. */
const DECISION_DEPTH = 5;

function fit(asked: readonly Asked[], features: readonly FeatureName[], rows: (a: Asked) => Asked['candidates']): Omit<LearnedModel, 'threshold'> {
  const x: number[][] = [];
  const y: number[] = [];
  for (const a of asked) for (const c of rows(a)) {
    x.push(features.map((f) => c.features[f]));
    y.push(c.gold ? 1 : 0);
  }
  const result = fitLogistic(x, y, (L2 * asked.length) / 100);
  log(`  fitted on ${x.length} candidates of ${asked.length} questions in ${result.iterations} Newton steps`);
  return { weights: Object.fromEntries(features.map((f, i) => [f, Number(result.weights[i]!.toFixed(6))])), bias: Number(result.bias.toFixed(6)) };
}

/**
 * Two fits: on every candidate (which passages answer), then on each question's first
 * DECISION_DEPTH candidates under the first (what tells the answer from the near miss and the
 * off-archive question: the rows the ranking and "not found" turn on). The second is kept when it
 * declines more training questions that have no answer at the same false "not found", without
 * losing Hit@1.
 */
function learn(asked: readonly Asked[], features: readonly FeatureName[]): LearnedModel {
  const first = fit(asked, features, (a) => a.candidates);
  const firstModel = { ...first, threshold: chooseThreshold(asked, first) };
  const top = (a: Asked) => [...a.candidates].map((c) => ({ c, p: probability({ ...first, threshold: 0 }, c.features) })).sort((x, y) => y.p - x.p).slice(0, DECISION_DEPTH).map(({ c }) => c);
  const second = fit(asked, features, top);
  const secondModel = { ...second, threshold: chooseThreshold(asked, second) };
  const merit = (m: LearnedModel) => {
    const s = score(asked, m);
    return { hit1: s.ranking.sanad.hit1, declined: (s.nearMissDeclined * s.nearMisses + s.offArchiveDeclined * s.offArchive) / Math.max(1, s.nearMisses + s.offArchive) };
  };
  const [a, b] = [merit(firstModel), merit(secondModel)];
  log(`  every candidate: Hit@1 ${a.hit1.toFixed(3)}, declined ${a.declined.toFixed(3)}; first ${DECISION_DEPTH}: Hit@1 ${b.hit1.toFixed(3)}, declined ${b.declined.toFixed(3)}`);
  return b.declined > a.declined && b.hit1 >= a.hit1 - 0.005 ? secondModel : firstModel;
}

function report(name: string, asked: readonly Asked[], model: LearnedModel): void {
  for (const lang of ['ar', 'en'] as const) {
    const s = score(asked.filter((a) => a.question.lang === lang), model);
    if (s.ranking.sanad.n === 0) continue;
    log(`  ${name} ${lang}: Hit@1 ${s.ranking.sanad.hit1.toFixed(3)}, Hit@3 ${s.ranking.sanad.hit3.toFixed(3)}, false "not found" ${s.falseNotFound.toFixed(3)}, near misses declined ${s.nearMissDeclined.toFixed(3)}, off-archive declined ${s.offArchiveDeclined.toFixed(3)} (training)`);
  }
}

const calibration: Calibration = { lexical: shippedCalibration().lexical, hybrid: [] };
log('lexical mode');
const lexicalAsked = await trainingQuestions(undefined, Number(values.articles));
calibration.lexical = learn(lexicalAsked, LEXICAL_FEATURES);
report('lexical', lexicalAsked, calibration.lexical);

if (values['model-dir']) {
  log(`hybrid mode (${values['model-dir']})`);
  const hybridAsked = await trainingQuestions(values['model-dir'], Number(values['hybrid-articles']));
  const learned = learn(hybridAsked, FEATURE_NAMES);
  report('hybrid', hybridAsked, learned);
  const seed = await openSeedArchive(values['model-dir']);
  const probe = await seed.embedder!.embedQuery(PROBE_TEXT);
  seed.close();
  calibration.hybrid.push({ ...learned, model: 'multilingual-e5-small', dim: probe.length, probe: Array.from(probe, (v) => Number(v.toFixed(5))) });
}
writeFileSync(values.out!, `${JSON.stringify(calibration, null, 1)}\n`);
log(`written ${values.out}`);
