/** Inverse document frequency: how much a matched term tells (rare terms tell more). */

/** BM25's IDF, always positive; a term no passage has gets the highest weight. */
export function idf(docFrequency: number, passageCount: number): number {
  return Math.log((passageCount - docFrequency + 0.5) / (docFrequency + 0.5) + 1);
}

/** Weight each distinct query term by its IDF. */
export function termWeights(queryTerms: string[], frequencies: Map<string, number>, passageCount: number): Map<string, number> {
  return new Map([...new Set(queryTerms)].map((t) => [t, idf(frequencies.get(t) ?? 0, passageCount)]));
}

/**
 * Share of the question's IDF weight that a passage's terms cover (0..1). A passage that matches
 * only the common words of a question ("Lavrov", "Russia") covers little of it: that is the
 * signal to say "not found" instead of citing noise.
 */
export function coverage(weights: Map<string, number>, passageTerms: ReadonlySet<string>, titleTerms: ReadonlySet<string> = new Set()): number {
  let total = 0;
  let matched = 0;
  for (const [term, w] of weights) {
    total += w;
    if (hasTerm(passageTerms, term)) matched += w;
    else if (hasTerm(titleTerms, term)) matched += w / 2;
  }
  return total === 0 ? 0 : matched / total;
}

/** Shortest stem that may match longer words it begins (stems are light; "صين" meets "صيني"). */
export const MIN_PREFIX = 3;

/** The term itself, or one that begins with it or that it begins with (light stems leave suffixes). */
export function hasTerm(set: ReadonlySet<string>, term: string): boolean {
  if (set.has(term)) return true;
  if (term.length < MIN_PREFIX) return false;
  for (const t of set) if (t.startsWith(term) || (t.length >= MIN_PREFIX && term.startsWith(t))) return true;
  return false;
}
