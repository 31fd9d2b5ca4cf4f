/**
 * Cardinal number words of Arabic news, read as the digits an article may write instead: a
 * question asking about "ثلاثة جنود" must meet "3 جنود", and "ثلاثة آلاف جندي" must meet "3000
 * جندي" and "3 آلاف جندي". Only words that are nothing but a number: "واحد" (also "one of", "a
 * single"), "الاثنين" (also Monday) and the ordinals stay words, as does "ألفا" (also the name
 * Alpha) unless a number comes before it.
 */
import { normalizeArabic } from './normalize.js';

const normalizedTable = (rows: readonly (readonly [number, readonly string[]])[]): ReadonlyMap<string, number> =>
  new Map(rows.flatMap(([value, words]) => words.map((w) => [normalizeArabic(w), value] as const)));

/** Units, tens and hundreds: spellings (normalised as words are, normalizeArabic) → value. */
const NUMBER_WORDS = normalizedTable([
  [2, ['اثنان', 'اثنتان', 'اثنتين']],
  [3, ['ثلاث', 'ثلاثة']],
  [4, ['أربع', 'أربعة']],
  [5, ['خمس', 'خمسة']],
  [6, ['ست', 'ستة']],
  [7, ['سبع', 'سبعة']],
  [8, ['ثماني', 'ثمانية', 'ثمان']],
  [9, ['تسع', 'تسعة']],
  [10, ['عشر', 'عشرة']],
  [20, ['عشرون', 'عشرين']],
  [30, ['ثلاثون', 'ثلاثين']],
  [40, ['أربعون', 'أربعين']],
  [50, ['خمسون', 'خمسين']],
  [60, ['ستون', 'ستين']],
  [70, ['سبعون', 'سبعين']],
  [80, ['ثمانون', 'ثمانين']],
  [90, ['تسعون', 'تسعين']],
  [100, ['مئة', 'مائة']],
  [200, ['مئتان', 'مئتين', 'مائتان', 'مائتين']],
  // Hundreds are written as one word (ثلاثمئة, ثلاثمائة) or two (ثلاث مئة: read as a phrase below).
  ...[3, 4, 5, 6, 7, 8, 9].map(
    (unit) => [unit * 100, ['مئة', 'مائة'].map((h) => `${['ثلاث', 'أربع', 'خمس', 'ست', 'سبع', 'ثماني', 'تسع'][unit - 3]}${h}`)] as const,
  ),
  [800, ['ثمانمئة', 'ثمانمائة']],
  [1_000, ['ألف']],
  [2_000, ['ألفان', 'ألفين']],
  [1_000_000, ['مليون']],
  [2_000_000, ['مليونان', 'مليونين']],
  [1_000_000_000, ['مليار']],
  [2_000_000_000, ['ملياران', 'مليارين']],
]);

/**
 * Words that multiply the number before them (ثلاثة آلاف, 3 ملايين, مئة ألف): the singular, and the
 * plural after 3 to 10. Alone, the singular is its value (ألف جندي, a thousand soldiers) and the
 * plural a word ("آلاف المدنيين", thousands of civilians: no number).
 */
const MAGNITUDES = normalizedTable([
  [1_000, ['ألف', 'آلاف', 'ألوف']],
  [1_000_000, ['مليون', 'ملايين']],
  [1_000_000_000, ['مليار', 'مليارات']],
]);

/**
 * Clitics a number word may carry: a conjunction, a preposition, the article ("وبالثلاثة"). What
 * is left must be three letters or more: "لست" is "I am not", not "to six".
 */
const CLITICS = /^(?:[وف])?(?:[بلك])?(?:ال)?(?=\p{L}{3})/u;

function lookUp(word: string, table: ReadonlyMap<string, number>): number | undefined {
  const direct = table.get(word);
  if (direct !== undefined) return direct;
  const bare = word.replace(CLITICS, '');
  return bare !== word ? table.get(bare) : undefined;
}

/** The digits a normalised number word stands for ("ثلاثه", "والعشرين", "ألف" → "3", "20", "1000"), or null. */
export function numberWordValue(word: string): string | null {
  const value = lookUp(word, NUMBER_WORDS);
  return value === undefined ? null : String(value);
}

/** A teen's ten, written after its unit without و (ثلاثة عشر, إحدى عشرة is not read: إحدى is also "one of"). */
const TEEN_TEN = new Set(['عشر', 'عشره']);

