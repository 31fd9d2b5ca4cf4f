/**
 * Hybrid ranking: a passage's lexical coverage of the question plus its weighted cosine similarity
 * to the question. Coverage says how much of the question a passage
 * holds; similarity says how close it is in meaning, which carries paraphrases and other languages
 * where coverage is flat. Measured on the tuning set, this blend beats reciprocal rank fusion,
 * which throws away how far apart two candidates are (README, "Hybrid mode").
 */

/** coverage + weight × similarity; `weight` is `RankingOptions.similarityWeight`. */
export function blendedScore(coverage: number, similarity: number, weight: number): number {
  return coverage + weight * similarity;
}

/**
 * How strongly a passage answers, for the "not found" decision: coverage, raised or lowered by how
 * far its similarity lies above or below the pivot, and by how much the question's words it lacks
 * add to that similarity. Near misses (a covered name, an uncovered topic) have middling coverage,
 * middling similarity, and missing words that pull away from the passage; a real answer is high on
 * one or the other, and its missing words are paraphrases that pull towards it.
 */
export function evidence(
  hit: { coverage: number; similarity: number; missingWordsSupport: number },
  options: { similarityPivot: number; evidenceWeight: number; missingWordsWeight: number },
): number {
  return hit.coverage + options.evidenceWeight * (hit.similarity - options.similarityPivot) + options.missingWordsWeight * hit.missingWordsSupport;
}
