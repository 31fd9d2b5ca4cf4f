/**
 * `npm run eval:real -- --arcd <dir> [--split train|test] [--distractors <saudinewsnet dir> --articles N
 * [--no-gold]] [--mode lexical|hybrid] [--model-dir DIR] [--calibration FILE] [--json]`
 *
 * Retrieval on real questions: ARCD's paragraphs indexed as articles (optionally among N news
 * articles; every 5th paragraph of an article left out, its questions near misses), every question
 * asked in Arabic and, for the 150 translated, in English; Hit@1/3/5 and MRR beside BM25, the model
 * alone and RRF of the two, computed in the same run on the same passages; false "not found" and
 * near misses declined at the shipped bar, and as the bar moves. `--no-gold` indexes the news
 * alone: every question is off-archive and should be declined. Report arcd-test; tune on train.
 */
import { parseArgs } from 'node:util';
import { openDictionary } from '../src/analysis/freedict.js';
import { readFileSync } from 'node:fs';
import { hybridModelOf, shippedCalibration, type Calibration } from '../src/search/scorer.js';
import { collect } from './eval-real/collect.js';
import { openRealArchive, type Setting } from './eval-real/corpus.js';
import { curve, score, table } from './eval-real/metrics.js';

const { values } = parseArgs({
  options: {
    arcd: { type: 'string' },
    split: { type: 'string', default: 'test' },
    distractors: { type: 'string' },
    articles: { type: 'string', default: '5000' },
    'no-gold': { type: 'boolean', default: false },
    mode: { type: 'string', default: 'lexical' },
    'model-dir': { type: 'string', default: process.env.MODEL_DIR },
    json: { type: 'boolean', default: false },
    calibration: { type: 'string' },
  },
});
const usage = 'usage: npm run eval:real -- --arcd <ARCD dir> [--split train|test] [--distractors <SaudiNewsNet dir> --articles N [--no-gold]] [--mode lexical|hybrid] [--model-dir DIR] [--calibration FILE] [--json]';
if (!values.arcd || !['train', 'test'].includes(values.split!) || !['lexical', 'hybrid'].includes(values.mode!)) {
  console.error(usage);
  process.exit(2);
}
if (values.mode === 'hybrid' && !values['model-dir']) {
  console.error('hybrid mode needs the model: --model-dir DIR (or MODEL_DIR), e.g. after npm run model:offline -- models/e5');
  process.exit(2);
}
if (values['no-gold'] && !values.distractors) {
  console.error('--no-gold needs --distractors <SaudiNewsNet dir>: the news is the whole archive then');
  process.exit(2);
}
const setting: Setting = {
  arcd: values.arcd,
  split: values.split as Setting['split'],
  distractors: values.distractors,
  articles: Number(values.articles),
  gold: !values['no-gold'],
  modelDir: values.mode === 'hybrid' ? values['model-dir'] : undefined,
};
const archive = await openRealArchive(setting, (l) => console.error(l));
const calibration = values.calibration ? (JSON.parse(readFileSync(values.calibration, 'utf8')) as Calibration) : shippedCalibration();
let scorer = calibration.lexical;
if (archive.embedder) {
  const learned = await hybridModelOf(calibration, archive.embedder);
  if (!learned) console.error('no hybrid calibration for this model: scoring with the lexical one (npm run calibrate)');
  scorer = learned ?? calibration.lexical;
}
const opened = archive.embedder ? null : openDictionary(process.env.BILINGUAL_DICTIONARY ?? '/usr/share/dictd/freedict-eng-ara');
const dictionary = opened && 'load' in opened ? opened.load : null;
if (opened && 'reason' in opened) console.error(`${opened.reason}: English questions in lexical mode cannot be read`);
const asked = await collect(archive, scorer, dictionary);
const where = setting.distractors ? `${setting.gold ? 'among' : 'only'} ${Math.min(archive.articles, setting.articles)} SaudiNewsNet articles` : 'alone';
const title = `arcd-${setting.split}, ${archive.embedder ? 'hybrid' : 'lexical'} mode, ARCD paragraphs ${setting.gold ? where : `left out; ${where}`} (${archive.articles} articles, ${archive.passages} passages)`;
const byLang = (['ar', 'en'] as const).map((lang) => ({ lang, asked: asked.filter((a) => a.question.lang === lang) }));
if (values.json) {
  console.log(JSON.stringify({ setting: { ...setting, arcd: undefined, distractors: undefined }, title, foundThreshold: scorer.foundThreshold, threshold: scorer.threshold, ...Object.fromEntries(byLang.map(({ lang, asked: a }) => [lang, score(a, scorer)])) }));
} else {
  console.log(title);
  for (const { lang, asked: a } of byLang) {
    console.log(table(lang === 'ar' ? 'Arabic' : 'English', score(a, scorer)));
    console.log(curve(a, scorer));
  }
}
archive.close();
