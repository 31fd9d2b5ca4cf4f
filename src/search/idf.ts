/** Inverse document frequency and coverage: how much of a question a passage's terms answer. */
import { matchStrength, type Alternatives } from './match.js';

/** BM25's IDF, always positive; a term no passage has gets the highest weight. */
export function idf(docFrequency: number, passageCount: number): number {
  return Math.log((passageCount - docFrequency + 0.5) / (docFrequency + 0.5) + 1);
}

/** A question term with its weight. */
export interface WeightedTerm extends Alternatives {
  weight: number;
}

/**
 * Share of the question's weight that a passage's terms cover (0..1); title words count half.
 * A passage that matches only the common words of a question ("Lavrov", "Russia") covers little
 * of it: that is the signal to say "not found" instead of citing noise.
 */
export function coverage(query: readonly WeightedTerm[], passageTerms: ReadonlySet<string>, titleTerms: ReadonlySet<string> = new Set()): number {
  let total = 0;
  let matched = 0;
  for (const q of query) {
    total += q.weight;
    matched += q.weight * Math.max(matchStrength(passageTerms, q), matchStrength(titleTerms, q) / 2);
  }
  return total === 0 ? 0 : matched / total;
}
