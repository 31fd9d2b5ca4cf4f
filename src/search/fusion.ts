/**
 * Hybrid ranking: a passage's lexical coverage of the question, plus its cosine similarity to the
 * question measured from the best candidate's. Coverage says how much of the question a passage
 * holds; similarity says how close it is in meaning, which carries paraphrases and other languages
 * where coverage is flat. Measured on the tuning set, this blend beats reciprocal rank fusion,
 * which throws away how far apart two candidates are (README, "Hybrid mode").
 */

/** coverage + weight × (similarity − best similarity); `weight` is `RankingOptions.similarityWeight`. */
export function blendedScore(coverage: number, similarity: number, bestSimilarity: number, weight: number): number {
  return coverage + weight * (similarity - bestSimilarity);
}

/**
 * How strongly a passage answers, for the "not found" decision: coverage, raised or lowered by how
 * far its similarity lies above or below `pivot`. Near misses (a covered name, an uncovered topic)
 * have middling coverage and middling similarity; a real answer is high on one or the other.
 */
export function evidence(coverage: number, similarity: number, pivot: number, weight: number): number {
  return coverage + weight * (similarity - pivot);
}
