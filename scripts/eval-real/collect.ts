/**
 * Ask every question of a real archive once and keep what scoring needs: each candidate's features
 * and whether it is from the question's paragraph, plus where the textbook baselines put that
 * paragraph (BM25 over the analyzer's terms, the model alone by exact cosine, and their reciprocal
 * rank fusion), and what each costs. Any learned model can then be scored on the same candidates.
 */
import { withoutMarks } from '../../src/analysis/normalize.js';
import type { CandidateFeatures } from '../../src/search/features.js';
import { DEFAULT_RANKING, type RankingOptions } from '../../src/search/ranking-options.js';
import type { LearnedModel } from '../../src/search/scorer.js';
import { searchPassages } from '../../src/search/search.js';
import type { Dictionary } from '../../src/analysis/freedict.js';
import type { RealArchive, RealQuestion } from './corpus.js';

/** RRF's constant, as published (Cormack et al. 2009). */
export const RRF_K = 60;
/** How deep each baseline ranks. */
const BASELINE_DEPTH = 100;

export interface Candidate {
  features: CandidateFeatures;
  gold: boolean;
}

export interface Asked {
  question: RealQuestion;
  candidates: Candidate[];
  /** 1-based rank of the first passage of the question's paragraph, 0 when not in the list. */
  baselines: { bm25: number; dense: number | null; rrf: number | null };
  /** Milliseconds: sanad's search, BM25's, the model alone's (embedding and exact scan). */
  ms: { sanad: number; bm25: number; dense: number | null };
}

/** Reciprocal rank fusion of ranked id lists: Σ 1 / (k + rank). */
export function reciprocalRankFusion(rankings: readonly (readonly number[])[], k = RRF_K): number[] {
  const score = new Map<number, number>();
  for (const ranking of rankings) ranking.forEach((id, i) => score.set(id, (score.get(id) ?? 0) + 1 / (k + i + 1)));
  return [...score].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

const squash = (s: string) => s.replace(/\s+/gu, ' ');

/** Whether a passage (its file and text) is the question's answer. */
function answers(q: RealQuestion, file: string, text: string): boolean {
  return file === q.file && (!q.expect || q.expect.some((e) => squash(text).includes(squash(e))));
}

export async function collect(
  archive: RealArchive,
  scorer: LearnedModel,
  dictionary: (() => Dictionary) | null,
  questions: readonly RealQuestion[] = archive.questions,
  ranking: RankingOptions = DEFAULT_RANKING,
): Promise<Asked[]> {
  const { store, vectors, embedder, analyzer } = archive;
  const allIds = vectors ? store.vectorIds() : [];
  const files = new Map<number, string>();
  const fileOf = (id: number) => {
    if (!files.has(id)) files.set(id, store.passages([id])[0]?.article.file ?? '');
    return files.get(id)!;
  };
  const rankOf = (ids: readonly number[], file: string) => ids.findIndex((id) => fileOf(id) === file) + 1;
  const out: Asked[] = [];
  for (const question of questions) {
    let t = performance.now();
    const search = await searchPassages(question.question, { store, embedder, vectors, analyzer, ranking, dictionary, scorer });
    const sanadMs = performance.now() - t;
    for (const h of search.hits) files.set(h.id, h.passage.article.file);

    t = performance.now();
    const bm25 = store
      .lexicalSearch([...new Set(analyzer.terms(question.question))], BASELINE_DEPTH, {
        matchesLongerForms: () => false,
        titleWeight: DEFAULT_RANKING.bm25TitleWeight,
        bodyWeight: DEFAULT_RANKING.bm25BodyWeight,
      })
      .map((r) => r.id);
    const bm25Ms = performance.now() - t;

    let dense: number[] | null = null;
    let denseMs: number | null = null;
    if (embedder && vectors) {
      t = performance.now();
      const v = await embedder.embedQuery(withoutMarks(question.question));
      dense = [...vectors.similarities(v, allIds)].sort((a, b) => b[1] - a[1]).slice(0, BASELINE_DEPTH).map(([id]) => id);
      denseMs = performance.now() - t;
    }
    out.push({
      question,
      candidates: search.hits.map((h) => ({ features: h.features, gold: answers(question, h.passage.article.file, h.passage.text) })),
      baselines: {
        bm25: rankOf(bm25, question.file),
        dense: dense && rankOf(dense, question.file),
        rrf: dense && rankOf(reciprocalRankFusion([bm25, dense]), question.file),
      },
      ms: { sanad: sanadMs, bm25: bm25Ms, dense: denseMs },
    });
  }
  return out;
}
