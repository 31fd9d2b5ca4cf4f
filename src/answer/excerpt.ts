/**
 * The excerpt: the sentence(s) of a passage that best answer the question, quoted verbatim from
 * the original text (a slice of it, never a normalised copy).
 */
import type { Analyzer } from '../analysis/analyzer.js';
import { sentenceSpans, wordCount } from '../ingest/sentences.js';
import type { WeightedTerm } from '../search/idf.js';
import type { RankingOptions } from '../search/ranking-options.js';

export interface Excerpt {
  text: string;
  /** Offsets of the excerpt in the passage text, for emphasis. */
  start: number;
  end: number;
}

/**
 * Pick the best-answering sentence span of `text` for the weighted query terms. A sentence shorter
 * than `minExcerptWords` rarely stands alone; the next one is added for context.
 */
export function bestExcerpt(text: string, query: readonly WeightedTerm[], analyzer: Analyzer, options: RankingOptions): Excerpt {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return { text, start: 0, end: text.length };
  let best = 0;
  let bestScore = -1;
  spans.forEach((span, i) => {
    const sentenceTerms = new Set(analyzer.terms(text.slice(span.start, span.end)));
    let score = 0;
    for (const q of query) score += q.weight * analyzer.matchStrength(sentenceTerms, q, options);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  const start = spans[best]!.start;
  let end = spans[best]!.end;
  const next = spans[best + 1];
  if (next && wordCount(text.slice(start, end)) < options.minExcerptWords) end = next.end;
  return { text: text.slice(start, end), start, end };
}
