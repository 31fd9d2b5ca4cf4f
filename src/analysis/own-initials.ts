/**
 * Whether a word's first letter و ف ب ك is its own. Snowball's Arabic stemmer strips these as a
 * conjunction (و "and", ف "so") or a preposition (ب "with", ك "like") from every word long enough,
 * so "وزير" (minister) stems to "زير", "بيان" to "يان", "فرنسا" to "رنس", "بلاده" to "لاد" while
 * "بلد" stays "بلد": the stem loses a radical, its root is another one (زير, not وزر), and two forms
 * of one word part ("ووزير" loses only one و and stems to "وزير", "وزير" to "زير").
 *
 * A lexicon says which words begin with their own و ف ب ك: own-initials.txt, the stems of Debian's
 * hunspell-ar that do (format and source in the file). A stripped letter is given back when the
 * stem with it is the stem of such a word. Where both readings are words ("بدور": full moons, or
 * "in a role") the word is kept whole; that costs little, since a passage term with a proclitic
 * left on still meets the bare word (match.ts) and a question term is read as the archive uses it
 * (query.ts), while a radical lost is lost for every reading.
 */
import { readFileSync } from 'node:fs';
import { normalizeArabic } from './normalize.js';

export const OWN_INITIALS_FILE = new URL('./own-initials.txt', import.meta.url);

/** Letters Snowball strips as a proclitic (و ف, then ب ك). */
const STRIPPED = new Set('وفبك');

/** The most proclitic letters Snowball strips from one word ("وب" in "وبيان"). */
const MAX_STRIPPED = 2;

/** The words of own-initials.txt, normalised (one word a line, `#` comments). */
export function ownInitialWords(text: string): string[] {
  return text
    .split(/\r?\n/u)
    .map((line) => normalizeArabic(line.replace(/#.*$/u, '').trim()))
    .filter(Boolean);
}

/** How many proclitic letters the stemmer took off `word` to leave `stem` (0 when it took none). */
function strippedLetters(word: string, stem: string): number {
  for (let p = 1; p <= MAX_STRIPPED && STRIPPED.has(word[p - 1]!); p++) if (word.slice(p).startsWith(stem)) return p;
  return 0;
}

/** Whether a stem with its initial kept is the stem of a lexicon word (see `ownInitialLexicon`). */
export interface OwnInitialLexicon {
  has(whole: string): boolean;
}

/**
 * `stem` (what the stemmer made of `word`) with the initial letters it stripped given back, as far
 * as the result is in `known`: "وزيرة" → "زير" becomes "وزير", "وبيان" → "يان" becomes "بيان",
 * "وحكومة" → "حكوم" stays.
 */
export function withOwnInitial(word: string, stem: string, known: OwnInitialLexicon): string {
  const p = strippedLetters(word, stem);
  for (let q = 0; q < p; q++) {
    const whole = word.slice(q, p) + stem;
    if (known.has(whole)) return whole;
  }
  return stem;
}

/** The stem (under `stem`) of a lexicon word with its initial kept: what `withOwnInitial` accepts. */
export function ownInitialStem(word: string, stem: (word: string) => string): string {
  const s = stem(word);
  return word.slice(0, strippedLetters(word, s)) + s;
}

/**
 * Most letters Snowball's Arabic stemmer strips before a stem: a conjunction, then the article
 * with a preposition ("وبال"), or a verb prefix ("يست") after a conjunction.
 */
const MAX_PREFIX_LETTERS = 4;

/**
 * The lexicon's words' stems (under `stem`, the stemmer's own function), initial kept. Stemming
 * the lexicon the same way as the text lets an inflected form ("وزراء", "بياناتها") meet its
 * lexicon word through the suffixes both lose. Stemming all 5,000 words costs a quarter of a
 * second, at every start of every process and thread; so a word is filed under each pair of
 * letters its stem may begin with (the stem starts within its first MAX_PREFIX_LETTERS + 1
 * letters: test/word-forms.test.ts checks it of the whole list), and the words of a pair are
 * stemmed when a stem beginning with it is first asked about.
 */
export function ownInitialLexicon(stem: (word: string) => string, text: string = readFileSync(OWN_INITIALS_FILE, 'utf8')): OwnInitialLexicon {
  const byPair = new Map<string, string[]>();
  for (const word of ownInitialWords(text)) {
    // Pairs, and single letters for the rare stem of one letter.
    const starts = new Set<string>();
    for (let i = 0; i <= MAX_PREFIX_LETTERS && i < word.length; i++) starts.add(word.slice(i, i + 2)).add(word.slice(i, i + 1));
    for (const pair of starts) {
      const words = byPair.get(pair);
      if (words) words.push(word);
      else byPair.set(pair, [word]);
    }
  }
  const stemmed = new Map<string, Set<string>>();
  return {
    has(whole) {
      const pair = whole.slice(0, 2);
      let stems = stemmed.get(pair);
      if (!stems) stemmed.set(pair, (stems = new Set((byPair.get(pair) ?? []).map((w) => ownInitialStem(w, stem)))));
      return stems.has(whole);
    },
  };
}
