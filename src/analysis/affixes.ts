/**
 * The letters Arabic writes onto the front of a word, in the order it writes them: a conjunction
 * (و ف), then a preposition (ب ل ك), then the article (ال), fused as in "وبالقوات"; and a verb's
 * tense prefixes (the future's س, then ي ت ن ا). Every rule that reads a word without them is built
 * from these, each with the least it must leave of the word (its own choice, said where it is made).
 */

export const CONJUNCTIONS = 'وف';
export const PREPOSITIONS = 'بلك';
export const ARTICLE = 'ال';
/** ل before the article drops the article's alif: "للقوات" is ل + القوات. */
export const TO_THE = 'لل';
export const FUTURE = 'س';
/** Imperfect prefixes: he/she-you/we/I (يرسل ترسل نرسل ارسل). */
export const TENSE_PREFIXES = 'يتنا';

/** A character class of `letters`. */
export const anyOf = (letters: string): string => `[${letters}]`;

/** `pattern` at a word's start where at least `rest` letters follow it (what a rule reads off). */
export function leading(pattern: string, rest: number): RegExp {
  return new RegExp(`^(?:${pattern})(?=\\p{L}{${rest}})`, 'u');
}
