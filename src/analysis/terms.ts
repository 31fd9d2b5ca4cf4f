/**
 * Text → matching terms: normalise (alef/hamza, ى, ة, diacritics, tatweel, digits), split into
 * words, drop stop words (stopwords-iso's Arabic and English lists plus dialect question words),
 * and stem (Snowball Arabic / English). Index and query go through the same function, so what a
 * question says meets what an article says.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import snowball from 'snowball-stemmers';
import stopwords from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };
import { normalizeArabic } from './normalize.js';
import { MARKED_DIGITS, numberPhrases, numberWords, numberWordValue, type NumberPhrase } from './numbers.js';
import { ownInitialLexicon, OWN_INITIALS_FILE, withOwnInitial } from './own-initials.js';
import { QUESTION_FRAME_WORDS } from './stopwords.js';
import { boundedMemo } from './bounded-memo.js';
import { anyOf, ARTICLE, CONJUNCTIONS, leading, PREPOSITIONS, TO_THE } from './affixes.js';

const arabicStemmer = snowball.newStemmer('arabic');
const englishStemmer = snowball.newStemmer('english');

/**
 * The stop words. stopwords-iso's lists hold a few entries with digits ("10" and "39" in English,
 * "و6" in Arabic); a number is what a كم / how many question asks for, never a stop word.
 */
const STOP = new Set(
  [...stopwords.ar, ...stopwords.en, ...QUESTION_FRAME_WORDS].filter((w) => !/\d/u.test(w)).map((w) => normalizeArabic(w)),
);

/** Snowball's stem of a normalised Arabic word without the article, in matching form. */
export function snowballStem(word: string): string {
  // Snowball strips ة as a suffix but not the ه our normalisation folds it into.
  return normalizeArabic(arabicStemmer.stem(word.replace(/ه$/u, 'ة')));
}

/** The words whose initial و ف ب ك is their own (own-initials.ts). */
const OWN_INITIALS_TEXT = readFileSync(OWN_INITIALS_FILE, 'utf8');
const OWN_INITIALS = ownInitialLexicon(snowballStem, OWN_INITIALS_TEXT);

/**
 * Names the matching form `terms` produces: the stemming rules (a label to change with `stem`),
 * the stop list and the own-initial lexicon. An index whose files were stemmed under another
 * version re-stems them.
 */
export const TERMS_VERSION = createHash('sha256')
  .update(
    [
      'snowball arabic+english; article stripped; final ه read as ة; number words and phrases read as digits; thousands separators and decimal points read (2p5); own initials kept',
      ...[...STOP].sort(),
      OWN_INITIALS_TEXT,
    ].join('\n'),
  )
  .digest('hex')
  .slice(0, 16);

/**
 * The definite article with its clitics (ال, وال, بال, فبال, لل…). Snowball strips it only from
 * longer words, so "القوات" and "قوات" would stem apart; stripping it first keeps them together.
 */
const ARTICLE_PREFIX = leading(`${anyOf(CONJUNCTIONS)}?${anyOf(PREPOSITIONS)}?${ARTICLE}|${anyOf(CONJUNCTIONS)}?${TO_THE}`, 3);

/** A word: digits with separators or a decimal point ("3,000", "2.5": numberWords reads them), or letters and digits. */
const WORD = new RegExp(`${MARKED_DIGITS.source}|[\\p{L}\\p{N}]+`, 'gu');

/**
 * Stems of the words seen so far: an archive repeats its words (a news archive of a million
 * passages has a few hundred thousand distinct ones), and Snowball is most of indexing's CPU
 * otherwise. Bounded, since questions and uploads are anyone's input: it starts afresh when full.
 */
const STEM_CACHE_LIMIT = 500_000;

function stemUncached(word: string): string {
  if (/^[a-z]+$/u.test(word)) return englishStemmer.stem(word);
  if (!/[\u0621-\u064A]/u.test(word)) return word;
  const bare = word.replace(ARTICLE_PREFIX, '');
  return withOwnInitial(bare, snowballStem(bare), OWN_INITIALS) || word;
}

/** Stem one normalised word, once per distinct word. */
const stem = boundedMemo(stemUncached, STEM_CACHE_LIMIT);

/** A conjunction (و "and", ف "so") written onto a word: "ومتى" is "and when". */
const CONJUNCTION = leading(anyOf(CONJUNCTIONS), 2);

const isStopWord = (word: string) => STOP.has(word) || STOP.has(word.replace(CONJUNCTION, ''));

/**
 * The matching terms of each of `texts` (a question's words), in order, stop words (with or without
 * a conjunction) removed. A number is its digits, in one word ("ثلاثة" → "3"; several are on the
 * stop lists, which must not drop them) or several ("ثلاثة آلاف" → "3000", numbers.ts), and digits
 * with separators or a point are one value ("3,000" → "3000", "2.5 مليون" → "2500000"), so that it
 * meets an article writing it another way; a number spanning several texts is a term of each of them.
 */
export function termsOfEach(texts: readonly string[]): string[][] {
  const tokens = texts.flatMap((text, at) =>
    [...normalizeArabic(text).matchAll(WORD)].flatMap(([token]) => numberWords(token).map((word) => ({ word, at }))),
  );
  const phraseOf = new Map<number, NumberPhrase>();
  for (const phrase of numberPhrases(tokens.map((t) => t.word))) for (let i = phrase.first; i <= phrase.last; i++) phraseOf.set(i, phrase);
  const out = texts.map((): string[] => []);
  tokens.forEach(({ word, at }, i) => {
    const phrase = phraseOf.get(i);
    if (phrase !== undefined) {
      // The value once per text, at the phrase's last word in it.
      if (phrase.value !== null && (i === phrase.last || tokens[i + 1]!.at !== at)) out[at]!.push(phrase.value);
      return;
    }
    const number = numberWordValue(word);
    if (number !== null) out[at]!.push(number);
    else if (!isStopWord(word) && (word.length >= 2 || /\d/u.test(word))) {
      const s = stem(word);
      if (s) out[at]!.push(s);
    }
  });
  return out;
}

/** The matching terms of a text, in order (`termsOfEach` of one text). */
export function terms(text: string): string[] {
  return termsOfEach([text])[0]!;
}
