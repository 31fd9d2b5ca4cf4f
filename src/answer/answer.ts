/**
 * Ranked hits → the answer users see: the best passages, near-duplicates dropped, each with its
 * verbatim excerpt and citation; or answered=false when nothing is relevant enough to cite.
 */
import { matchStrength } from '../search/match.js';
import type { QueryTerm } from '../search/query.js';
import type { Hit, SearchResult } from '../search/search.js';
import type { Answer, AnswerResult } from '../types.js';
import { bestExcerpt } from './excerpt.js';

/** Relevance bars, tuned on test/eval/questions.jsonl (see README, "Evaluation"). */
export const THRESHOLDS = {
  /** The best passage must cover this share of the question's (√IDF) weight… */
  minCoverage: 0.3,
  /** …or, in hybrid mode, be at least this similar to the question. */
  minSimilarity: 0.9,
  /**
   * Further results must reach this share of the best one's coverage: √IDF weights compress
   * coverage, and 0.7 on them keeps about what half did on plain IDF (0.7² ≈ 0.5).
   */
  relativeCoverage: 0.7,
  /** Passages sharing this much of their terms (Jaccard) count as the same text. */
  duplicateJaccard: 0.8,
};

const relevant = (h: { coverage: number; similarity: number | null }, minCoverage: number) =>
  h.coverage >= minCoverage || (h.similarity ?? 0) >= THRESHOLDS.minSimilarity;

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * The question's words that no cited passage holds in any form (not even a synonym or a word of
 * the same root). An archive that names the person but not the topic asked about still yields
 * passages; saying which words they lack lets the reader judge them.
 */
function unmatchedWords(query: readonly QueryTerm[], cited: readonly Hit[]): string[] {
  const missing = query.filter((q) => cited.every((h) => matchStrength(h.passageTerms, q) === 0));
  return [...new Set(missing.flatMap((q) => q.words))];
}

/** Build the answer from search results; `top` results at most. */
export function composeAnswer(question: string, search: SearchResult, top: number): Answer {
  const best = search.hits.find((h) => relevant(h, THRESHOLDS.minCoverage));
  if (!best) return { question, answered: false, results: [], unmatched: [] };
  const floor = Math.max(best.coverage * THRESHOLDS.relativeCoverage, THRESHOLDS.minCoverage);

  const chosen: typeof search.hits = [];
  for (const hit of search.hits) {
    if (chosen.length >= top) break;
    if (!relevant(hit, floor)) continue;
    if (chosen.some((c) => jaccard(c.passageTerms, hit.passageTerms) >= THRESHOLDS.duplicateJaccard)) continue;
    chosen.push(hit);
  }
  const results: AnswerResult[] = chosen.map(({ passage: p, score }, i) => {
    const { id, title, source, date, file } = p.article;
    return {
      rank: i + 1,
      score: Number(score.toFixed(4)),
      text: p.text,
      excerpt: bestExcerpt(p.text, search.query).text,
      article: { id, title, source, date, file },
      position: p.position,
    };
  });
  return { question, answered: results.length > 0, results, unmatched: unmatchedWords(search.query, chosen) };
}
