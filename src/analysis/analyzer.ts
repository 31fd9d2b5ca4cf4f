/**
 * The Arabic analyzer: the one place that says how text becomes matching terms and when two terms
 * are the same word. Ingest and the index store what `terms` produces; search reads questions with
 * the same `terms` and meets passage terms through `hasTerm`, `synonyms` and roots. Changing how
 * text is analysed therefore changes every stage at once, and `version` tells the index to re-stem.
 *
 * Normalise (normalize.ts) → split and drop stop words (terms.ts, stopwords.ts) → stem (terms.ts);
 * form matching (match.ts), roots (roots.ts), other forms of a word (word-forms.ts, weak-verbs.ts),
 * spellings of one name (variants.ts) and synonym groups (synonyms.ts, synonyms.txt) on top.
 */
import { hasTerm, inVocabulary, matchStrength, meetsAtAll, MIN_PREFIX, PROCLITIC, type Alternatives, type MatchCredits } from './match.js';
import { normalizeArabic } from './normalize.js';
import { loadSynonymGroups, synonymTable } from './synonyms.js';
import { terms, termsOfEach, TERMS_VERSION } from './terms.js';
import { spellingVariants } from './variants.js';
import { otherForms } from './word-forms.js';
import { loadWeakVerbs, weakVerbTable } from './weak-verbs.js';
import { boundedMemo } from './bounded-memo.js';
import type { Vocabulary } from './vocabulary.js';

export type { Alternatives, MatchCredits, Vocabulary };

export interface Analyzer {
  /**
   * Names the indexed form `terms` produces (stemming rules and stop list). Synonyms are not part
   * of it: they apply at question time, so changing them needs no re-indexing.
   */
  readonly version: string;
  /** Matching form of a text: no diacritics or tatweel, one alef, ى→ي, ة→ه, ASCII digits, lower case. */
  normalize(text: string): string;
  /** The matching terms of a text, in order: normalised, stop words dropped, stemmed. */
  terms(text: string): string[];
  /**
   * The terms of each of a question's words, read together: a number written over several words
   * ("ثلاثة آلاف") is one term, 3000, that each of them yields.
   */
  termsOfEach(words: readonly string[]): string[][];
  /**
   * Whether the lexical index should also fetch terms that begin with `term`: a stem may meet
   * longer forms of itself (a suffix the light stemmer left on), from this length on.
   */
  matchesLongerForms(term: string): boolean;
  /** Ways a question term may be read: as written, and without a one-letter proclitic. */
  readings(term: string): string[];
  /** The other terms of `term`'s synonym groups (none when synonyms are off). */
  synonyms(term: string): readonly string[];
  /** Other spellings of `term` (a name: كابل / كابول) among the terms of the archive's `vocabulary`. */
  variants(term: string, vocabulary: Vocabulary): string[];
  /**
   * Other forms of `term` that Arabic makes by pattern from its root (وزير / وزراء, انسحب / انسحاب,
   * ينسحب / انسحب), and a weak verb's other tense (زار / يزور), as terms; whether the archive uses
   * them is for the caller to look up.
   */
  forms(term: string): string[];
  /** Whether `set` holds `term`, or a form of it with a suffix, proclitic or verb prefix left on. */
  hasTerm(set: ReadonlySet<string>, term: string): boolean;
  /** 1 as written, a credit (`MatchCredits`) in another spelling or form, through a synonym or a word of the same root, else 0. */
  matchStrength(set: ReadonlySet<string>, query: Alternatives, credits: MatchCredits): number;
  /** Whether `set` holds a question term in any form (as written, a synonym, a word of its root). */
  meetsAtAll(set: ReadonlySet<string>, query: Alternatives): boolean;
  /** `meetsAtAll` over the archive's whole vocabulary, by lookups. */
  inVocabulary(vocabulary: Vocabulary, query: Alternatives): boolean;
}

export interface AnalyzerOptions {
  /** Synonym groups (words as typed); default: src/analysis/synonyms.txt. `false` turns synonyms off. */
  synonymGroups?: readonly (readonly string[])[] | false;
}

/**
 * Question terms whose pattern forms an analyzer remembers: making them stems a dozen pattern words
 * per root, and news questions ask about the same words again and again.
 */
const FORMS_MEMO_LIMIT = 50_000;

/** Build an analyzer; the default one (shared, synonyms from synonyms.txt) is `arabicAnalyzer()`. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const groups = options.synonymGroups === false ? [] : (options.synonymGroups ?? loadSynonymGroups());
  const table = synonymTable(groups, terms);
  // Stemming the lexicon's few thousand forms takes 30–200 ms: done here, when the archive opens,
  // rather than on a first question (on the bot's own thread in hybrid mode).
  const verbForms = weakVerbTable(loadWeakVerbs(), terms);
  const verbFormsOf = (term: string) => verbForms.get(term) ?? [];
  const oneTerm = (word: string) => {
    const t = terms(word);
    return t.length === 1 ? t[0] : undefined;
  };
  return {
    version: TERMS_VERSION,
    normalize: normalizeArabic,
    terms,
    termsOfEach,
    matchesLongerForms: (term) => term.length >= MIN_PREFIX,
    readings: (term) => [term, term.replace(PROCLITIC, '')],
    synonyms: (term) => table.get(term) ?? [],
    variants: spellingVariants,
    forms: boundedMemo((term) => [...new Set([...otherForms(term, oneTerm), ...verbFormsOf(term)])], FORMS_MEMO_LIMIT),
    hasTerm,
    matchStrength,
    meetsAtAll,
    inVocabulary,
  };
}

let shared: Analyzer | undefined;

/** The analyzer of the archive: built once, on first use. */
export function arabicAnalyzer(): Analyzer {
  shared ??= createAnalyzer();
  return shared;
}
