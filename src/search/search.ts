/**
 * Question → ranked passages. Lexical candidates (FTS5 BM25 over Arabic-normalised, stemmed terms)
 * always; dense ones (HNSW over embeddings) too when a model is loaded. Each candidate's evidence
 * (features.ts) ranks it among the others and gives its score, the probability that it answers
 * (scorer.ts); the best-ranked candidate's evidence decides between citing and saying "not found".
 */
import { arabicAnalyzer, type Analyzer } from '../analysis/analyzer.js';
import type { Embedder } from '../embed/embedder.js';
import type { ArchiveStore, StoredPassage } from '../index/store.js';
import type { VectorIndex } from '../index/vector-index.js';
import { askedKind, holdsKind, type AnswerKind } from '../analysis/answer-kind.js';
import { translateQuestion } from '../analysis/bilingual.js';
import type { Dictionary } from '../analysis/freedict.js';
import { withoutMarks } from '../analysis/normalize.js';
import { dominantScript } from '../analysis/script.js';
import type { CandidateFeatures } from './features.js';
import { foundProbability, logit, probability, shippedCalibration, type LearnedModel } from './scorer.js';
import { coverage, rarestTerms } from './idf.js';
import { queryTerms, type QueryTerm } from './query.js';
import { DEFAULT_RANKING, type RankingOptions } from './ranking-options.js';

export interface Hit {
  id: number;
  /** Where the ranking model puts the passage among the question's candidates (a logit: higher first). */
  rank: number;
  /** The probability that the passage answers the question (scorer.ts), 0..1: the same scale in either mode. */
  score: number;
  /** Share of the question's weighted terms found in the passage (0..1). */
  coverage: number;
  /** Cosine similarity to the question, in hybrid mode. */
  similarity: number | null;
  /** The question is in another script than the passage (English against Arabic): only meaning can match. */
  crossLingual: boolean;
  /** What the score was computed from. */
  features: CandidateFeatures;
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
  /** Whether the archive answers the question: its best-ranked candidate reaches the "found" bar. */
  found: boolean;
  /** The score a passage after the first must reach to be cited. */
  threshold: number;
}

export interface SearchDeps {
  store: ArchiveStore;
  embedder: Embedder | null;
  vectors: VectorIndex | null;
  /** How text is read; default: the archive's Arabic analyzer. */
  analyzer?: Analyzer;
  /** Ranking knobs; default: DEFAULT_RANKING. */
  ranking?: RankingOptions;
  /** The learned model that turns a candidate's features into its score; default: the shipped lexical one. */
  scorer?: LearnedModel;
  /**
   * Lexical mode: an English–Arabic dictionary (read when first needed) for questions in Latin
   * script, which are then matched in Arabic words (analysis/bilingual.ts).
   */
  dictionary?: (() => Dictionary) | null;
}

const NO_TERMS: ReadonlySet<string> = new Set();

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

