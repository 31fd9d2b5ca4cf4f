/**
 * DATA_DIR → store + vector index, incrementally: a file whose bytes hash the same costs nothing,
 * an edited file is replaced (re-embedding only passages whose text changed), a deleted file is
 * removed. A file that cannot be read is reported and skipped; what was indexed from it stays.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Analyzer } from '../analysis/analyzer.js';
import type { Embedder } from '../embed/embedder.js';
import { IngestError } from '../ingest/errors.js';
import { contentHash, toPassages } from '../ingest/passages.js';
import { hasArticleExtension, readArticleFile } from '../ingest/read-article-file.js';
import type { IndexFailure, IndexReport, ParsedArticle } from '../types.js';
import type { ArchiveStore, NewArticle } from './store.js';
import type { VectorIndex } from './vector-index.js';

/** What a run has done so far, for a progress display. */
export interface ProgressCounts {
  /** Passages written in this run (unchanged files add none). */
  passages: number;
  failed: number;
}

export type ProgressFn = (done: number, total: number, file: string, counts: ProgressCounts) => void;

export interface IndexTarget {
  dataDir: string;
  maxFileBytes: number;
  store: ArchiveStore;
  /** Both set in hybrid mode; both null in lexical mode. */
  embedder: Embedder | null;
  vectors: VectorIndex | null;
  /** How text becomes the indexed terms (the same analyzer reads the questions). */
  analyzer: Analyzer;
}

/** Article files under `dir`, relative paths with forward slashes, hidden files and temp files skipped. */
function listArticleFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name.includes('.tmp-')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && hasArticleExtension(entry.name)) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** ENOENT, EACCES, EISDIR…: a file vanished or cannot be read. */
function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code!);
}

/** Passages + terms + vectors (reused by content hash where possible) for one file's articles. */
async function prepare(parsed: ParsedArticle[], target: IndexTarget): Promise<NewArticle[]> {
  const articles = parsed.map((p) => ({
    parsed: p,
    titleTerms: target.analyzer.terms(p.title),
    passages: toPassages(p.paragraphs).map((passage) => ({
      ...passage,
      terms: target.analyzer.terms(passage.text),
      vector: target.embedder ? target.store.vectorByHash(passage.hash) : null,
    })),
  }));
  if (target.embedder) {
    const missing = articles.flatMap((a) => a.passages).filter((p) => p.vector === null);
    const vectors = await target.embedder.embedPassages(missing.map((p) => p.text));
    missing.forEach((p, i) => (p.vector = vectors[i]!));
  }
  return articles;
}

/** Passages written per transaction while indexing. */
const BATCH_PASSAGES = 2000;

/** Bring the index in step with DATA_DIR. */
export async function indexDataDir(target: IndexTarget, onProgress?: ProgressFn): Promise<IndexReport> {
  const { store, vectors } = target;
  const files = listArticleFiles(target.dataDir);
  const known = store.fileHashes();
  // Files indexed under other stemming rules or stop words are re-stemmed, changed or not.
  const sameTerms = store.getMeta('terms_version') === target.analyzer.version;
  const report: IndexReport = {
    articles: 0, passages: 0, added: 0, updated: 0, removed: 0, unchanged: 0,
    failed: [] as IndexFailure[], mode: target.embedder ? 'hybrid' : 'lexical',
  };

  let passages = 0;
  // Changed files are written in batches, one transaction (one fsync) per batch rather than per file.
  let pending: { file: string; hash: string; articles: NewArticle[] }[] = [];
  let pendingPassages = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingPassages = 0;
    const changes = store.batch(() => batch.map(({ file, hash, articles }) => store.replaceFile(file, hash, articles)));
    batch.forEach(({ file }, k) => {
      const change = changes[k]!;
      passages += change.added.length;
      change.removed.forEach((id) => vectors?.remove(id));
      change.added.forEach(({ id, vector }) => vector && vectors?.add(id, vector));
      if (known.has(file)) report.updated++;
      else report.added++;
    });
  };

  for (const [i, file] of files.entries()) {
    // Let questions be answered between files: in lexical mode nothing else here waits on I/O.
    await new Promise((resolve) => setImmediate(resolve));
    onProgress?.(i, files.length, file, { passages, failed: report.failed.length });
    try {
      const full = join(target.dataDir, file);
      const { size } = statSync(full);
      if (size > target.maxFileBytes) throw new IngestError(`file too large: ${size} bytes, the limit is ${target.maxFileBytes}`);
      const bytes = readFileSync(full);
      const hash = contentHash(bytes);
      if (sameTerms && known.get(file) === hash) {
        report.unchanged++;
        continue;
      }
      const articles = await prepare(readArticleFile(file, bytes, target.maxFileBytes), target);
      pending.push({ file, hash, articles });
      pendingPassages += articles.reduce((n, a) => n + a.passages.length, 0);
      if (pendingPassages >= BATCH_PASSAGES) flush();
    } catch (err) {
      // Unreadable files are reported; anything else (a store error such as SQLITE_FULL) stops the run.
      if (!(err instanceof IngestError) && !isFileSystemError(err)) throw err;
      report.failed.push({ file, reason: err.message });
    }
  }
  flush();
  onProgress?.(files.length, files.length, '', { passages, failed: report.failed.length });
  store.setMeta('terms_version', target.analyzer.version);

  const present = new Set(files);
  for (const file of known.keys()) {
    if (present.has(file)) continue;
    store.removeFile(file).forEach((id) => vectors?.remove(id));
    report.removed++;
  }

  if (target.embedder && vectors) {
    const missing = store.passagesWithoutVector();
    if (missing.length > 0) {
      const embedded = await target.embedder.embedPassages(missing.map((m) => m.text));
      const updates = missing.map((m, i) => ({ id: m.id, vector: embedded[i]! }));
      store.setVectors(updates);
      updates.forEach(({ id, vector }) => vectors.add(id, vector));
    }
    vectors.save(store.generation());
  }
  report.articles = store.articleCount();
  report.passages = store.passageCount();
  return report;
}
