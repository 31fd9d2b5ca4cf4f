/**
 * `npm run ablation -- --arcd <dir> --distractors <SaudiNewsNet dir> [--model-dir DIR] [--layers]`
 *
 * Whether each feature earns its place: the scoring models are learned again on the training
 * questions (as calibrate learns them) without one feature at a time, and each refit is scored on
 * arcd-test: Hit@1/3 over ARCD alone and among news, false "not found", near misses and off-archive
 * questions declined. The shipped feature set's row and the textbook baselines come first, from the
 * same run. With --layers, the lexical matching layers too, each with its credit at 0 (every question
 * asked again: an hour on two cores).
 * Writes docs/ablation-figures.md. The test questions only report; nothing is chosen on them.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDictionary } from '../src/analysis/freedict.js';
import { FEATURE_NAMES, LEXICAL_FEATURES, RELATIVE_FEATURES, type FeatureName } from '../src/search/features.js';
import { DEFAULT_RANKING, type RankingKey, type RankingOptions } from '../src/search/ranking-options.js';
import type { LearnedModel } from '../src/search/scorer.js';
import { learn } from './calibrate/learn.js';
import { collectedOnce, trainingQuestions, type TrainingSource } from './calibrate/training.js';
import type { Asked } from './eval-real/collect.js';
import { openRealArchive, type Setting } from './eval-real/corpus.js';
import { score, type RankScores } from './eval-real/metrics.js';

const { values } = parseArgs({
  options: {
    arcd: { type: 'string' },
    distractors: { type: 'string' },
    'model-dir': { type: 'string', default: process.env.MODEL_DIR },
    articles: { type: 'string', default: '5000' },
    'off-archive-articles': { type: 'string', default: '40000' },
    'hybrid-articles': { type: 'string', default: '1000' },
    layers: { type: 'boolean', default: false },
  },
});
if (!values.arcd || !values.distractors) {
  console.error('usage: npm run ablation -- --arcd <ARCD dir> --distractors <SaudiNewsNet dir> [--model-dir DIR]');
  process.exit(2);
}
const log = (line: string) => console.error(line);
const opened = openDictionary(process.env.BILINGUAL_DICTIONARY ?? '/usr/share/dictd/freedict-eng-ara');
const dictionary = 'load' in opened ? opened.load : null;

/** arcd-test over ARCD alone, among `news` articles, and the news alone (`offArchive` articles). */
async function testQuestions(modelDir: string | undefined, news: number, offArchive: number, ranking: RankingOptions = DEFAULT_RANKING): Promise<{ alone: Asked[]; among: Asked[]; off: Asked[] }> {
  const base: Setting = { arcd: values.arcd!, split: 'test', articles: 0, gold: true, modelDir };
  const ask = async (s: Setting) => {
    const archive = await openRealArchive(s, log);
    const asked = await collectedOnce(archive, dictionary, ranking);
    archive.close();
    return asked;
  };
  return {
    alone: await ask(base),
    among: await ask({ ...base, distractors: values.distractors, articles: news }),
    off: await ask({ ...base, distractors: values.distractors, articles: offArchive, gold: false }),
  };
}

const f3 = (x: number) => x.toFixed(3);
const cols = (r: RankScores) => `${f3(r.hit1)} | ${f3(r.hit3)}`;