/** Each id's value minus the best value among the other ids (0 for a single id). */
function leads(ids: readonly number[], value: (id: number) => number): Map<number, number> {
  const sorted = ids.map(value).sort((a, b) => b - a);
  return new Map(ids.map((id) => {
    const v = value(id);
    const bestOther = v === sorted[0] ? (sorted[1] ?? v) : sorted[0]!;
    return [id, v - bestOther];
  }));
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
  const candidates = new Map<number, { passage: StoredPassage; passageTerms: ReadonlySet<string>; titleTerms: ReadonlySet<string>; coverage: number; bm25: number }>();
  const bm25 = new Map(lexical.map((r) => [r.id, r.bm25]));
  const addCandidates = (ids: number[]) => {
    const indexed = store.indexedTerms(ids);
    for (const passage of store.passages(ids)) {
      const stored = indexed.get(passage.id);
      if (!stored) continue;
      const cov = coverage(query, stored.body, stored.title, analyzer, options);
      candidates.set(passage.id, { passage, passageTerms: stored.body, titleTerms: stored.title, coverage: cov, bm25: bm25.get(passage.id) ?? 0 });
    }
  };
  addCandidates([...bm25.keys()]);
  // Textbook BM25 over the question's own terms (no other forms, no prefixes): a second lexical
  // opinion, whose candidates and ranks the score weighs beside coverage's.
  const plain = store.lexicalSearch([...new Set(analyzer.terms(matched))], options.candidates, {
    matchesLongerForms: () => false,
    titleWeight: options.bm25TitleWeight,
    bodyWeight: options.bm25BodyWeight,
  });
  const plainRankOf = new Map(plain.map((r, i) => [r.id, i]));
  addCandidates(plain.map((r) => r.id).filter((id) => !candidates.has(id)));
  const queryVector = embedding ? await embedding : null;
  const dense = queryVector && deps.vectors ? deps.vectors.search(queryVector, options.candidates) : [];
  addCandidates(dense.map((d) => d.id).filter((id) => !candidates.has(id)));

  // Lexical ranking: how much of the question a passage covers, BM25 breaking ties.
  const lexicalRanking = [...new Set([...bm25.keys(), ...plainRankOf.keys()])]
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
  const exact = { ...options, variantCredit: 0, formCredit: 0, synonymCredit: 0, rootCredit: 0 };
  const titleOnly = { ...options, titleCredit: 1 };
  const lexicalRankOf = new Map(lexicalRanking.map((id, i) => [id, i]));
  const denseRankOf = new Map([...similarity].sort((a, b) => b[1] - a[1]).map(([id], i) => [id, i]));
  const bestBm25 = Math.min(0, ...lexicalRanking.map((id) => candidates.get(id)!.bm25));
  const coverageLead = leads(ranked, (id) => candidates.get(id)!.coverage);
  const similarityLead = leads(ranked, (id) => similarity.get(id) ?? 0);
  const scorer = deps.scorer ?? shippedCalibration().lexical;

  const hits: Hit[] = ranked.map((id) => {
    const { bm25: rawBm25, passage, passageTerms, coverage: cov, titleTerms } = candidates.get(id)!;
    const sim = similarity.get(id) ?? null;
    const crossLingual = questionScript !== 'none' && questionScript !== dominantScript(passage.text);
    const lexicalRank = lexicalRankOf.get(id);
    const denseRank = denseRankOf.get(id);
    const cross = crossLingual && sim !== null ? 1 : 0;
    const features: CandidateFeatures = {
      coverage: cov,
      exactCoverage: coverage(query, passageTerms, titleTerms, analyzer, exact),
      coverageLead: coverageLead.get(id)!,
      titleCoverage: coverage(query, NO_TERMS, titleTerms, analyzer, titleOnly),
      lexicalRank: lexicalRank === undefined ? 0 : 1 / (1 + lexicalRank),
      bm25: lexicalRank === undefined || bestBm25 === 0 ? 0 : rawBm25 / bestBm25,
      plainRank: plainRankOf.has(id) ? 1 / (1 + plainRankOf.get(id)!) : 0,
      answerKind: kind !== null && holdsKind(passage.text, kind) ? 1 : 0,
      rareWord: Math.max(0, ...rarest.map((q) => analyzer.matchStrength(passageTerms, q, options))),
      similarity: sim ?? 0,
      similarityLead: sim === null ? 0 : similarityLead.get(id)!,
      denseRank: denseRank === undefined ? 0 : 1 / (1 + denseRank),
      crossLingual: cross,
      crossSimilarity: cross * (sim ?? 0),
      crossDenseRank: cross * (denseRank === undefined ? 0 : 1 / (1 + denseRank)),
    };
    return { id, rank: logit(scorer.ranking, features), score: probability(scorer, features), coverage: cov, similarity: sim, crossLingual, features, passageTerms, passage };
  });
  hits.sort((a, b) => b.rank - a.rank); // stable: equal ranks keep the lexical order
  const found = hits[0] !== undefined && foundProbability(scorer, hits[0].features) >= scorer.foundThreshold;
  return { query, hits, queryVector, kind, found, threshold: scorer.threshold };
}
