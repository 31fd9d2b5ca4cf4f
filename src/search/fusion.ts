/** Reciprocal rank fusion: merges rankings whose scores are not comparable (BM25, cosine). */

/** Fuse several rankings of ids (best first) into one score per id; `k` is `RankingOptions.rrfK`. */
export function reciprocalRankFusion(rankings: number[][], k: number): Map<number, number> {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1)));
  }
  return scores;
}