/** One row per model: its figures on arcd-test, per language. */
function rows(test: Awaited<ReturnType<typeof testQuestions>>, models: [string, LearnedModel][], lang: 'ar' | 'en'): string[] {
  const of = (asked: Asked[]) => asked.filter((a) => a.question.lang === lang);
  const header = [
    '| features | Hit@1 | Hit@3 | false "not found" | near misses declined | Hit@1 among news | Hit@3 among news | off-archive declined |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const baseline = score(of(test.alone), models[0]![1]);
  const baselineAmong = score(of(test.among), models[0]![1]);
  const baselines: string[] = [`| BM25 (baseline) | ${cols(baseline.ranking.bm25)} | – | – | ${cols(baselineAmong.ranking.bm25)} | – |`];
  if (baseline.ranking.dense && baselineAmong.ranking.dense) baselines.push(`| e5 alone (baseline) | ${cols(baseline.ranking.dense)} | – | – | ${cols(baselineAmong.ranking.dense)} | – |`);
  if (baseline.ranking.rrf && baselineAmong.ranking.rrf) baselines.push(`| RRF(BM25, e5) (baseline) | ${cols(baseline.ranking.rrf)} | – | – | ${cols(baselineAmong.ranking.rrf)} | – |`);
  return [
    ...header,
    ...baselines,
    ...models.map(([name, m]) => {
      const alone = score(of(test.alone), m);
      const among = score(of(test.among), m);
      const off = score(of(test.off), m);
      return `| ${name} | ${cols(alone.ranking.sanad)} | ${f3(alone.falseNotFound)} | ${f3(alone.nearMissDeclined)} | ${cols(among.ranking.sanad)} | ${f3(off.offArchiveDeclined)} |`;
    }),
  ];
}

async function mode(name: string, modelDir: string | undefined, features: readonly FeatureName[], langs: readonly string[], news: number, offArchive: number): Promise<string[]> {
  log(`${name} mode`);
  const source: TrainingSource = { arcd: values.arcd!, distractors: values.distractors, newsArticles: news, offArchiveArticles: offArchive, modelDir, dictionary };
  const train = await trainingQuestions(source, log);
  const test = await testQuestions(modelDir, news, offArchive);
  const own = features.filter((f) => !RELATIVE_FEATURES.has(f));
  const models: [string, LearnedModel][] = [
    ['all (shipped set)', learn(train, features, langs)],
    ['"found" without the relative features (one model for both, before 2026-12-07)', learn(train, features, langs, undefined, own)],
  ];
  for (const f of features) models.push([`without ${f}`, learn(train, features.filter((g) => g !== f), langs)]);
  const where = `ARCD alone; among ${news} news articles; off-archive over ${offArchive} news articles alone`;
  return [
    `## ${name} mode`,
    '',
    `arcd-test (${where}). Each row learned on the training questions as \`npm run calibrate\` does.`,
    '',
    ...(['ar', 'en'] as const).flatMap((lang) => [`### ${lang === 'ar' ? 'Arabic' : 'English'}`, '', ...rows(test, models, lang), '']),
  ];
}

/**
 * The matching layers, each with its credit at 0: its words still bring candidates, but a match
 * through it no longer counts as holding the question's term. Every question is asked again for
 * each (lexical mode: the layers are the lexical side's).
 */
const LAYERS: RankingKey[] = ['variantCredit', 'formCredit', 'synonymCredit', 'rootCredit', 'titleCredit'];

async function layers(news: number, offArchive: number): Promise<string[]> {
  const source: TrainingSource = { arcd: values.arcd!, distractors: values.distractors, newsArticles: news, offArchiveArticles: offArchive, dictionary };
  const shipped = learn(await trainingQuestions(source, log), LEXICAL_FEATURES, ['ar']);
  const test = await testQuestions(undefined, news, offArchive);
  const sections: string[][] = [[], []];
  const langs = ['ar', 'en'] as const;
  const results: [string, LearnedModel, Awaited<ReturnType<typeof testQuestions>>][] = [['all layers (shipped)', shipped, test]];
  for (const layer of LAYERS) {
    const ranking = { ...DEFAULT_RANKING, [layer]: 0 };
    log(`lexical mode, ${layer} = 0`);
    const model = learn(await trainingQuestions({ ...source, ranking }, log), LEXICAL_FEATURES, ['ar']);
    results.push([`${layer} = 0`, model, await testQuestions(undefined, news, offArchive, ranking)]);
  }
  langs.forEach((lang, i) => {
    const tables = results.map(([name, model, t]) => rows(t, [[name, model]], lang));
    // One header and the baselines once, then a row per setting.
    sections[i] = [`### ${lang === 'ar' ? 'Arabic' : 'English'}`, '', ...tables[0]!, ...tables.slice(1).map((t) => t.at(-1)!), ''];
  });
  return [
    '## Lexical mode: the matching layers',
    '',
    `arcd-test as above; each row asks every training and test question again with one layer's credit at 0 (its words still bring candidates; a match through it no longer counts), then learns as calibrate does.`,
    '',
    ...sections.flat(),
  ];
}

const out = [
  '# Ablation figures',
  '',
  'Generated by `npm run ablation` (scripts/ablation.ts); do not edit by hand. How to read them: [evaluation.md](evaluation.md).',
  '',
  ...(await mode('Lexical', undefined, LEXICAL_FEATURES, ['ar'], Number(values.articles), Number(values['off-archive-articles']))),
];
if (values.layers) out.push(...(await layers(Number(values.articles), Number(values['off-archive-articles']))));
if (values['model-dir']) {
  const n = Number(values['hybrid-articles']);
  out.push(...(await mode('Hybrid', values['model-dir'], FEATURE_NAMES, ['ar', 'en'], n, n)));
}
writeFileSync(resolve(import.meta.dirname, '../docs/ablation-figures.md'), out.join('\n'));
log('written docs/ablation-figures.md');
