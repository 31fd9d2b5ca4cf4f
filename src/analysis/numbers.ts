/**
 * Cardinal number words of Arabic news, read as the digits an article may write instead: a
 * question asking about "ثلاثة جنود" must meet "3 جنود", and the other way round. Only words that
 * are nothing but a number: "واحد" (also "one of", "a single"), "الاثنين" (also Monday) and the
 * ordinals stay words.
 */
import { normalizeArabic } from './normalize.js';

/** Spellings, normalised as words are (normalizeArabic) → value. */
const NUMBER_WORDS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['2', ['اثنان', 'اثنتان', 'اثنتين']],
      ['3', ['ثلاث', 'ثلاثة']],
      ['4', ['أربع', 'أربعة']],
      ['5', ['خمس', 'خمسة']],
      ['6', ['ست', 'ستة']],
      ['7', ['سبع', 'سبعة']],
      ['8', ['ثماني', 'ثمانية', 'ثمان']],
      ['9', ['تسع', 'تسعة']],
      ['10', ['عشر', 'عشرة']],
      ['20', ['عشرون', 'عشرين']],
      ['30', ['ثلاثون', 'ثلاثين']],
      ['40', ['أربعون', 'أربعين']],
      ['50', ['خمسون', 'خمسين']],
      ['60', ['ستون', 'ستين']],
      ['70', ['سبعون', 'سبعين']],
      ['80', ['ثمانون', 'ثمانين']],
      ['90', ['تسعون', 'تسعين']],
      ['100', ['مئة', 'مائة']],
    ] as const
  ).flatMap(([value, words]) => words.map((w) => [normalizeArabic(w), value] as const)),
);

/**
 * Clitics a number word may carry: a conjunction, a preposition, the article ("وبالثلاثة"). What
 * is left must be three letters or more: "لست" is "I am not", not "to six".
 */
const CLITICS = /^(?:[وف])?(?:[بلك])?(?:ال)?(?=\p{L}{3})/u;

/** The digits a normalised word stands for ("ثلاثه", "والعشرين" → "3", "20"), or null. */
export function numberWordValue(word: string): string | null {
  const direct = NUMBER_WORDS.get(word);
  if (direct !== undefined) return direct;
  const bare = word.replace(CLITICS, '');
  return bare !== word ? (NUMBER_WORDS.get(bare) ?? null) : null;
}
