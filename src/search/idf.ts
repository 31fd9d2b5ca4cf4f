/** Inverse document frequency and coverage: how much of a question a passage's terms answer. */
import type { Alternatives, Analyzer } from '../analysis/analyzer.js';
import type { RankingOptions } from './ranking-options.js';

/** BM25's IDF, always positive; a term no passage has gets the highest weight. */
export function idf(docFrequency: number, passageCount: number): number {
  return Math.log((passageCount - docFrequency + 0.5) / (docFrequency + 0.5) + 1);
}

/** A question term with its weight. */
export interface WeightedTerm extends Alternatives {
  weight: number;
}

/**
 * Share of the question's weight that a passage's terms cover (0..1); title words count
 * `titleCredit`. A passage that matches only the common words of a question ("Lavrov", "Russia")
 * covers little of it: that is the signal to say "not found" instead of citing noise.
 */
export function coverage(
  query: readonly WeightedTerm[],
  passageTerms: ReadonlySet<string>,
  titleTerms: ReadonlySet<string>,
  analyzer: Analyzer,
  options: RankingOptions,
): number {
  let total = 0;
  let matched = 0;
  for (const q of query) {
    total += q.weight;
    const inTitle = options.titleCredit > 0 ? analyzer.matchStrength(titleTerms, q, options) * options.titleCredit : 0;
    matched += q.weight * Math.max(analyzer.matchStrength(passageTerms, q, options), inTitle);
  }
  return total === 0 ? 0 : matched / total;
}

/**
 * The question's rarest terms: those the fewest passages hold (at least one does; a word the
 * archive lacks points nowhere). None for a one-term question, where rarity decides nothing.
 */
export function rarestTerms<T extends WeightedTerm & { documentFrequency: number }>(query: readonly T[]): T[] {
  const held = query.filter((q) => q.documentFrequency > 0);
  if (query.length < 2 || held.length === 0) return [];
  const least = Math.min(...held.map((q) => q.documentFrequency));
  return held.filter((q) => q.documentFrequency === least);
}
