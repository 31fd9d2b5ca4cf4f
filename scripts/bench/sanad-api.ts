/**
 * The few sanad internals the benchmark's peers need (the question's terms, the analyzer's `terms`),
 * looked up at run time so that the same benchmark also measures older checkouts of sanad, from
 * before the analyzer moved to src/analysis/. sanad itself is always driven through its public
 * facade (`openArchive`) or its real CLI.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface SanadInternals {
  /** The question's terms and their alternatives (synonyms, readings), as sanad's search uses them. */
  alternatives(question: string): string[];
  /** Whether a term also fetches the indexed words it begins (FTS5 prefix query). */
  prefix(term: string): boolean;
  /** Text → matching terms (normalise, stop words, stem). */
  terms(text: string): string[];
  close(): void;
}

type Loose = Record<string, (...args: unknown[]) => unknown>;
const load = async (root: string, path: string): Promise<Loose> => (await import(pathToFileURL(join(root, path)).href)) as Loose;

/** sanad's analysis over the index at `indexDir`, from the checkout at `root`. */
export async function sanadInternals(root: string, indexDir: string): Promise<SanadInternals> {
  const { ArchiveStore } = (await load(root, 'src/index/store.ts')) as unknown as { ArchiveStore: new (path: string) => { close(): void } };
  const { queryTerms } = await load(root, 'src/search/query.ts');
  const store = new ArchiveStore(join(indexDir, 'sanad.sqlite'));
  if (existsSync(join(root, 'src/analysis/analyzer.ts'))) {
    const { arabicAnalyzer } = await load(root, 'src/analysis/analyzer.ts');
    const { DEFAULT_RANKING } = (await load(root, 'src/search/ranking-options.ts')) as unknown as { DEFAULT_RANKING: unknown };
    const analyzer = arabicAnalyzer!() as { terms(t: string): string[]; matchesLongerForms(t: string): boolean };
    return {
      alternatives: (q) => (queryTerms!(q, store, analyzer, DEFAULT_RANKING) as { alternatives: string[] }[]).flatMap((t) => t.alternatives),
      prefix: (t) => analyzer.matchesLongerForms(t),
      terms: (t) => analyzer.terms(t),
      close: () => store.close(),
    };
  }
  const { terms } = await load(root, 'src/ingest/terms.ts');
  const { MIN_PREFIX } = (await load(root, 'src/search/match.ts')) as unknown as { MIN_PREFIX: number };
  return {
    alternatives: (q) => (queryTerms!(q, store) as { alternatives: string[] }[]).flatMap((t) => t.alternatives),
    prefix: (t) => t.length >= MIN_PREFIX,
    terms: (t) => terms!(t) as string[],
    close: () => store.close(),
  };
}
