/**
 * A question → the terms it is matched by. Each question term carries the other words it may
 * appear as in a passage (its proclitic read off, its synonyms) and a weight, so that both
 * ranking and the "not found" decision count what the question asks, not how it is worded.
 */
import { terms } from '../ingest/terms.js';
import type { ArchiveStore } from '../index/store.js';
import { idf } from './idf.js';
import { PROCLITIC } from './match.js';
import { SYNONYM_GROUPS } from './synonyms.js';

export interface QueryTerm {
  /** Terms that count as a match: the question's own (stemmed) term first, then its synonyms. */
  alternatives: string[];
  /**
   * √IDF of the term's commonest alternative: a concept the archive mentions everywhere tells
   * little, but damped, so that a passage meeting most of a question outranks one that meets only
   * its rarest word (see README, "Evaluation").
   */
  weight: number;
  /** The question's words, as typed, that this term was read from (to tell a reader what was not found). */
  words: string[];
}

/** Synonym groups by the stem of each member, built once. */
const SYNONYMS: Map<string, Set<string>> = (() => {
  const byStem = new Map<string, Set<string>>();
  for (const group of SYNONYM_GROUPS) {
    const stems = group.flatMap((word) => terms(word));
    for (const stem of stems) {
      const set = byStem.get(stem) ?? new Set<string>();
      for (const other of stems) set.add(other);
      byStem.set(stem, set);
    }
  }
  return byStem;
})();

/** Ways a question term may be read: as written, or without a one-letter proclitic. */
const readings = (term: string) => [term, term.replace(PROCLITIC, '')];

/**
 * A question term is read the way the archive uses it most: "لاوكرانيا" asks about "اوكرانيا".
 * Done against the vocabulary so that words whose first letter belongs to them ("لافروف") keep it;
 * the term's weight and the lexical candidates then follow the archive's own spelling. A term the
 * archive has under no reading is read as a word with synonyms if it is one ("لخروج" as "خروج").
 */
function bestReading(term: string, df: Map<string, number>): string {
  const better = (r: string, best: string) => {
    const [a, b] = [df.get(r) ?? 0, df.get(best) ?? 0];
    return a > b || (a === b && SYNONYMS.has(r) && !SYNONYMS.has(best));
  };
  return readings(term).reduce((best, r) => (better(r, best) ? r : best));
}

/** The question's words as typed (punctuation trimmed), each with the terms it yields. */
function askedWords(question: string): { word: string; terms: string[] }[] {
  return question
    .split(/\s+/u)
    .map((chunk) => chunk.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{M}\p{N}]+$/gu, ''))
    .map((word) => ({ word, terms: terms(word) }))
    .filter((w) => w.terms.length > 0);
}

/** The distinct terms of a question, each with its alternatives, weight and words, in question order. */
export function queryTerms(question: string, store: ArchiveStore): QueryTerm[] {
  const asked = askedWords(question);
  const raw = [...new Set(asked.flatMap((w) => w.terms))];
  const known = store.documentFrequencies([...new Set(raw.flatMap(readings))]);
  const readAs = new Map(raw.map((t) => [t, bestReading(t, known)]));
  const read = [...new Set(readAs.values())];
  const withSynonyms = read.map((term) => [term, ...[...(SYNONYMS.get(term) ?? [])].filter((s) => s !== term)]);
  const df = store.documentFrequencies([...new Set(withSynonyms.flat())]);
  const passages = store.passageCount();
  return withSynonyms.map((alternatives) => ({
    alternatives,
    weight: Math.sqrt(idf(Math.max(...alternatives.map((a) => df.get(a) ?? 0)), passages)),
    words: [...new Set(asked.filter((w) => w.terms.some((t) => readAs.get(t) === alternatives[0])).map((w) => w.word))],
  }));
}
