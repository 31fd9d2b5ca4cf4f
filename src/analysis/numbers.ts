/**
 * Cardinal number words of Arabic news, read as the digits an article may write instead: a
 * question asking about "ثلاثة جنود" must meet "3 جنود", and "ثلاثة آلاف جندي" must meet "3000
 * جندي" and "3 آلاف جندي". Only words that are nothing but a number: "واحد" (also "one of", "a
 * single"), "الاثنين" (also Monday) and the ordinals stay words, as does "ألفا" (also the name
 * Alpha) unless a number comes before it.
 */
import { normalizeArabic } from './normalize.js';
import { anyOf, ARTICLE, CONJUNCTIONS, leading, PREPOSITIONS } from './affixes.js';

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
const CLITICS = leading(`${anyOf(CONJUNCTIONS)}?${anyOf(PREPOSITIONS)}?(?:${ARTICLE})?`, 3);

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

/**
 * How a decimal is spelled as a term ("2.5" → "2p5"): a term is letters and digits only, since the
 * lexical index (FTS5's unicode61 tokenizer) would cut "2.5" into the two numbers 2 and 5.
 */
const DECIMAL_MARK = 'p';

/** A number's term: its digits, with DECIMAL_MARK for the point (2500000, 2p5). */
const spelled = (value: number) => String(value).replace('.', DECIMAL_MARK);

/** Digits, or a decimal as `spelled` writes it: whole part, then the fraction's digits. */
const DIGITS = new RegExp(`^(\\d+)(?:${DECIMAL_MARK}(\\d+))?$`, 'u');

/** Digits with separators or a decimal point between them, as a text writes a number ("3,000", "2.5", "٢٫٥" normalised). */
export const MARKED_DIGITS = /\d+(?:[.,\u066B\u066C]\d+)+/u;

/**
 * A number with marks news writes: thousands in groups of three after "," "." or "٬" (one kind in
 * a number: "1,250,000", "10.000"), then perhaps a decimal part after "٫", or after "." or ","
 * (not the thousands mark) when it has one, two or four and more digits. Three digits after a
 * point are a thousands group, and two marks of one kind, unless they group thousands, are no
 * number (15.08.2021, 192.168.1.1).
 */
const MARKED_NUMBER = /^(?<whole>\d{1,3}(?<group>[.,\u066C])\d{3}(?:\k<group>\d{3})*|\d+)(?:(?<point>\u066B|[.,](?=\d{1,2}$|\d{4,}$))(?<fraction>\d+))?$/u;

/**
 * The words of a token as numberPhrases reads them. A number written with separators or a decimal
 * point is one word, one spelling for each value, so that "3,000", "٣٬٠٠٠" and "3000" meet, and
 * "2.5", "٢٫٥" and "2,5" are 2p5 (never the numbers 2 and 5: "2.5 مليون" is not five million). Digits
 * with marks that are no such number (a date 15.08.2021, "2021,300") are their runs of digits, as
 * any other punctuation leaves them; another token is itself.
 */
export function numberWords(token: string): string[] {
  if (/^[\p{L}\p{N}]+$/u.test(token)) return [token];
  const m = MARKED_NUMBER.exec(token)?.groups;
  if (m === undefined || (m.group !== undefined && m.point === m.group)) return token.match(/\d+/gu)!;
  const whole = m.whole!.replace(/\D/gu, '');
  const fraction = (m.fraction ?? '').replace(/0+$/u, '');
  return [fraction === '' ? whole : `${whole}${DECIMAL_MARK}${fraction}`];
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
  /** Decimal places of the group, a decimal's digits (2.5: group 25, one place); 0 for words. */
  places: number;
  /** The last magnitude read (a later one must be smaller), Infinity before any. */
  scale: number;
  /** Written in digits: only a magnitude may follow (3 آلاف); "2021 وخمسة" is two numbers. */
  digits: boolean;
}

/** The phrase's group times `magnitude`: a decimal's digits times it, then the places off, exact where 1.1 × 1e6 is not. */
const groupTimes = (p: Phrase, magnitude: number) => ((p.group ?? 0) * magnitude) / 10 ** p.places;

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
    const digits = DIGITS.exec(word);
    if (digits !== null) {
      const [, whole, fraction = ''] = digits;
      return { words: 1, total: 0, group: Number(whole + fraction), places: fraction.length, scale: Infinity, digits: true };
    }
    const value = lookUp(word, NUMBER_WORDS);
    if (value === undefined) return undefined;
    const scale = [1e9, 1e6, 1e3].find((m) => value >= m);
    return scale === undefined
      ? { words: 1, total: 0, group: value, places: 0, scale: Infinity, digits: false }
      : { words: 1, total: value, group: undefined, places: 0, scale, digits: false };
  };
  const close = (last: number) => {
    if (p !== undefined && p.words >= 2) out.push({ first, last, value: spelled(p.total + groupTimes(p, 1)) });
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
      [p.total, p.group, p.places, p.scale] = [p.total + groupTimes(p, magnitude), undefined, 0, magnitude];
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
