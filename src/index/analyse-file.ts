/**
 * One article file read, parsed and analysed: its articles, their passages and every passage's
 * matching terms, ready for the store but for vectors. Pure CPU once the file is read, so the
 * indexer may run it on a thread of its own (parse-thread.ts) while it writes the files before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analyzer } from '../analysis/analyzer.js';
import { IngestError } from '../ingest/errors.js';
import { toPassages } from '../ingest/passages.js';
import { readArticle } from '../ingest/read-article-file.js';
import type { NewArticle } from './store.js';

/** A file's articles with their passages' terms (vectors not yet computed: null), and what reading it repaired; or why it failed. */
export type AnalysedFile = { articles: NewArticle[]; warnings: string[] } | { failure: string };

/** Why a file was not indexed, fit to show an editor: an IngestError's reason, or what broke. */
export function failureReason(err: unknown): string {
  if (err instanceof IngestError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return `cannot read the file (${code})`;
  return `the file could not be indexed (${err instanceof Error ? err.message : String(err)})`;
}

/** Read, parse and analyse `file` of `dataDir`; whatever the file does to the parser fails it alone. */
export function analyseFile(dataDir: string, file: string, maxFileBytes: number, analyzer: Analyzer): AnalysedFile {
  try {
    const read = readArticle(file, readFileSync(join(dataDir, file)), maxFileBytes);
    const articles = read.articles.map((parsed) => ({
      parsed,
      titleTerms: analyzer.terms(parsed.title),
      passages: toPassages(parsed.paragraphs).map((passage) => ({ ...passage, terms: analyzer.terms(passage.text), vector: null })),
    }));
    return { articles, warnings: read.warnings };
  } catch (err) {
    return { failure: failureReason(err) };
  }
}
