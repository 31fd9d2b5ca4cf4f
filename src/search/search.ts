/**
 * Question → ranked passages. Lexical (FTS5 BM25 over Arabic-normalised, stemmed terms) always;
 * dense (HNSW over embeddings) too when a model is loaded, blended with coverage (fusion.ts). Each
 * hit carries the signals the answer step needs to decide between citing and saying "not found".
 */
import { arabicAnalyzer, type Analyzer } from '../analysis/analyzer.js';
import type { Embedder } from '../embed/embedder.js';
import type { ArchiveStore, StoredPassage } from '../index/store.js';
import type { VectorIndex } from '../index/vector-index.js';
import { askedKind, holdsKind, type AnswerKind } from '../analysis/answer-kind.js';
import { translateQuestion } from '../analysis/bilingual.js';
import type { Dictionary } from '../analysis/freedict.js';
import { withoutMarks } from '../analysis/normalize.js';
import { dominantScript, withoutWords } from '../analysis/script.js';
import { blendedScore } from './fusion.js';
import { coverage, rarestTerms } from './idf.js';
import { queryTerms, type QueryTerm } from './query.js';
import { DEFAULT_RANKING, type RankingOptions } from './ranking-options.js';

export interface Hit {
  id: number;
  /**
   * Ranking score: coverage in lexical mode, coverage blended with similarity in hybrid mode, plus
   * `answerKindBonus` when the passage holds the kind of answer asked for, plus `rareWordBonus` when
   * it holds the question's rarest word.
   */
  score: number;
  /** Share of the question's weighted terms found in the passage (0..1). */
  coverage: number;
  /** Cosine similarity to the question, in hybrid mode. */
  similarity: number | null;
  /** The question is in another script than the passage (English against Arabic): only meaning can match. */
  crossLingual: boolean;
  /**
   * For the best hit in hybrid mode: how much the question's words this passage does not hold add to
   * its similarity (similarity of the question − of the question without them). Near zero or below
   * when those words name a topic the passage does not treat (a near miss); above zero when they
   * paraphrase what it says. 0 when not measured.
   */
  missingWordsSupport: number;
  /** The passage's matching terms, for near-duplicate checks. */
  passageTerms: ReadonlySet<string>;
  passage: StoredPassage;
}

export interface SearchResult {
  query: QueryTerm[];
  hits: Hit[];
  /** The question's embedding (hybrid mode), computed once and reused for excerpts. */
  queryVector: Float32Array | null;
  /** The kind of answer the question asks for (a date, a number…), or null; excerpts prefer a sentence holding it. */
  kind: AnswerKind | null;
}

export interface SearchDeps {
  store: ArchiveStore;
  embedder: Embedder | null;
  vectors: VectorIndex | null;
  /** How text is read; default: the archive's Arabic analyzer. */
  analyzer?: Analyzer;
  /** Ranking knobs; default: DEFAULT_RANKING. */
  ranking?: RankingOptions;
  /**
   * Lexical mode: an English–Arabic dictionary (read when first needed) for questions in Latin
   * script, which are then matched in Arabic words (analysis/bilingual.ts).
   */
  dictionary?: (() => Dictionary) | null;
}

/** Shortest term a transliterated name may be read as: shorter ones are common words (سام, كيم). */
const MIN_NAME_LETTERS = 4;

/**
 * The text a question is matched by: as asked, or, in lexical mode with a dictionary, a Latin-script
 * question's words in Arabic (the model matches it by meaning in hybrid mode).
 */
function matchedText(question: string, deps: SearchDeps, analyzer: Analyzer): string {
  if (deps.embedder || !deps.dictionary || dominantScript(question) !== 'latin') return question;
  const { store } = deps;
  return translateQuestion(question, deps.dictionary(), {
    isStopWord: (word) => analyzer.terms(word).length === 0,
    inArchive: (word) => {
      const terms = analyzer.terms(word);
      const df = store.documentFrequencies(terms);
      return terms.length > 0 && terms.every((t) => (df.get(t) ?? 0) > 0);
    },
    archiveName: (spellings) => {
      // Each spelling as the archive's words were stemmed; of those the archive holds, the ones
      // writing the most vowels (news writes a foreign name's vowels), then the commonest.
      const terms = spellings.map((s) => ({ s, t: analyzer.terms(s.arabic) })).filter(({ t }) => t.length === 1 && [...t[0]!].length >= MIN_NAME_LETTERS);
      const df = store.documentFrequencies([...new Set(terms.map(({ t }) => t[0]!))]);
      const held = terms.filter(({ t }) => (df.get(t[0]!) ?? 0) > 0);
      const most = Math.max(...held.map(({ s }) => s.vowels));
      return held.filter(({ s }) => s.vowels === most).sort((a, b) => df.get(b.t[0]!)! - df.get(a.t[0]!)!)[0]?.s.arabic;
    },
  });
}

