/**
 * What is known of a candidate passage when it is scored: the evidence a learned model weighs into
 * the probability that the passage answers (scorer.ts). Every feature lies in a fixed range, so
 * that one set of weights serves questions of any length and archives of any size.
 */

export interface CandidateFeatures {
  /** Share of the question's weighted terms the passage holds in any form (credits applied), 0..1. */
  coverage: number;
  /** The same share counting only terms held as written (or with an affix left on), 0..1. */
  exactCoverage: number;
  /** coverage − the best coverage among the question's other candidates, −1..1: the leader's margin, or how far behind. */
  coverageLead: number;
  /**
   * Share of the question's weighted terms the article's title holds, 0..1: whether the passage's
   * article is about what the question asks of, not only mentions it.
   */
  titleCoverage: number;
  /** 1 / (1 + rank) in the lexical ranking (coverage, then BM25); 0 when only the model found it. */
  lexicalRank: number;
  /** Its BM25 over the best candidate's, 0..1; 0 when only the model found it. */
  bm25: number;
  /** 1 / (1 + rank) by textbook BM25 over the question's own terms; 0 when it did not find the passage. */
  plainRank: number;
  /** 1 when the question asks for a kind of answer (a date, a number…) and the passage holds one. */
  answerKind: number;
  /** How strongly the passage holds the question's rarest term, 0..1. */
  rareWord: number;
  /** Cosine similarity to the question (hybrid mode), −1..1; 0 in lexical mode. */
  similarity: number;
  /** similarity − the best similarity among the question's other candidates, −2..2. */
  similarityLead: number;
  /** 1 / (1 + rank) by similarity; 0 in lexical mode. */
  denseRank: number;
  /** 1 when question and passage are in different scripts (English against Arabic): only meaning can match. */
  crossLingual: number;
  /** crossLingual × similarity: cross-script cosines sit lower, and mean more. */
  crossSimilarity: number;
  /** crossLingual × denseRank. */
  crossDenseRank: number;
}

export type FeatureName = keyof CandidateFeatures;

/** Every feature, in the order calibration files list weights. */
export const FEATURE_NAMES: readonly FeatureName[] = [
  'coverage',
  'exactCoverage',
  'coverageLead',
  'titleCoverage',
  'lexicalRank',
  'bm25',
  'plainRank',
  'answerKind',
  'rareWord',
  'similarity',
  'similarityLead',
  'denseRank',
  'crossLingual',
  'crossSimilarity',
  'crossDenseRank',
];

/** The features that need an embedding. */
const DENSE_FEATURES: ReadonlySet<FeatureName> = new Set(['similarity', 'similarityLead', 'denseRank', 'crossLingual', 'crossSimilarity', 'crossDenseRank']);

/**
 * The features that depend on the question's other candidates (ranks, leads). The ranking model and
 * the "found" model weigh them; the answers model, a passage's own score, does not: whether a
 * further passage answers too does not hang on its being first.
 */
export const RELATIVE_FEATURES: ReadonlySet<FeatureName> = new Set(['coverageLead', 'lexicalRank', 'bm25', 'plainRank', 'similarityLead', 'denseRank', 'crossDenseRank']);

/** The features a lexical-mode model may weigh: none that needs an embedding. */
export const LEXICAL_FEATURES: readonly FeatureName[] = FEATURE_NAMES.filter((f) => !DENSE_FEATURES.has(f));
