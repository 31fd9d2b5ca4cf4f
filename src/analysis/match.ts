/**
 * When a passage term counts as the question's term. Stems are light and Snowball's Arabic stemmer
 * is not always consistent ("البريطاني"→ريط, "بريطانيا"→ريطاني), so a term also meets the same
 * word with a suffix or a one-letter proclitic left on; but only letters that Arabic suffixes are
 * made of may be left over, so that "كوري" (Korea) never meets "كوريلا" (a general's name).
 */

import { rootsOf } from './roots.js';

/** Shortest stem that may meet longer forms of itself. */
export const MIN_PREFIX = 3;

/** One-letter proclitics (و ف ب ل ك) the stemmer leaves on words without the article: "لافغانستان". */
export const PROCLITIC = /^[وفبلك](?=\p{L}{3})/u;

/** What a light stem may leave of a word's ending: up to three suffix letters (ا ت ك م ن ه و ي). */
const LEFT_SUFFIX = /^[اتكمنهوي]{1,3}$/u;

/**
 * How much a passage's term counts when it meets a question term other than as written: through a
 * synonym, or through a word of the same root (see `RankingOptions` for their meaning and range).
 */
export interface MatchCredits {
  variantCredit: number;
  synonymCredit: number;
  rootCredit: number;
}

/** A taa marbuta before a suffix is written ت ("خطته"): the stem keeps it, the bare noun has ه. */
const openTaa = (w: string) => (w.length >= MIN_PREFIX ? w.replace(/ت$/u, 'ه') : w);

const extendsWith = (longer: string, shorter: string) =>
  shorter.length >= MIN_PREFIX && longer.startsWith(shorter) && LEFT_SUFFIX.test(longer.slice(shorter.length));

function sameWord(a: string, b: string): boolean {
  const [x, y] = [openTaa(a), openTaa(b)];
  return x === y || extendsWith(x, y) || extendsWith(y, x);
}

/** A verb's tense prefix (future س, then ي ت ن ا): "سترسل" and "يرسل" are one verb. */
const VERB_PREFIX = /^س?[يتنا](?=\p{L}{3})/u;

/** Whether `set` holds `term`, or a form of it with a suffix, proclitic or verb prefix left on. */
export function hasTerm(set: ReadonlySet<string>, term: string): boolean {
  if (set.has(term)) return true;
  if (term.length < MIN_PREFIX) return false;
  const bare = term.replace(PROCLITIC, '');
  const verb = term.replace(VERB_PREFIX, '');
  for (const t of set) {
    if (sameWord(t, term) || sameWord(t.replace(PROCLITIC, ''), bare)) return true;
    if (sameWord(t.replace(VERB_PREFIX, ''), verb)) return true;
  }
  return false;
}

/**
 * A question term and the terms that count as meeting it, its own first. `variants` (a subset of
 * the rest) are other spellings of the same word found in the archive (كابل / كابول).
 */
export interface Alternatives {
  alternatives: readonly string[];
  variants?: readonly string[];
}

/** Whether some term of `set` shares a root with one of `words`. */
function sharesRoot(set: ReadonlySet<string>, words: readonly string[]): boolean {
  const roots = new Set(words.flatMap(rootsOf));
  if (roots.size === 0) return false;
  for (const t of set) if (rootsOf(t).some((r) => roots.has(r))) return true;
  return false;
}

/**
 * How fully `terms` hold a question term: 1 as written, `variantCredit` in another spelling,
 * `synonymCredit` through a synonym, `rootCredit` through a word of the same root, else 0.
 */
export function matchStrength(terms: ReadonlySet<string>, query: Alternatives, credits: MatchCredits): number {
  const [own, ...others] = query.alternatives;
  if (own !== undefined && hasTerm(terms, own)) return 1;
  const variants = query.variants ?? [];
  if (variants.some((v) => hasTerm(terms, v))) return credits.variantCredit;
  if (others.some((s) => !variants.includes(s) && hasTerm(terms, s))) return credits.synonymCredit;
  return credits.rootCredit > 0 && sharesRoot(terms, query.alternatives) ? credits.rootCredit : 0;
}

/** Whether `terms` hold a question term in any form: as written, a synonym, or a word of the same root. */
export function meetsAtAll(terms: ReadonlySet<string>, query: Alternatives): boolean {
  return query.alternatives.some((a) => hasTerm(terms, a)) || sharesRoot(terms, query.alternatives);
}