/** A magnitude in the accusative after a number ("عشرون ألفا", "خمسين مليونا"). */
const magnitudeAfterNumber = (word: string) => (word.endsWith('ا') ? MAGNITUDES.get(word.slice(0, -1)) : undefined);

/** A number being read: what its magnitudes came to, the group since the last one, and how it began. */
interface Phrase {
  words: number;
  total: number;
  /** The part after the last magnitude (ثلاثمئة وخمسة وعشرون), or undefined right after one. */
  group: number | undefined;
  /** The last magnitude read (a later one must be smaller), Infinity before any. */
  scale: number;
  /** Written in digits: only a magnitude may follow (3 آلاف); "2021 وخمسة" is two numbers. */
  digits: boolean;
}

/**
 * Whether `value`, joined by و, goes on the phrase: Arabic adds a smaller rank to a larger one
 * (مئة وخمسة, ألف وثلاثمئة) and a unit's tens after it (خمسة وعشرون); two numbers of one rank
 * joined by و are two numbers ("ثلاثة وأربعة", three and four).
 */
function joins(p: Phrase, value: number): boolean {
  if (p.digits || value >= p.scale) return false;
  if (p.group === undefined) return true;
  const rest = p.group % 100;
  if (rest === 0) return value < 100;
  return rest < 10 && value >= 20 && value < 100;
}

/** The word that asks "how many": a magnitude after it ("كم ألف جندي") is the question's frame, not a number. */
const HOW_MANY = 'كم';

/** Words `first` to `last` (indexes) read as one number, `value` its digits (null: read as nothing). */
export interface NumberPhrase {
  first: number;
  last: number;
  value: string | null;
}

/**
 * The number phrases among normalised words. Arabic writes a number as several words ("ثلاثة آلاف
 * وخمسمئة", "خمسة وعشرون", "ثلاثة عشر", "3 ملايين"), and an article writing digits has the whole
 * value, not its parts: "ثلاثة آلاف" is 3000, and no more "three" than "3000" is. A phrase starts
 * at a number word or digits and goes on through a smaller rank joined by و, a teen's عشر, a
 * hundred after its unit (ثلاث مئة), or a magnitude that multiplies the number before it. A
 * magnitude after كم ("how many thousand") is the question's frame, value null: the reader asks
 * for a number. Words in no phrase are read one by one (numberWordValue, or as words).
 */
export function numberPhrases(words: readonly string[]): NumberPhrase[] {
  const out: NumberPhrase[] = [];
  let p: Phrase | undefined;
  let first = 0;
  const begin = (word: string, at: number): Phrase | undefined => {
    first = at;
    if (/^\d+$/u.test(word)) return { words: 1, total: 0, group: Number(word), scale: Infinity, digits: true };
    const value = lookUp(word, NUMBER_WORDS);
    if (value === undefined) return undefined;
    const scale = [1e9, 1e6, 1e3].find((m) => value >= m);
    return scale === undefined ? { words: 1, total: 0, group: value, scale: Infinity, digits: false } : { words: 1, total: value, group: undefined, scale, digits: false };
  };
  const close = (last: number) => {
    if (p !== undefined && p.words >= 2) out.push({ first, last, value: String(p.total + (p.group ?? 0)) });
  };
  words.forEach((word, i) => {
    if (p === undefined) {
      if (words[i - 1] === HOW_MANY && lookUp(word, MAGNITUDES) !== undefined) return void out.push({ first: i, last: i, value: null });
      return void (p = begin(word, i));
    }
    const joined = word.startsWith('و');
    const magnitude = joined ? undefined : (lookUp(word, MAGNITUDES) ?? magnitudeAfterNumber(word));
    const value = joined ? lookUp(word, NUMBER_WORDS) : NUMBER_WORDS.get(word);
    const unit = !p.digits && p.group !== undefined && p.group % 100 > 0 && p.group % 100 < 10 ? p.group % 100 : undefined;
    if (magnitude !== undefined && p.group !== undefined && magnitude < p.scale) {
      [p.total, p.group, p.scale] = [p.total + p.group * magnitude, undefined, magnitude];
    } else if (!joined && unit !== undefined && TEEN_TEN.has(word)) {
      p.group! += 10;
    } else if (!joined && unit !== undefined && p.group === unit && value === 100) {
      p.group = unit * 100;
    } else if (joined && value !== undefined && joins(p, value)) {
      p.group = (p.group ?? 0) + value;
    } else {
      close(i - 1);
      return void (p = begin(word, i));
    }
    p.words++;
  });
  close(words.length - 1);
  return out;
}