/** Rank passages for a question; `hits` best first. */
export async function searchPassages(question: string, deps: SearchDeps): Promise<SearchResult> {
  const { store } = deps;
  const analyzer = deps.analyzer ?? arabicAnalyzer();
  const options = deps.ranking ?? DEFAULT_RANKING;
  // The question's embedding is asked for first: with the model on a thread of its own
  // (embed-thread.ts), the lexical half below runs meanwhile.
  const embedding = deps.embedder && deps.vectors && deps.vectors.size > 0 ? deps.embedder.embedQuery(withoutMarks(question)) : null;
  embedding?.catch(() => undefined); // awaited below; a failure must not go unhandled should the lexical half throw first
  const matched = matchedText(question, deps, analyzer);
  const query = queryTerms(matched, store, analyzer, options);
  const lexical = store.lexicalSearch(query.flatMap((q) => q.alternatives), options.candidates, {
    matchesLongerForms: (t) => analyzer.matchesLongerForms(t),
    titleWeight: options.bm25TitleWeight,
    bodyWeight: options.bm25BodyWeight,
  });

  // Terms and coverage of every candidate, from either retriever.
  const candidates = new Map<number, { passage: StoredPassage; passageTerms: ReadonlySet<string>; coverage: number; bm25: number }>();
  const bm25 = new Map(lexical.map((r) => [r.id, r.bm25]));
  const addCandidates = (ids: number[]) => {
    const indexed = store.indexedTerms(ids);
    for (const passage of store.passages(ids)) {
      const stored = indexed.get(passage.id);
      if (!stored) continue;
      const cov = coverage(query, stored.body, stored.title, analyzer, options);
      candidates.set(passage.id, { passage, passageTerms: stored.body, coverage: cov, bm25: bm25.get(passage.id) ?? 0 });
    }
  };
  addCandidates([...bm25.keys()]);
  const queryVector = embedding ? await embedding : null;
  const dense = queryVector && deps.vectors ? deps.vectors.search(queryVector, options.candidates) : [];
  addCandidates(dense.map((d) => d.id).filter((id) => !bm25.has(id)));

  // Lexical ranking: how much of the question a passage covers, BM25 breaking ties.
  const lexicalRanking = [...bm25.keys()]
    .filter((id) => candidates.has(id))
    .sort((a, b) => candidates.get(b)!.coverage - candidates.get(a)!.coverage || candidates.get(a)!.bm25 - candidates.get(b)!.bm25);
  // Every candidate's similarity: the graph search's for those it returned, computed for the others.
  const similarity = new Map(dense.map((d) => [d.id, d.similarity]));
  if (queryVector && deps.vectors) {
    for (const [id, sim] of deps.vectors.similarities(queryVector, [...candidates.keys()].filter((id) => !similarity.has(id)))) similarity.set(id, sim);
  }
  const ranked = queryVector
    ? [...new Set([...lexicalRanking, ...candidates.keys()])].filter((id) => similarity.has(id))
    : lexicalRanking;
  // A question read in Arabic words is matched as an Arabic one: only one asked by meaning across scripts is cross-lingual.
  const questionScript = dominantScript(matched);
  const kind = askedKind(question);
  const rarest = rarestTerms(query);
  // Bonuses reorder only passages that cover enough of the question to be cited: the best-ranked
  // passage is then relevant whenever any is, and "not found" stays a matter of coverage.
  const bonus = (text: string, terms: ReadonlySet<string>) =>
    (kind !== null && holdsKind(text, kind) ? options.answerKindBonus : 0) +
    options.rareWordBonus * Math.max(0, ...rarest.map((q) => analyzer.matchStrength(terms, q, options)));

  const hits: Hit[] = ranked.map((id) => {
    const { bm25: _bm25, ...candidate } = candidates.get(id)!;
    const sim = similarity.get(id) ?? null;
    const base = sim === null ? candidate.coverage : blendedScore(candidate.coverage, sim, options.similarityWeight);
    const score = base + (candidate.coverage >= options.minCoverage ? bonus(candidate.passage.text, candidate.passageTerms) : 0);
    const passageScript = dominantScript(candidate.passage.text);
    const crossLingual = questionScript !== 'none' && questionScript !== passageScript;
    return { id, score, ...candidate, similarity: sim, crossLingual, missingWordsSupport: 0 };
  });
  hits.sort((a, b) => b.score - a.score); // stable: equal coverage keeps BM25 order
  const best = hits[0];
  if (best && queryVector && deps.embedder && deps.vectors && !best.crossLingual) {
    best.missingWordsSupport = await missingWordsSupport(question, query, best, deps.embedder, deps.vectors, analyzer);
  }
  return { query, hits, queryVector, kind };
}

/** See `Hit.missingWordsSupport`: one more embedding, of the question without the words `hit` lacks. */
async function missingWordsSupport(
  question: string,
  query: readonly QueryTerm[],
  hit: Hit,
  embedder: Embedder,
  vectors: VectorIndex,
  analyzer: Analyzer,
): Promise<number> {
  const missing = query.filter((q) => !analyzer.meetsAtAll(hit.passageTerms, q)).flatMap((q) => q.words);
  if (missing.length === 0) return 0;
  const reduced = withoutWords(question, missing);
  if (!/\p{L}/u.test(reduced)) return 0;
  const without = vectors.similarities(await embedder.embedQuery(withoutMarks(reduced)), [hit.id]).get(hit.id);
  return hit.similarity === null || without === undefined ? 0 : hit.similarity - without;
}
