/**
 * English questions read in Arabic words, for lexical mode: without the multilingual model an
 * English question shares no word with Arabic news, so each of its words is replaced by its first
 * sense in an English–Arabic dictionary (freedict.ts: "withdrawal" → الإنسحاب, "border" → الحدود),
 * a name by the archive's own spelling of it (transliteration.ts), and the Arabic analyzer reads
 * the result as it reads any question. Word by word is crude (a word's first sense may be the
 * wrong one: "left" → اليسار), but the rest of the question usually outweighs it, and coverage
 * still decides "not found".
 */
import type { Dictionary } from './freedict.js';
import { nameSpellings, type NameSpelling } from './transliteration.js';

/** English inflections read off to find a headword: plural, past, -ing. */
const INFLECTIONS: readonly [RegExp, string][] = [
  [/ies$/u, 'y'],
  [/es$/u, ''],
  [/s$/u, ''],
  [/ed$/u, ''],
  [/ed$/u, 'e'],
  [/ing$/u, ''],
  [/ing$/u, 'e'],
];

/** The first sense of `word` or of its uninflected form, if the dictionary has one. */
function senseOfWord(word: string, dictionary: Dictionary): string | undefined {
  const lower = word.toLowerCase();
  const direct = dictionary.get(lower);
  if (direct !== undefined) return direct;
  for (const [ending, replacement] of INFLECTIONS) {
    if (!ending.test(lower)) continue;
    const sense = dictionary.get(lower.replace(ending, replacement));
    if (sense !== undefined) return sense;
  }
  return undefined;
}

/** How a Latin-script question's words are read against an Arabic archive (see `translateQuestion`). */
export interface QuestionReader {
  isStopWord(word: string): boolean;
  /** Whether the archive holds the word as written (an acronym such as CSTO). */
  inArchive(word: string): boolean;
  /** The archive's word for a name with one of these spellings (most vowels written first), if it has one. */
  archiveName(spellings: readonly NameSpelling[]): string | undefined;
}

/** Names looked up in one question: a question names a few; a hostile one could name a hundred. */
const MAX_NAMES = 8;

/** A question's words: numbers with their marks ("30,000", "2.5"), words without a possessive "'s". */
const WORDS = /\d+(?:[.,\u066B\u066C]\d+)*|[\p{L}][\p{L}\p{N}'’-]*/gu;

/**
 * A Latin-script question in Arabic words: each word the archive holds as written stays (CSTO),
 * and so does a number, each stop word goes, a capitalised word that spells a name of the archive
 * becomes that name (Lavrov → لافروف: the dictionary reads Trump as البوق "trumpet"), each other
 * word becomes its first sense. A word with none is left out, since it would count against every
 * passage, but not a capitalised one: a name neither the archive nor the dictionary knows ("Lavrov
 * on Gaza") is what the archive lacks, and counts against the passages as an Arabic question's would.
 */
export function translateQuestion(question: string, dictionary: Dictionary, reader: QuestionReader): string {
  const words = (question.match(WORDS) ?? []).map((w) => w.replace(/['’]s$/u, ''));
  let names = 0;
  return words
    .flatMap((word) => {
      if (/^\d/u.test(word) || reader.inArchive(word)) return [word];
      if (reader.isStopWord(word)) return [];
      const capitalised = /^\p{Lu}/u.test(word);
      const name = capitalised && names++ < MAX_NAMES ? reader.archiveName(nameSpellings(word)) : undefined;
      const sense = name ?? senseOfWord(word, dictionary);
      if (sense !== undefined) return [sense];
      return capitalised ? [word] : [];
    })
    .join(' ');
}
