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
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDictionary } from '../src/analysis/freedict.js';
import { FEATURE_NAMES, LEXICAL_FEATURES } from '../src/search/features.js';
import { PROBE_TEXT, shippedCalibration, type Calibration, type LearnedModel } from '../src/search/scorer.js';
import { learn } from './calibrate/learn.js';
import { trainingQuestions } from './calibrate/training.js';
import type { Asked } from './eval-real/collect.js';
import { openSeedArchive } from './eval-real/corpus.js';
import { score } from './eval-real/metrics.js';

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

const log = (line: string) => console.error(line);
const opened = openDictionary(process.env.BILINGUAL_DICTIONARY ?? '/usr/share/dictd/freedict-eng-ara');
const dictionary = 'load' in opened ? opened.load : null;
const source = { arcd: values.arcd, distractors: values.distractors, newsArticles: Number(values.articles), offArchiveArticles: Number(values['off-archive-articles']), dictionary };

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
const lexicalAsked = await trainingQuestions(source, log);
calibration.lexical = learn(lexicalAsked, LEXICAL_FEATURES, ['ar'], log);
report('lexical', lexicalAsked, calibration.lexical);

if (values['model-dir']) {
  log(`hybrid mode (${values['model-dir']})`);
  // Embedding is slow: the news around arcd-train and the news alone are the same smaller slice.
  const articles = Number(values['hybrid-articles']);
  const hybridAsked = await trainingQuestions({ ...source, modelDir: values['model-dir'], newsArticles: articles, offArchiveArticles: articles }, log);
  const learned = learn(hybridAsked, FEATURE_NAMES, ['ar', 'en'], log);
  report('hybrid', hybridAsked, learned);
  const seed = await openSeedArchive(values['model-dir']);
  const probe = await seed.embedder!.embedQuery(PROBE_TEXT);
  seed.close();
  calibration.hybrid.push({ ...learned, model: 'multilingual-e5-small', dim: probe.length, probe: Array.from(probe, (v) => Number(v.toFixed(5))) });
}
writeFileSync(values.out!, `${JSON.stringify(calibration, null, 1)}\n`);
log(`written ${values.out}`);
