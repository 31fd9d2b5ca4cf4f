/**
 * `npm run wire-copies -- --saudinewsnet DIR [--articles 5000] [--questions 60]`
 *
 * How wire copies fare in answers on a real archive. Paragraphs that two or more outlets of a
 * SaudiNewsNet slice printed word for word are the copies; each gives a question (its opening
 * words). For each bar of `duplicateJaccard` (the share of terms two passages share to be one
 * result) it prints: the share of top-3 lists that still hold two copies of one passage (two results
 * sharing more than 70% of their words), the share whose first result names every article that ran
 * it, and the share of folds that joined passages which are not copies (under half their words
 * shared); then the bar to ship (RankingOptions.duplicateJaccard): the highest with neither. The data stays outside the repository (its licence): the slice is written under .tmp/.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { openArchive } from '../src/archive/archive.js';
import { loadConfig } from '../src/config.js';
import { rankingOptions } from '../src/search/ranking-options.js';
import type { AnswerResult } from '../src/types.js';
import { newsFile, newsFileName, readSaudiNewsNet, slice } from './datasets/saudinewsnet.js';

const ROOT = resolve(import.meta.dirname, '..');
const BARS = [0.5, 0.6, 0.7, 0.8, 0.9];
/** Two results sharing more than this share of their words are two copies of one passage (the measure). */
const COPY_WORDS = 0.7;
/** A fold of two passages sharing less than this share of their words joined different passages. */
const NOT_A_COPY = 0.5;

function args(): { dir: string; articles: number; questions: number } {
  const argv = process.argv.slice(2);
  const get = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dir = get('--saudinewsnet');
  if (!dir) throw new Error('usage: npm run wire-copies -- --saudinewsnet DIR [--articles 5000] [--questions 60]');
  return { dir, articles: Number(get('--articles') ?? 5000), questions: Number(get('--questions') ?? 60) };
}

const words = (text: string) => new Set(text.replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/u).filter(Boolean));
function wordJaccard(a: string, b: string): number {
  const [x, y] = [words(a), words(b)];
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared || 1);
}

/** The share of `paragraph`'s words that `passage` holds. */
function heldShare(paragraph: string, passage: string): number {
  const [p, held] = [words(paragraph), words(passage)];
  let n = 0;
  for (const w of p) if (held.has(w)) n++;
  return n / (p.size || 1);
}

const { dir, articles: n, questions: wanted } = args();
const news = slice(readSaudiNewsNet(dir), n);
const work = join(ROOT, '.tmp/wire-copies', `news${n}`);
const dataDir = join(work, 'data');
if (!existsSync(dataDir)) {
  mkdirSync(dataDir, { recursive: true });
  news.forEach((a, i) => writeFileSync(join(dataDir, newsFileName(i)), newsFile(a)));
}

// Copy groups: a paragraph of 80+ characters printed by two or more outlets, the same words in the same order.
const byText = new Map<string, Set<string>>();
for (const a of news) {
  for (const p of a.content.split(/\n\s*\n/u).map((x) => x.replace(/\s+/gu, ' ').trim())) {
    if (p.length >= 80) byText.set(p, (byText.get(p) ?? new Set()).add(a.source));
  }
}
const groups = [...byText].filter(([, outlets]) => outlets.size >= 2).map(([text]) => text);
const questions = slice(groups, wanted).map((text) => ({ text, question: text.split(' ').slice(0, 10).join(' ') }));
process.stderr.write(`${news.length} articles, ${groups.length} paragraphs printed by 2+ outlets; ${questions.length} questions\n`);

// The archive refuses a file with the same bytes as another ("already in the archive"): those are not copies it could name.
const indexed = [...new Map(news.map((a) => [newsFile(a), a])).values()];
const twoCopies = (results: AnswerResult[]) =>
  results.some((r, i) => results.slice(i + 1).some((o) => wordJaccard(r.text, o.text) > COPY_WORDS));

const outcomes: { bar: number; withTwo: number; wrongFolds: number }[] = [];
console.log('| duplicateJaccard | top-3 lists with two copies | first result names every copy | folds that are not copies |');
console.log('|---|---|---|---|');
for (const bar of BARS) {
  const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: join(work, 'index'), EMBEDDING_MODEL: 'none', BILINGUAL_DICTIONARY: 'none', LOG_LEVEL: 'silent' });
  const archive = await openArchive(config, pino({ level: 'silent' }), { ranking: rankingOptions({ duplicateJaccard: bar }) });
  await archive.index();
  let withTwo = 0;
  let namesAll = 0;
  let folds = 0;
  let wrongFolds = 0;
  for (const q of questions) {
    const answer = await archive.ask(q.question, { top: 3 });
    if (twoCopies(answer.results)) withTwo++;
    const first = answer.results[0];
    const printedBy = indexed.filter((a) => a.content.replace(/\s+/gu, ' ').includes(q.text)).length;
    // The first result is the copy when it holds most of the paragraph's words (passages are cut at sentence ends).
    if (first && heldShare(q.text, first.text) >= 0.8 && 1 + first.alsoIn.length >= printedBy) namesAll++;
    for (const r of answer.results) {
      for (const copy of r.alsoIn) {
        folds++;
        const detail = archive.show(copy.id);
        const best = Math.max(...(detail?.passages ?? []).map((p) => wordJaccard(p.text, r.text)));
        if (best < NOT_A_COPY) wrongFolds++;
      }
    }
  }
  archive.close();
  const share = (k: number, of: number) => (of === 0 ? '–' : `${k}/${of} (${((100 * k) / of).toFixed(1)}%)`);
  console.log(`| ${bar} | ${share(withTwo, questions.length)} | ${share(namesAll, questions.length)} | ${share(wrongFolds, folds)} |`);
  outcomes.push({ bar, withTwo, wrongFolds });
}
// The bar to ship: the highest that folds no passage which is not a copy and leaves no two copies in a list.
const chosen = outcomes.filter((o) => o.withTwo === 0 && o.wrongFolds === 0).at(-1);
console.log(chosen ? `\nchosen duplicateJaccard: ${chosen.bar}` : '\nno bar folds every copy without folding a passage that is not one');
