/**
 * When a passage term counts as the question's term. Stems are light and Snowball's Arabic stemmer
 * is not always consistent ("البريطاني"→ريط, "بريطانيا"→ريطاني), so a term also meets the same
 * word with a suffix or a one-letter proclitic left on; but only letters that Arabic suffixes are
 * made of may be left over, so that "كوري" (Korea) never meets "كوريلا" (a general's name).
 *
 * The rule: two terms are the same word when, a final ت read as ه (openTaa), they are equal, or one
 * is the other with one to three of the suffix letters ا ت ك م ن ه و ي after it, the shorter having
 * at least MIN_PREFIX letters. A set holds a question term when one of its terms is the same word
 * as it read as written, with a proclitic read off both, or with a verb prefix read off both. Sets
 * are indexed once (their readings, and those without suffix letters) so that this is a few hash
 * lookups; test/match-index.test.ts holds the rule as written above and checks the lookups by it.
 */

import { boundedMemo } from './bounded-memo.js';
import { rootsOf } from './roots.js';
import type { Vocabulary } from './vocabulary.js';
import { anyOf, CONJUNCTIONS, FUTURE, leading, PREPOSITIONS, TENSE_PREFIXES } from './affixes.js';

/** Shortest stem that may meet longer forms of itself. */
export const MIN_PREFIX = 3;

/** One-letter proclitics (و ف ب ل ك) the stemmer leaves on words without the article: "لافغانستان". */
export const PROCLITIC = leading(anyOf(CONJUNCTIONS + PREPOSITIONS), 3);

/**
 * How much a passage's term counts when it meets a question term other than as written: in another
 * spelling, in another form of the word, through a synonym, or through a word of the same root (see `RankingOptions` for their meaning and range).
 */
export interface MatchCredits {
  variantCredit: number;
  formCredit: number;
  synonymCredit: number;
  rootCredit: number;
}

/** A taa marbuta before a suffix is written ت ("خطته"): the stem keeps it, the bare noun has ه. */
const openTaa = (w: string) => (w.length >= MIN_PREFIX && w.endsWith('ت') ? `${w.slice(0, -1)}ه` : w);

/** A verb's tense prefix (future س, then ي ت ن ا): "سترسل" and "يرسل" are one verb. */
const VERB_PREFIX = leading(`${FUTURE}?${anyOf(TENSE_PREFIXES)}`, 3);

/** Letters a light stem may leave of a word's ending (ا ت ك م ن ه و ي), up to three of them. */
const SUFFIX_LETTERS = new Set('اتكمنهوي');

/** `w` less its last `k` letters when those are suffix letters and at least MIN_PREFIX letters remain. */
function withoutSuffix(w: string, k: number): string | null {
  if (w.length - k < MIN_PREFIX) return null;
  for (let i = w.length - k; i < w.length; i++) if (!SUFFIX_LETTERS.has(w[i]!)) return null;
  return w.slice(0, w.length - k);
}

/**
 * One reading of a set's terms (as written, proclitic read off, verb prefix read off), indexed so
 * that "some term is the same word as y" is a few lookups: `forms` holds openTaa of each reading,
 * `stems` what each form is with one to three suffix letters read off (the forms that extend y).
 */
interface Reading {
  forms: Set<string>;
  stems: Set<string>;
}

function reading(set: ReadonlySet<string>, read: (t: string) => string): Reading {
  const forms = new Set<string>();
  const stems = new Set<string>();
  for (const t of set) {
    const x = openTaa(read(t));
    forms.add(x);
    for (let k = 1; k <= 3; k++) {
      const stem = withoutSuffix(x, k);
      if (stem !== null) stems.add(stem);
    }
  }
  return { forms, stems };
}

/** Whether some term of the reading is the same word as the probed term, by lookups. */
function meets(r: Reading, probe: Probe): boolean {
  if (r.forms.has(probe.form) || (probe.form.length >= MIN_PREFIX && r.stems.has(probe.form))) return true;
  return probe.shorter.some((s) => r.forms.has(s));
}

/** What `meets` looks up for one reading of a question term: its form (openTaa), and that form less one to three suffix letters. */
interface Probe {
  form: string;
  shorter: string[];
}

function probe(b: string): Probe {
  const form = openTaa(b);
  const shorter: string[] = [];
  for (let k = 1; k <= 3; k++) {
    const s = withoutSuffix(form, k);
    if (s !== null) shorter.push(s);
  }
  return { form, shorter };
}

/** Question terms whose probes are remembered (questions are anyone's input: bounded). */
const PROBES_MEMO_LIMIT = 50_000;

/**
 * A question term's probes for its three readings (as written, proclitic read off, verb prefix
 * read off), made once per term: a question's terms are looked up in every candidate passage.
 */
const probes = boundedMemo(
  (term: string) => ({ written: probe(term), bare: probe(term.replace(PROCLITIC, '')), verb: probe(term.replace(VERB_PREFIX, '')) }),
  PROBES_MEMO_LIMIT,
);

/**
 * A set's readings and roots, built once per set the first time it is asked about (a passage's
 * terms, its title's): cheaper than scanning even a set of a few terms, since a question asks
 * about each of its terms and their alternatives.
 */
interface FormIndex {
  size: number;
  written: Reading;
  bare: Reading;
  verb: Reading;
  roots?: Set<string>;
}

