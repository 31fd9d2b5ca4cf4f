/** Reciprocal rank fusion: merges rankings whose scores are not comparable (BM25, cosine). */

export const RRF_K = 60;

/** Fuse several rankings of ids (best first) into one score per id. */
export function reciprocalRankFusion(rankings: number[][], k = RRF_K): Map<number, number> {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1)));
  }
  return scores;
}
