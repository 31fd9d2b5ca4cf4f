/**
 * Ranked hits → the answer users see: the best passages, near-duplicates dropped, each with its
 * verbatim excerpt and citation; or answered=false when nothing is relevant enough to cite.
 * The bars (minCoverage, minSimilarity, relativeCoverage, duplicateJaccard) are `RankingOptions`.
 */
import { arabicAnalyzer, type Analyzer } from '../analysis/analyzer.js';
import type { QueryTerm } from '../search/query.js';
import { DEFAULT_RANKING, type RankingOptions } from '../search/ranking-options.js';
import type { Hit, SearchResult } from '../search/search.js';
import type { Answer, AnswerResult } from '../types.js';
import { bestExcerpt } from './excerpt.js';

export interface AnswerOptions {
  /** How many results at most. */
  top: number;
  /** Ranking knobs; default: DEFAULT_RANKING. */
  ranking?: RankingOptions;
  /** The analyzer the search used; default: the archive's Arabic analyzer. */
  analyzer?: Analyzer;
}

const relevant = (h: { coverage: number; similarity: number | null }, minCoverage: number, options: RankingOptions) =>
  h.coverage >= minCoverage || (h.similarity ?? 0) >= options.minSimilarity;

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * The question's words that no cited passage holds in any form (not even a synonym or a word of
 * the same root), and no other passage of the archive either. An archive that names the person
 * but not the topic asked about still yields passages; saying which words they lack lets the
 * reader judge them. A word another passage holds is not named: "not in these passages" must not
 * read as "not in the archive" when the archive has it.
 */
function unmatchedWords(query: readonly QueryTerm[], cited: readonly Hit[], analyzer: Analyzer): string[] {
  const missing = query.filter((q) => !q.inArchive && cited.every((h) => !analyzer.meetsAtAll(h.passageTerms, q)));
  return [...new Set(missing.flatMap((q) => q.words))];
}

/** Build the answer from search results. */
export function composeAnswer(question: string, search: SearchResult, opts: AnswerOptions): Answer {
  const options = opts.ranking ?? DEFAULT_RANKING;
  const analyzer = opts.analyzer ?? arabicAnalyzer();
  const best = search.hits.find((h) => relevant(h, options.minCoverage, options));
  if (!best) return { question, answered: false, results: [], unmatched: [] };
  const floor = Math.max(best.coverage * options.relativeCoverage, options.minCoverage);

  const chosen: typeof search.hits = [];
  for (const hit of search.hits) {
    if (chosen.length >= opts.top) break;
    if (!relevant(hit, floor, options)) continue;
    if (chosen.some((c) => jaccard(c.passageTerms, hit.passageTerms) >= options.duplicateJaccard)) continue;
    chosen.push(hit);
  }
  const results: AnswerResult[] = chosen.map(({ passage: p, score }, i) => {
    const { id, title, source, date, file } = p.article;
    return {
      rank: i + 1,
      score: Number(score.toFixed(4)),
      text: p.text,
      excerpt: bestExcerpt(p.text, search.query, analyzer, options).text,
      article: { id, title, source, date, file },
      position: p.position,
    };
  });
  return { question, answered: results.length > 0, results, unmatched: unmatchedWords(search.query, chosen, analyzer) };
}