const formIndexes = new WeakMap<ReadonlySet<string>, FormIndex>();

function formIndex(set: ReadonlySet<string>): FormIndex {
  let index = formIndexes.get(set);
  if (!index || index.size !== set.size) {
    index = {
      size: set.size,
      written: reading(set, (t) => t),
      bare: reading(set, (t) => t.replace(PROCLITIC, '')),
      verb: reading(set, (t) => t.replace(VERB_PREFIX, '')),
    };
    formIndexes.set(set, index);
  }
  return index;
}

/** Whether `set` holds `term`, or a form of it with a suffix, proclitic or verb prefix left on. */
export function hasTerm(set: ReadonlySet<string>, term: string): boolean {
  if (set.has(term)) return true;
  if (term.length < MIN_PREFIX) return false;
  const index = formIndex(set);
  const p = probes(term);
  return meets(index.written, p.written) || meets(index.bare, p.bare) || meets(index.verb, p.verb);
}

/**
 * A question term and the terms that count as meeting it, its own first. `variants` and `forms`
 * (subsets of the rest) are other spellings of the same word found in the archive (كابل / كابول)
 * and other forms of it (وزير / وزراء, انسحب / انسحاب).
 */
export interface Alternatives {
  alternatives: readonly string[];
  variants?: readonly string[];
  forms?: readonly string[];
  /**
   * The archive's terms that share a root with one of the alternatives (`Vocabulary.withRoot`), where
   * known: a set of the archive's terms then meets the term by its root in one lookup per term,
   * instead of reading the roots of every term of every passage asked about.
   */
  rootMates?: ReadonlySet<string>;
}

/** Whether some term of `set` shares a root with one of the query's alternatives. */
function sharesRoot(set: ReadonlySet<string>, query: Alternatives): boolean {
  const mates = query.rootMates;
  if (mates) {
    const [fewer, more] = set.size <= mates.size ? [set, mates] : [mates, set];
    for (const t of fewer) if (more.has(t)) return true;
    return false;
  }
  const roots = new Set(query.alternatives.flatMap(rootsOf));
  if (roots.size === 0) return false;
  const index = formIndex(set);
  index.roots ??= new Set([...set].flatMap(rootsOf));
  for (const r of roots) if (index.roots.has(r)) return true;
  return false;
}

/**
 * How fully `terms` hold a question term: 1 as written; else the best of `variantCredit` in another
 * spelling, `formCredit` in another form, `synonymCredit` through a synonym; else `rootCredit`
 * through a word of the same root, or 0.
 */
export function matchStrength(terms: ReadonlySet<string>, query: Alternatives, credits: MatchCredits): number {
  const [own, ...others] = query.alternatives;
  if (own !== undefined && hasTerm(terms, own)) return 1;
  const variants = query.variants ?? [];
  const forms = query.forms ?? [];
  const creditOf = (s: string) => (variants.includes(s) ? credits.variantCredit : forms.includes(s) ? credits.formCredit : credits.synonymCredit);
  const met = others.filter((s) => hasTerm(terms, s));
  if (met.length > 0) return Math.max(...met.map(creditOf));
  return credits.rootCredit > 0 && sharesRoot(terms, query) ? credits.rootCredit : 0;
}

/** Whether `terms` hold a question term in any form: as written, a synonym, or a word of the same root. */
export function meetsAtAll(terms: ReadonlySet<string>, query: Alternatives): boolean {
  return query.alternatives.some((a) => hasTerm(terms, a)) || sharesRoot(terms, query);
}

/** What a vocabulary term may carry before each reading of a question term: a proclitic, a tense prefix. */
const BARE_PREFIXES = ['', ...CONJUNCTIONS, ...PREPOSITIONS];
const VERB_PREFIXES = ['', ...TENSE_PREFIXES, ...[...TENSE_PREFIXES].map((q) => FUTURE + q)];

/**
 * The vocabulary's terms that could meet `term` in `hasTerm`: a superset found by a few prefix
 * lookups. Two terms that are the same word (the rule above) share their first two letters (openTaa
 * changes only a last letter, and the shorter of two extending terms has MIN_PREFIX letters), so
 * for each reading of `term`, a term meeting it through that reading begins with the prefix the
 * reading read off (PROCLITIC, VERB_PREFIX) and the reading's first two letters.
 */
function meetingCandidates(vocabulary: Vocabulary, term: string): Set<string> {
  const starts = new Set<string>();
  const add = (reading: string, prefixes: readonly string[]) => prefixes.forEach((p) => starts.add(p + reading.slice(0, 2)));
  add(term, ['']);
  add(term.replace(PROCLITIC, ''), BARE_PREFIXES);
  add(term.replace(VERB_PREFIX, ''), VERB_PREFIXES);
  return new Set([...starts].flatMap((start) => vocabulary.withPrefix(start)));
}

/**
 * `meetsAtAll` over the archive's whole vocabulary, by lookups: whether any term of the archive
 * holds a question term in any form (as written, a synonym, a word of its root).
 */
export function inVocabulary(vocabulary: Vocabulary, query: Alternatives): boolean {
  if (query.alternatives.some((a) => hasTerm(meetingCandidates(vocabulary, a), a))) return true;
  const roots = [...new Set(query.alternatives.flatMap(rootsOf))];
  return roots.length > 0 && vocabulary.hasRoot(roots);
}
