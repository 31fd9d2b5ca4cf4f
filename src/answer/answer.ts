/**
 * Ranked hits → the answer users see: the best passages, each with its verbatim excerpt and
 * citation, and the other articles that ran the same passage (near copies fold into one result); or answered=false when nothing is relevant enough to cite. One
 * rule decides both: a passage is cited, in rank order, when its score (the probability that it
 * answers) reaches the scoring model's bar, and none is when the best-ranked one does not;
 * `duplicateJaccard` (RankingOptions) says when two are one.
 */
import { arabicAnalyzer, type Analyzer } from '../analysis/analyzer.js';
import type { QueryTerm } from '../search/query.js';
import { DEFAULT_RANKING, type RankingOptions } from '../search/ranking-options.js';
import type { Hit, SearchResult } from '../search/search.js';
import type { Answer, AnswerResult, CitedArticle } from '../types.js';
import type { Embedder } from '../embed/embedder.js';
import { bestExcerpt } from './excerpt.js';
import { excerptByMeaning } from './meaning-excerpt.js';

export interface AnswerOptions {
  /** How many results at most. */
  top: number;
  /** Ranking knobs; default: DEFAULT_RANKING. */
  ranking?: RankingOptions;
  /** The analyzer the search used; default: the archive's Arabic analyzer. */
  analyzer?: Analyzer;
  /** The model (hybrid mode): passages no question word points into get the sentence closest in meaning. */
  embedder?: Embedder | null;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
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

const citation = ({ id, title, source, date, file }: Hit['passage']['article']): CitedArticle => ({ id, title, source, date, file });

/** The other articles that ran a cited passage: one each, earliest first (undated last). */
function alsoIn(copies: readonly Hit[]): CitedArticle[] {
  const articles = new Map(copies.map((c) => [c.passage.article.id, citation(c.passage.article)]));
  return [...articles.values()].sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.file.localeCompare(b.file));
}

/** Build the answer from search results. */
export async function composeAnswer(question: string, search: SearchResult, opts: AnswerOptions): Promise<Answer> {
  const options = opts.ranking ?? DEFAULT_RANKING;
  const analyzer = opts.analyzer ?? arabicAnalyzer();
  // The best-ranked passage decides "not found"; further ones are cited, in rank order, where their score reaches the bar.
  if (!search.found) return { question, answered: false, results: [], unmatched: [] };
  // A copy of a cited passage (a wire story several outlets ran, a page saved twice) is not a result
  // of its own: the cited one names every article that ran it. Copies are looked for among every
  // candidate, so that one ranked below the last result is named too.
  const chosen: { hit: Hit; copies: Hit[] }[] = [];
  for (const hit of search.hits) {
    const original = chosen.find((c) => jaccard(c.hit.passageTerms, hit.passageTerms) >= options.duplicateJaccard);
    if (original) {
      if (original.hit.passage.article.id !== hit.passage.article.id) original.copies.push(hit);
      continue;
    }
    if (chosen.length < opts.top && (chosen.length === 0 || hit.score >= search.threshold)) chosen.push({ hit, copies: [] });
  }
  if (chosen.length === 0) return { question, answered: false, results: [], unmatched: [] }; // top 0
  const results: AnswerResult[] = [];
  for (const [i, { hit: { passage: p, score }, copies }] of chosen.entries()) {
    let excerpt = bestExcerpt(p.text, search.query, analyzer, options, search.kind);
    if (excerpt.score === 0 && search.queryVector && opts.embedder) {
      excerpt = await excerptByMeaning(p.text, search.queryVector, opts.embedder, options);
    }
    results.push({
      rank: i + 1,
      score: Number(score.toFixed(4)),
      text: p.text,
      excerpt: excerpt.text,
      article: citation(p.article),
      position: p.position,
      alsoIn: alsoIn(copies),
    });
  }
  const cited = chosen.map((c) => c.hit);
  // Across scripts, a word is never "in" a passage: the line would list every word of the question.
  const unmatched = cited.some((h) => h.crossLingual) ? [] : unmatchedWords(search.query, cited, analyzer);
  return { question, answered: results.length > 0, results, unmatched };
}
