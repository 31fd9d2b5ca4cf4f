/**
 * The excerpt: the sentence(s) of a passage that best answer the question, quoted verbatim from
 * the original text (a slice of it, never a normalised copy).
 */
import { sentenceSpans, wordCount } from '../ingest/sentences.js';
import { terms } from '../ingest/terms.js';
import type { WeightedTerm } from '../search/idf.js';
import { matchStrength } from '../search/match.js';

/** A sentence this short rarely stands alone; the next one is added for context. */
const MIN_EXCERPT_WORDS = 8;

export interface Excerpt {
  text: string;
  /** Offsets of the excerpt in the passage text, for emphasis. */
  start: number;
  end: number;
}

/** Pick the best-answering sentence span of `text` for the weighted query terms. */
export function bestExcerpt(text: string, query: readonly WeightedTerm[]): Excerpt {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return { text, start: 0, end: text.length };
  let best = 0;
  let bestScore = -1;
  spans.forEach((span, i) => {
    const sentenceTerms = new Set(terms(text.slice(span.start, span.end)));
    let score = 0;
    for (const q of query) score += q.weight * matchStrength(sentenceTerms, q);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  const start = spans[best]!.start;
  let end = spans[best]!.end;
  const next = spans[best + 1];
  if (next && wordCount(text.slice(start, end)) < MIN_EXCERPT_WORDS) end = next.end;
  return { text: text.slice(start, end), start, end };
}
