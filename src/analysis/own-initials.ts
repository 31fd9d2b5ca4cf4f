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

/**
 * `stem` (what the stemmer made of `word`) with the initial letters it stripped given back, as far
 * as the result is in `known`: "وزيرة" → "زير" becomes "وزير", "وبيان" → "يان" becomes "بيان",
 * "وحكومة" → "حكوم" stays.
 */
export function withOwnInitial(word: string, stem: string, known: ReadonlySet<string>): string {
  const p = strippedLetters(word, stem);
  for (let q = 0; q < p; q++) {
    const whole = word.slice(q, p) + stem;
    if (known.has(whole)) return whole;
  }
  return stem;
}

/**
 * The stems (under `stem`, the stemmer's own function) of the lexicon's words, initial kept: what
 * `withOwnInitial` accepts. Stemming the lexicon the same way as the text lets an inflected form
 * ("وزراء", "بياناتها") meet its lexicon word through the suffixes both lose.
 */
export function ownInitialStems(stem: (word: string) => string, file: URL = OWN_INITIALS_FILE): Set<string> {
  const known = new Set<string>();
  for (const word of ownInitialWords(readFileSync(file, 'utf8'))) {
    const s = stem(word);
    known.add(word.slice(0, strippedLetters(word, s)) + s);
  }
  return known;
}
