/**
 * Spellings of one name. Arabic news spells foreign names freely: كابل / كابول, سيرجي / سيرغي,
 * أمريكي / أميركي: a long vowel written or not, or written elsewhere, and ج / غ for a foreign g.
 * A question spelled one way should meet the archive spelled another. Variants are looked up in
 * the archive's own vocabulary by a consonant skeleton (the first letter, then the rest without
 * the long vowels ا و ي, with ج and غ read as one letter), under guards that keep apart the
 * Arabic words one root makes with long vowels and pattern letters (كتاب / كاتب, مقبل / مقبول,
 * قاعدة / قواعد, منطق / مناطق), which share a skeleton but not a meaning:
 *  - both terms are Arabic, of at least MIN_LETTERS letters, and neither is the other with a
 *    suffix (stem matching already meets those);
 *  - the long vowels of one are a sub-multiset of the other's (a vowel dropped or moved, never
 *    replaced by another: أمير never meets أمور);
 *  - of equal length: they differ only in ج / غ (سيرج / سيرغ), or, from METATHESIS_LETTERS
 *    letters on and neither ending in a vowel (a suffix), by one long vowel written elsewhere
 *    (امريك / اميرك); not كتاب / كاتب;
 *  - of unequal length: the longer is the shorter with long vowels added in place, not right after
 *    the first letter (the slot of broken plurals and active participles: قواعد, كاتب), and the two
 *    are not two patterns of one root, i.e. they share no root that leaves a pattern letter over
 *    (مقبل / مقبول share قبل with م over; كابل / كابول share كبل with nothing over).
 * ك is not read as g: too many Arabic words differ from one another in ج / ك alone (ترويج / ترويك).
 */
import { rootsOf } from './roots.js';
import type { Vocabulary } from './vocabulary.js';

/** Shortest term, in letters, that has spelling variants. */
export const MIN_LETTERS = 4;

/** Equal-length terms this long or longer may have one long vowel in another place. */
const METATHESIS_LETTERS = 5;

const ARABIC = /^[\u0621-\u064A]+$/u;
const VOWELS = new Set(['ا', 'و', 'ي']);
const G = /[جغ]/gu;
const fold = (term: string) => term.replace(G, 'G');

/** The consonant skeleton of a normalised, stemmed term. */
export function skeleton(term: string): string {
  const folded = fold(term);
  return folded[0] + [...folded.slice(1)].filter((c) => !VOWELS.has(c)).join('');
}

const vowelsOf = (term: string) => [...term.slice(1)].filter((c) => VOWELS.has(c)).sort();
const endsInVowel = (term: string) => VOWELS.has(term.at(-1)!);
const sorted = (term: string) => [...fold(term)].sort().join('');

function subMultiset(small: string[], large: string[]): boolean {
  const left = [...large];
  for (const c of small) {
    const i = left.indexOf(c);
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

/** Positions in `long` of the long vowels that, dropped, leave `short`; null if none do. */
function addedVowels(long: string, short: string): number[] | null {
  const [a, b] = [fold(long), fold(short)];
  if (a[0] !== b[0]) return null;
  const added: number[] = [];
  let j = 1;
  for (let i = 1; i < a.length; i++) {
    if (j < b.length && a[i] === b[j]) j++;
    else if (VOWELS.has(a[i]!)) added.push(i);
    else return null;
  }
  return j === b.length ? added : null;
}

/** Whether the two terms are two patterns of one root: a shared root that leaves a pattern letter over. */
function patternsOfOneRoot(a: string, b: string): boolean {
  const shared = rootsOf(a).filter((r) => rootsOf(b).includes(r));
  const consonants = [...skeleton(a).replace(/G/gu, 'ج')];
  return shared.some((root) => consonants.some((c) => !root.includes(c) && !(c === 'ج' && root.includes('غ'))));
}

/** Whether two distinct terms are spellings of one word (see the module comment). */
export function isSpellingVariant(a: string, b: string): boolean {
  if (a === b || a.length < MIN_LETTERS || b.length < MIN_LETTERS || !ARABIC.test(a) || !ARABIC.test(b)) return false;
  if (a.startsWith(b) || b.startsWith(a) || skeleton(a) !== skeleton(b)) return false;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (!subMultiset(vowelsOf(short), vowelsOf(long))) return false;
  if (a.length === b.length) return fold(a) === fold(b) || (a.length >= METATHESIS_LETTERS && sorted(a) === sorted(b) && !endsInVowel(a) && !endsInVowel(b));
  const added = addedVowels(long, short);
  return added !== null && !added.includes(1) && !patternsOfOneRoot(short, long);
}

/**
 * What a term's spelling variants are filed under in the vocabulary: its skeleton, or null for a
 * term that has none (shorter than MIN_LETTERS, or not Arabic).
 */
export function variantKey(term: string): string | null {
  return term.length >= MIN_LETTERS && ARABIC.test(term) ? skeleton(term) : null;
}

/** The terms of `vocabulary` that spell `term` another way (none for short or non-Arabic terms). */
export function spellingVariants(term: string, vocabulary: Vocabulary): string[] {
  const key = variantKey(term);
  return key === null ? [] : vocabulary.withVariantKey(key).filter((t) => isSpellingVariant(term, t));
}
