/**
 * Question → ranked passages. Lexical (FTS5 BM25 over Arabic-normalised, stemmed terms) always;
 * dense (HNSW over embeddings) too when a model is loaded, fused by reciprocal rank. Each hit
 * carries the signals the answer step needs to decide between citing and saying "not found".
 */
import type { Embedder } from '../embed/embedder.js';
import { terms } from '../ingest/terms.js';
import type { ArchiveStore } from '../index/store.js';
import type { VectorIndex } from '../index/vector-index.js';
import { reciprocalRankFusion } from './fusion.js';
import { coverage, termWeights } from './idf.js';

export interface Hit {
  id: number;
  score: number;
  /** Share of the question's weighted terms found in the passage (0..1). */
  coverage: number;
  /** Cosine similarity to the question, in hybrid mode. */
  similarity: number | null;
  /** The passage's matching terms, for near-duplicate checks. */
  passageTerms: Set<string>;
}

export interface SearchResult {
  queryTerms: string[];
  weights: Map<string, number>;
  hits: Hit[];
}

export interface SearchDeps {
  store: ArchiveStore;
  embedder: Embedder | null;
  vectors: VectorIndex | null;
}

const CANDIDATES = 50;

/** Rank passages for a question; `hits` best first. */
export async function searchPassages(question: string, deps: SearchDeps): Promise<SearchResult> {
  const { store } = deps;
  const queryTerms = terms(question);
  const weights = termWeights(queryTerms, store.documentFrequencies([...new Set(queryTerms)]), store.passageCount());

  const lexical = store.lexicalSearch(queryTerms, CANDIDATES);
  const bodyTerms = new Map(lexical.map((r) => [r.id, new Set(r.body.split(' '))]));
  const titles = store.passages(lexical.map((r) => r.id));
  const titleTerms = new Map(titles.map((p) => [p.id, new Set(terms(p.article.title))]));

  let dense: { id: number; similarity: number }[] = [];
  if (deps.embedder && deps.vectors && deps.vectors.size > 0) {
    dense = deps.vectors.search(await deps.embedder.embedQuery(question), CANDIDATES);
  }
  const similarity = new Map(dense.map((d) => [d.id, d.similarity]));

  const fused = dense.length > 0
    ? reciprocalRankFusion([lexical.map((r) => r.id), dense.map((d) => d.id)])
    : new Map(lexical.map((r) => [r.id, -r.bm25]));

  // Dense-only candidates need their terms too, for coverage and de-duplication.
  const missing = [...fused.keys()].filter((id) => !bodyTerms.has(id));
  for (const p of store.passages(missing)) {
    bodyTerms.set(p.id, new Set(terms(p.text)));
    titleTerms.set(p.id, new Set(terms(p.article.title)));
  }

  const hits: Hit[] = [...fused.entries()].map(([id, score]) => {
    const passageTerms = bodyTerms.get(id) ?? new Set<string>();
    return {
      id,
      score,
      coverage: coverage(weights, passageTerms, titleTerms.get(id)),
      similarity: similarity.get(id) ?? null,
      passageTerms,
    };
  });
  hits.sort((a, b) => b.score - a.score);
  return { queryTerms, weights, hits };
}
