/** Shared data shapes that flow through the pipeline: ingest → embed → index → search → answer. */

/** One article as read from a file under DATA_DIR (a file may hold several). */
export interface ParsedArticle {
  /** Path relative to DATA_DIR, with forward slashes. */
  file: string;
  /** 0 for the file's main article, 1.. for further articles found in the same file. */
  part: number;
  title: string;
  /** ISO YYYY-MM-DD, or null when the page carries no usable date. */
  date: string | null;
  /** Outlet / news agency, or null when unknown. */
  source: string | null;
  section: string | null;
  /** Paragraphs of body text, original wording, boilerplate removed. */
  paragraphs: string[];
}

/** A retrievable unit of text: one paragraph, or a merge / split of paragraphs. */
export interface Passage {
  /** 0-based order within its article. */
  position: number;
  /** Original text, shown to users verbatim. */
  text: string;
  /** sha256 of the original text, used for incremental indexing. */
  hash: string;
}

/** Article metadata as stored and cited. `id` is stable across re-indexing of an unchanged file. */
export interface ArticleInfo {
  id: string;
  title: string;
  source: string | null;
  date: string | null;
  section: string | null;
  file: string;
  passages: number;
}

export interface AnswerResult {
  rank: number;
  score: number;
  text: string;
  excerpt: string;
  article: CitedArticle;
  position: number;
  /** Other articles that ran this passage (wire copies, a page saved twice), earliest first. */
  alsoIn: CitedArticle[];
}

/** What a result cites of an article. */
export interface CitedArticle {
  id: string;
  title: string;
  source: string | null;
  date: string | null;
  file: string;
}

export interface Answer {
  question: string;
  answered: boolean;
  results: AnswerResult[];
  /** Words of the question (as typed) that none of the results holds in any form; empty when not answered. */
  unmatched: string[];
  /**
   * Set when the question could not be read at all, rather than not answered: 'english' is an
   * English question in an archive with neither the embedding model nor the English–Arabic dictionary.
   */
  unread?: 'english';
  /**
   * Hybrid mode, while the archive is being embedded: how many of its passages have no vector yet
   * and were matched by their words only (absent when every passage was matched by meaning too).
   */
  unembedded?: number;
}

/** How English questions are read: by the embedding model's meaning, word by word through the dictionary, or not at all. */
export type EnglishReading = 'model' | 'dictionary' | 'none';

export interface IndexFailure {
  file: string;
  reason: string;
}

/** A file indexed with a repair its editor should know of (invalid bytes replaced, mixed encodings). */
export interface IndexWarning {
  file: string;
  warning: string;
}

export interface IndexReport {
  articles: number;
  passages: number;
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  failed: IndexFailure[];
  /** Files indexed with a repair (set by every index run). */
  warnings?: IndexWarning[];
  /**
   * Set when more of the indexed files were gone from DATA_DIR than a run removes unasked
   * (indexer.ts MASS_REMOVAL_SHARE): `files` of the `of` indexed stay indexed.
   */
  withheld?: { files: number; of: number };
  mode: 'hybrid' | 'lexical';
}

export type SearchMode = 'hybrid' | 'lexical';

/** A file saved into DATA_DIR and indexed: its name there and the articles read from it. */
export interface AddedFile {
  file: string;
  articles: ArticleInfo[];
  /** Repairs made while reading it (invalid bytes replaced, mixed encodings), to tell the uploader. */
  warnings: string[];
}
