/**
 * English questions read in Arabic words, for lexical mode: without the multilingual model an
 * English question shares no word with Arabic news, so each of its words is replaced by its first
 * sense in an English–Arabic dictionary ("withdrawal" → انسحاب, "border" → الحدود), and the Arabic
 * analyzer reads the result as it reads any question. Word by word is crude (a word's first sense
 * may be the wrong one: "left" → اليسار), but the rest of the question usually outweighs it, and
 * coverage still decides "not found".
 *
 * The dictionary is FreeDict's English–Arabic one (from Arabeyes' word list, GPL 2+), which
 * Debian ships as `dict-freedict-eng-ara`: read from its dictd files, not copied into sanad. Its
 * entries are a headword line ("Withdrawal /wɪθdɹˈɔːl/"), then the senses, one a line, numbered
 * when several ("1. يترك"), a gloss after " - " ("كابول - عاصمة…").
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** English word (lower case) → its first Arabic sense. */
export type Dictionary = ReadonlyMap<string, string>;

/** A sense longer than this many words is a definition, not a word to match ("الإنحناء تعبيراً عن الإحترام"). */
const MAX_SENSE_WORDS = 2;

const HEADWORD = /^([A-Za-z][A-Za-z' -]*?) \/[^/]*\/$/u;

/** The sense a line gives: numbering and gloss taken off; undefined when it is no short Arabic phrase. */
function senseOf(line: string): string | undefined {
  const sense = line.replace(/^\d+\.\s*/u, '').split(' - ')[0]!.replace(/[()]/gu, '').trim();
  if (!/\p{Script=Arabic}/u.test(sense) || /\p{Script=Latin}/u.test(sense)) return undefined;
  return sense.split(/\s+/u).length <= MAX_SENSE_WORDS ? sense : undefined;
}

/** FreeDict's dictd text (as `dictzip -d` gives it) → each headword's first short sense. */
export function parseFreedict(text: string): Map<string, string> {
  const senses = new Map<string, string>();
  let headword: string | undefined;
  for (const line of text.split('\n')) {
    const head = HEADWORD.exec(line);
    if (head) {
      headword = head[1]!.toLowerCase();
      continue;
    }
    if (headword === undefined || senses.has(headword)) continue;
    const sense = senseOf(line);
    if (sense !== undefined) senses.set(headword, sense);
  }
  return senses;
}

/**
 * The dictionary at `path` (a dictd base name: `path.dict.dz` or `path.dict`), or the one line
 * saying why there is none. Reading it is left for the first English question.
 */
export function openDictionary(path: string): { load: () => Dictionary } | { reason: string } {
  const file = [`${path}.dict.dz`, `${path}.dict`].find((f) => existsSync(f));
  if (file === undefined) {
    return { reason: `English questions in lexical mode: no English–Arabic dictionary at ${path}.dict.dz (apt-get install dict-freedict-eng-ara)` };
  }
  let dictionary: Dictionary | undefined;
  return {
    load: () => {
      const bytes = readFileSync(file);
      dictionary ??= parseFreedict((file.endsWith('.dz') ? gunzipSync(bytes) : bytes).toString('utf8'));
      return dictionary;
    },
  };
}

/** English inflections read off to find a headword: plural, past, -ing, possessive. */
const INFLECTIONS: readonly [RegExp, string][] = [
  [/'s$/u, ''],
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

/**
 * Arabic letters an English letter (or two) may stand for in a transliterated name, as the
 * consonant skeleton of variants.ts reads them: ج and غ as one (G), long vowels left out.
 */
const LETTERS: readonly [string, readonly string[]][] = [
  ['sh', ['ش']], ['ch', ['تش', 'ش']], ['th', ['ث', 'ذ', 'ت']], ['kh', ['خ']], ['gh', ['G']], ['ph', ['ف']],
  ['dh', ['ذ']], ['zh', ['G']], ['ck', ['ك']],
  ['b', ['ب']], ['c', ['ك', 'س']], ['d', ['د', 'ض']], ['f', ['ف']], ['g', ['G']], ['h', ['ه', 'ح']], ['j', ['G']],
  ['k', ['ك', 'ق']], ['l', ['ل']], ['m', ['م']], ['n', ['ن']], ['p', ['ب']], ['q', ['ق']], ['r', ['ر']],
  ['s', ['س', 'ص']], ['t', ['ت', 'ط']], ['v', ['ف']], ['x', ['كس']], ['z', ['ز', 'ظ']],
];

/** Most skeletons tried for one name (each ambiguous letter doubles them). */
const MAX_SKELETONS = 64;

/** Fewest consonants a skeleton needs to be looked up: shorter ones meet common words. */
const MIN_SKELETON = 4;

/**
 * The consonant skeletons (variants.ts `skeleton`) an English spelling of a foreign name may have
 * in Arabic: "Lavrov" → لفرف (لافروف), "Bagram" → بGرم (باغرام), "Taliban" → تلبن or طلبن (طالبان).
 * A first vowel is an alef (أشرف), the other vowels are the long vowels the skeleton leaves out,
 * and a doubled letter is one. None for a name shorter than MIN_SKELETON consonants.
 */
export function nameSkeletons(name: string): string[] {
  const lower = name.toLowerCase().replace(/[^a-z]/gu, '').replace(/(.)\1/gu, '$1');
  let skeletons = [/^[aeiou]/u.test(lower) ? 'ا' : ''];
  for (let i = 0; i < lower.length; ) {
    const pair = LETTERS.find(([latin]) => lower.startsWith(latin, i));
    if (pair === undefined) {
      i++; // a vowel, w or y: a long vowel or none
      continue;
    }
    skeletons = skeletons.flatMap((s) => pair[1].map((arabic) => s + arabic)).slice(0, MAX_SKELETONS);
    i += pair[0].length;
  }
  return skeletons.filter((s) => [...s].length >= MIN_SKELETON);
}

/** How a Latin-script question's words are read against an Arabic archive (see `translateQuestion`). */
export interface QuestionReader {
  isStopWord(word: string): boolean;
  /** Whether the archive holds the word as written (an acronym, a number). */
  inArchive(word: string): boolean;
  /** The archive's term for a name with one of these skeletons, if it has one. */
  archiveName(skeletons: readonly string[]): string | undefined;
}

/**
 * A Latin-script question in Arabic words: each word the archive holds as written stays (CSTO,
 * 2021), each stop word goes, a capitalised word that spells a name of the archive becomes that
 * name (Lavrov → لافروف: a dictionary would read Trump as البوق "trumpet"), each other word becomes
 * its first sense. A word with none is left out, since it would count against every passage, but
 * not a capitalised one: a name neither the archive nor the dictionary knows ("Lavrov on Gaza") is
 * what the archive lacks, and counts against the passages as an Arabic question's would.
 */
export function translateQuestion(question: string, dictionary: Dictionary, reader: QuestionReader): string {
  const words = question.match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [];
  return words
    .flatMap((word) => {
      if (reader.inArchive(word)) return [word];
      if (reader.isStopWord(word)) return [];
      const name = /^\p{Lu}/u.test(word) ? reader.archiveName(nameSkeletons(word)) : undefined;
      const sense = name ?? senseOfWord(word, dictionary);
      if (sense !== undefined) return [sense];
      return /^\p{Lu}/u.test(word) ? [word] : [];
    })
    .join(' ');
}
