/**
 * A question → the terms it is matched by. Each question term carries the other words it may
 * appear as in a passage (its proclitic read off, its synonyms) and a weight, so that both
 * ranking and the "not found" decision count what the question asks, not how it is worded.
 */
import type { Analyzer } from '../analysis/analyzer.js';
import type { ArchiveStore } from '../index/store.js';
import { rootsOf } from '../analysis/roots.js';
import { idf } from './idf.js';
import type { RankingOptions } from './ranking-options.js';

export interface QueryTerm {
  /** Terms that count as a match: the question's own (stemmed) term first, then its other spellings and synonyms. */
  alternatives: string[];
  /** Other spellings of the term in the archive (كابل / كابول), also listed in `alternatives`. */
  variants: string[];
  /** Other forms of the word in the archive (وزير / وزراء, انسحب / انسحاب), also listed in `alternatives`. */
  forms: string[];
  /**
   * IDF^idfExponent (√IDF by default) of the term's commonest alternative: a concept the archive
   * mentions everywhere tells little, but damped, so that a passage meeting most of a question
   * outranks one that meets only its rarest word (docs/tuning-history.md).
   */
  weight: number;
  /** Passages holding the term's commonest alternative (what `weight` is computed from). */
  documentFrequency: number;
  /** The question's words, as typed, that this term was read from (to tell a reader what was not found). */
  words: string[];
  /**
   * Whether some passage of the archive holds the term in any form (as written, a synonym, a word
   * of its root): an answer may say its passages lack a word only when the archive lacks it too.
   */
  inArchive: boolean;
  /** The archive's terms sharing a root with an alternative (read once, when a root match is first asked). */
  rootMates: ReadonlySet<string>;
}

/**
 * A question term is read the way the archive uses it most: "لاوكرانيا" asks about "اوكرانيا".
 * Done against the vocabulary so that words whose first letter belongs to them ("لافروف") keep it;
 * the term's weight and the lexical candidates then follow the archive's own spelling. A term the
 * archive has under no reading is read as a word with synonyms if it is one ("لخروج" as "خروج").
 */
function bestReading(term: string, df: Map<string, number>, analyzer: Analyzer): string {
  const hasSynonyms = (t: string) => analyzer.synonyms(t).length > 0;
  const better = (r: string, best: string) => {
    const [a, b] = [df.get(r) ?? 0, df.get(best) ?? 0];
    return a > b || (a === b && hasSynonyms(r) && !hasSynonyms(best));
  };
  return analyzer.readings(term).reduce((best, r) => (better(r, best) ? r : best));
}

/**
 * Each term's other forms (`Analyzer.forms`) that some passage of the archive holds, as written or
 * with a suffix the stemmer left on (the form "مفاوض" held as "مفاوضا", of "المفاوضات"). A form
 * that is also one of the term's synonyms stays a synonym: an editor listed it, and its credit is
 * its own.
 */
function formsInArchive(read: readonly string[], store: ArchiveStore, analyzer: Analyzer): Map<string, string[]> {
  const candidates = new Map(read.map((term) => [term, analyzer.forms(term).filter((f) => !analyzer.synonyms(term).includes(f))]));
  const df = store.documentFrequencies([...new Set([...candidates.values()].flat())]);
  const held = (form: string) => (df.get(form) ?? 0) > 0 || analyzer.hasTerm(new Set(store.vocabulary.withPrefix(form)), form);
  return new Map([...candidates].map(([term, forms]) => [term, forms.filter(held)]));
}

/** The question's words as typed (punctuation trimmed), each with the terms it yields. */
function askedWords(question: string, analyzer: Analyzer): { word: string; terms: string[] }[] {
  const words = question.split(/\s+/u).map((chunk) => chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, ''));
  const terms = analyzer.termsOfEach(words);
  return words.map((word, i) => ({ word, terms: terms[i]! })).filter((w) => w.terms.length > 0);
}

/** The distinct terms of a question, each with its alternatives, weight and words, in question order. */
export function queryTerms(question: string, store: ArchiveStore, analyzer: Analyzer, options: RankingOptions): QueryTerm[] {
  const asked = askedWords(question, analyzer);
  const raw = [...new Set(asked.flatMap((w) => w.terms))];
  const known = store.documentFrequencies([...new Set(raw.flatMap((t) => analyzer.readings(t)))]);
  const readAs = new Map(raw.map((t) => [t, bestReading(t, known, analyzer)]));
  const read = [...new Set(readAs.values())];
  const vocabulary = store.vocabulary;
  const variants = new Map(read.map((term) => [term, analyzer.variants(term, vocabulary)]));
  const forms = formsInArchive(read, store, analyzer);
  const withSynonyms = read.map((term) => [...new Set([term, ...variants.get(term)!, ...forms.get(term)!, ...analyzer.synonyms(term)])]);
  const df = store.documentFrequencies([...new Set(withSynonyms.flat())]);
  const passages = store.passageCount();
  return withSynonyms.map((alternatives) => {
    // Held as written is one lookup; held in another form needs a few more, done only when an
    // answer asks (a word the archive spells exactly never needs them).
    let held: boolean | undefined = alternatives.some((a) => (df.get(a) ?? 0) > 0) || undefined;
    let mates: ReadonlySet<string> | undefined;
    const documentFrequency = Math.max(...alternatives.map((a) => df.get(a) ?? 0));
    return {
      alternatives,
      variants: variants.get(alternatives[0]!)!,
      forms: forms.get(alternatives[0]!)!,
      weight: idf(documentFrequency, passages) ** options.idfExponent,
      documentFrequency,
      words: [...new Set(asked.filter((w) => w.terms.some((t) => readAs.get(t) === alternatives[0])).map((w) => w.word))],
      get inArchive(): boolean {
        held ??= analyzer.inVocabulary(vocabulary, { alternatives });
        return held;
      },
      get rootMates(): ReadonlySet<string> {
        mates ??= new Set(vocabulary.withRoot([...new Set(alternatives.flatMap(rootsOf))]));
        return mates;
      },
    };
  });
}
