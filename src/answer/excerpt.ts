/**
 * The excerpt: the sentence(s) of a passage that best answer the question, quoted verbatim from
 * the original text (a slice of it, never a normalised copy).
 */
import type { Analyzer } from '../analysis/analyzer.js';
import { holdsKind, type AnswerKind } from '../analysis/answer-kind.js';
import { sentenceSpans, wordCount, type Span } from '../ingest/sentences.js';
import type { WeightedTerm } from '../search/idf.js';
import type { RankingOptions } from '../search/ranking-options.js';

export interface Excerpt {
  text: string;
  /** Offsets of the excerpt in the passage text, for emphasis. */
  start: number;
  end: number;
  /** Weighted question terms its sentence holds; 0 when no question word picked it (a passage found by meaning). */
  score: number;
}

/** The excerpt starting at sentence `index`: a sentence shorter than `minExcerptWords` gets the next one added. */
export function excerptAt(text: string, spans: readonly Span[], index: number, score: number, options: RankingOptions): Excerpt {
  const start = spans[index]!.start;
  let end = spans[index]!.end;
  const next = spans[index + 1];
  if (next && wordCount(text.slice(start, end)) < options.minExcerptWords) end = next.end;
  return { text: text.slice(start, end), start, end, score };
}

/**
 * Pick the best-answering sentence span of `text` for the weighted query terms. A sentence holding
 * the kind of answer asked for (`kind`: the date of a "when" question) counts `excerptKindBonus` of
 * the question's weight more, among sentences that hold some question word. A sentence shorter than
 * `minExcerptWords` rarely stands alone; the next one is added for context.
 */
export function bestExcerpt(
  text: string,
  query: readonly WeightedTerm[],
  analyzer: Analyzer,
  options: RankingOptions,
  kind: AnswerKind | null = null,
): Excerpt {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return { text, start: 0, end: text.length, score: 0 };
  const kindBonus = options.excerptKindBonus * query.reduce((sum, q) => sum + q.weight, 0);
  let best = 0;
  let bestScore = 0;
  let bestRank = -1;
  spans.forEach((span, i) => {
    const sentence = text.slice(span.start, span.end);
    const sentenceTerms = new Set(analyzer.terms(sentence));
    let score = 0;
    for (const q of query) score += q.weight * analyzer.matchStrength(sentenceTerms, q, options);
    const rank = score > 0 && kind !== null && holdsKind(sentence, kind) ? score + kindBonus : score;
    if (rank > bestRank) {
      best = i;
      bestScore = score;
      bestRank = rank;
    }
  });
  return excerptAt(text, spans, best, bestScore, options);
}
