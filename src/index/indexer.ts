/**
 * DATA_DIR → store + vector index, incrementally: a file whose bytes hash the same costs nothing,
 * an edited file is replaced (re-embedding only passages whose text changed), a deleted file is
 * removed. A file that cannot be read is reported and skipped; what was indexed from it stays.
 * Whatever one file does to the parser fails that file only; only a store error stops a run.
 * A file with the same bytes as another is refused ("already in the archive as …"), and every
 * committed file stays done: a run killed midway resumes where it was. In hybrid mode the files are
 * written first, answerable by words at once, and their new passages embedded after, in committed
 * batches: a kill costs at most one batch.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { arabicAnalyzer, type Analyzer } from '../analysis/analyzer.js';
import type { Embedder } from '../embed/embedder.js';
import { cleanLabel } from '../ingest/bidi.js';
import { IngestError } from '../ingest/errors.js';
import { contentHash } from '../ingest/passages.js';
import { hasArticleExtension } from '../ingest/read-article-file.js';
import type { IndexReport } from '../types.js';
import { analyseFile, failureReason, type AnalysedFile } from './analyse-file.js';
import { ParseThread } from './parse-thread.js';
import type { ArchiveStore, FileStamp, NewArticle } from './store.js';
import type { VectorIndex } from './vector-index.js';

/** What a run has done so far, for a progress display. */
export interface ProgressCounts {
  /** Passages written in this run (unchanged files add none). */
  passages: number;
  failed: number;
  /** Set once the files are written and the passages without a vector are being embedded (hybrid mode). */
  embedding?: { done: number; total: number };
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
  /** Remove however many indexed files are gone from DATA_DIR (else see MASS_REMOVAL_SHARE). */
  allowMassRemoval?: boolean;
  /** Files removed from DATA_DIR on purpose (a deletion): never counted as a mass removal. */
  removing?: readonly string[];
}

/**
 * The share of the indexed files (0..1) that may vanish from DATA_DIR in one run and be removed
 * from the index without `allowMassRemoval`. Beyond it, DATA_DIR more likely failed to mount or was
 * pointed elsewhere than lost its articles: the files stay indexed, and the report says so.
 */
export const MASS_REMOVAL_SHARE = 0.5;

/** Article files under `dir`, relative paths with forward slashes, hidden files and temp files skipped. */
export function listArticleFiles(dir: string): string[] {
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

/** What an operator is told when a run kept files that are gone from DATA_DIR (IndexReport.withheld). */
export function withheldRemovals({ files, of }: { files: number; of: number }, dataDir: string): string {
  return `${files} of the ${of} indexed files are gone from ${dataDir}: they stay indexed, in case the folder is not mounted or not the right one; if they were removed on purpose, index again allowing a mass removal`;
}

/** The reason a copy of an indexed file is refused. */
export function alreadyInArchive(file: string): string {
  return `already in the archive as ${cleanLabel(file)}`;
}

type FileHash = { hash: string; stamp: FileStamp | null } | { failure: string };

/**
 * A file modified this recently (ms) gets no stamp: a file system with coarse timestamps could see
 * it changed again within the same tick, keeping size and time. It is read again next run.
 */
const RECENT_MS = 2_000;

/**
 * Each file's content hash, or why it cannot be read; files too large are not read at all. A file
 * whose size and modification time are those it was indexed under keeps its hash unread: an
 * unchanged archive of a million passages is then a folder walk, not half a gigabyte read.
 */
function hashFiles(dataDir: string, files: string[], maxFileBytes: number, known: ReturnType<ArchiveStore['indexedFiles']>): Map<string, FileHash> {
  const now = Date.now();
  return new Map(
    files.map((file): [string, FileHash] => {
      try {
        const { size, mtimeMs } = statSync(join(dataDir, file));
        if (size > maxFileBytes) throw new IngestError(`file too large: ${size} bytes, the limit is ${maxFileBytes}`);
        const stamp = now - mtimeMs > RECENT_MS ? { size, mtimeMs } : null;
        const indexed = known.get(file);
        if (stamp && indexed?.stamp?.size === size && indexed.stamp.mtimeMs === mtimeMs) return [file, { hash: indexed.hash, stamp }];
        return [file, { hash: contentHash(readFileSync(join(dataDir, file))), stamp }];
      } catch (err) {
        return [file, { failure: failureReason(err) }];
      }
    }),
  );
}

/**
 * The file that keeps each content: the one already indexed with it (first by name), else the
 * first by name. Copies under other names are refused rather than cited twice.
 */
function contentHolders(hashes: Map<string, FileHash>, known: Map<string, string>): Map<string, string> {
  const holders = new Map<string, string>();
  const entries = [...hashes].flatMap(([file, h]) => ('hash' in h ? [[file, h.hash] as const] : []));
  for (const [file, hash] of entries) if (known.get(file) === hash && !holders.has(hash)) holders.set(hash, file);
  for (const [file, hash] of entries) if (!holders.has(hash)) holders.set(hash, file);
  return holders;
}

/**
 * A file's passages take the vector of a passage of the same text already embedded (hybrid mode);
 * the others are written without one and embedded after the files (embedMissing).
 */
function withKnownVectors(articles: NewArticle[], target: IndexTarget): NewArticle[] {
  if (!target.embedder) return articles;
  for (const p of articles.flatMap((a) => a.passages)) p.vector = target.store.vectorByHash(p.hash);
  return articles;
}

/**
 * Passages embedded and committed together once the files are written. A kill loses at most the
 * batch under way: the next run embeds only the passages still without a vector. Between 1 and a
 * few thousand; larger batches pad less but lose more to a kill.
 */
const EMBED_COMMIT_PASSAGES = 512;

/**
 * Embed every passage still without a vector, a batch at a time, each committed to the store and
 * added to the graph as it is done; a text held by several passages (a wire copy) is embedded once.
 */
async function embedMissing(embedder: Embedder, store: ArchiveStore, vectors: VectorIndex, progress: (done: number, total: number) => void): Promise<void> {
  const missing = store.passagesWithoutVector();
  for (let start = 0; start < missing.length; start += EMBED_COMMIT_PASSAGES) {
    progress(start, missing.length);
    const batch = missing.slice(start, start + EMBED_COMMIT_PASSAGES);
    const texts = [...new Set(batch.map((m) => m.text))];
    const embedded = await embedder.embedPassages(texts);
    const byText = new Map(texts.map((t, i) => [t, embedded[i]!]));
    const updates = batch.map((m) => ({ id: m.id, vector: byText.get(m.text)! }));
    store.setVectors(updates);
    updates.forEach(({ id, vector }) => vectors.add(id, vector));
  }
  if (missing.length > 0) progress(missing.length, missing.length);
}

/**
 * Files to (re)index from this many on are analysed on a thread of their own (parse-thread.ts)
 * while this one writes: starting the thread costs about as much as analysing a few dozen files.
 */
const PARSE_THREAD_FILES = 64;

/**
 * How the files to index are analysed, in order: ahead on a parse thread when there are many and
 * the analyzer is the archive's own (the thread's), else here as each is taken.
 */
function fileAnalyser(files: string[], target: IndexTarget): { take(file: string): Promise<AnalysedFile>; close(): Promise<void> } {
  const here = (file: string) => analyseFile(target.dataDir, file, target.maxFileBytes, target.analyzer);
  if (files.length < PARSE_THREAD_FILES || target.analyzer.version !== arabicAnalyzer().version) {
    return { take: async (file) => here(file), close: async () => undefined };
  }
  return new ParseThread(files, { dataDir: target.dataDir, maxFileBytes: target.maxFileBytes }, here);
}

/** Files passed over (unchanged, refused) between two turns given to the event loop. */
const YIELD_EVERY = 256;

/** Passages written per transaction while indexing. */
const BATCH_PASSAGES = 5000;

/** Bring the index in step with DATA_DIR. */
export async function indexDataDir(target: IndexTarget, onProgress?: ProgressFn): Promise<IndexReport> {
  const { store, vectors } = target;
  if (store.getMeta('terms_version') !== target.analyzer.version) {
    // Files indexed under other stemming rules or stop words are re-stemmed, changed or not. Their
    // hashes are forgotten first, in one transaction with the new version, so that each re-stemmed
    // file counts as done even if this run is killed: the next run redoes only what is left.
    store.batch(() => {
      store.forgetFileHashes();
      store.setMeta('terms_version', target.analyzer.version);
    });
  }
  const files = listArticleFiles(target.dataDir);
  const indexed = store.indexedFiles();
  const known = new Map([...indexed].map(([file, { hash }]) => [file, hash]));
  const hashes = hashFiles(target.dataDir, files, target.maxFileBytes, indexed);
  const holders = contentHolders(hashes, known);
  const warnings: NonNullable<IndexReport['warnings']> = [];
  const report: IndexReport = {
    articles: 0, passages: 0, added: 0, updated: 0, removed: 0, unchanged: 0,
    failed: [], warnings, mode: target.embedder ? 'hybrid' : 'lexical',
  };

  let passages = 0;
  // Changed files are written in batches, one transaction (one fsync) per batch rather than per file.
  let pending: { file: string; hash: string; stamp: FileStamp | null; articles: NewArticle[] }[] = [];
  let pendingPassages = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingPassages = 0;
    const changes = store.batch(() => batch.map(({ file, hash, stamp, articles }) => store.replaceFile(file, hash, articles, stamp)));
    batch.forEach(({ file }, k) => {
      const change = changes[k]!;
      passages += change.added.length;
      change.removed.forEach((id) => vectors?.remove(id));
      change.added.forEach(({ id, vector }) => vector && vectors?.add(id, vector));
      if (known.has(file)) report.updated++;
      else report.added++;
    });
  };

  const copies: { file: string; holder: string }[] = [];
  // Unchanged files read under another stamp (touched, or indexed before stamps): recorded below.
  const restamped: { file: string; stamp: FileStamp | null }[] = [];
  const toIndex = (file: string): string | null => {
    const entry = hashes.get(file)!;
    return 'hash' in entry && holders.get(entry.hash) === file && known.get(file) !== entry.hash ? entry.hash : null;
  };
  const analyser = fileAnalyser(files.filter((file) => toIndex(file) !== null), target);
  try {
    for (const [i, file] of files.entries()) {
      const hash = toIndex(file);
      // Let questions be answered between files (in lexical mode nothing else here waits on I/O):
      // before each file to index, and every YIELD_EVERY files otherwise.
      if (hash !== null || i % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      onProgress?.(i, files.length, file, { passages, failed: report.failed.length });
      const entry = hashes.get(file)!;
      if ('failure' in entry) {
        report.failed.push({ file, reason: entry.failure });
        continue;
      }
      if (hash === null) {
        if (holders.get(entry.hash) !== file) copies.push({ file, holder: holders.get(entry.hash)! });
        else {
          report.unchanged++;
          const before = indexed.get(file)!.stamp;
          if (before?.size !== entry.stamp?.size || before?.mtimeMs !== entry.stamp?.mtimeMs) restamped.push({ file, stamp: entry.stamp });
        }
        continue;
      }
      const analysed = await analyser.take(file);
      if ('failure' in analysed) {
        report.failed.push({ file, reason: analysed.failure });
        continue;
      }
      const articles = withKnownVectors(analysed.articles, target);
      analysed.warnings.forEach((warning) => warnings.push({ file, warning }));
      pending.push({ file, hash, stamp: entry.stamp, articles });
      pendingPassages += articles.reduce((n, a) => n + a.passages.length, 0);
      if (pendingPassages >= BATCH_PASSAGES) flush();
    }
  } finally {
    await analyser.close();
  }
  flush();
  if (restamped.length > 0) store.setFileStamps(restamped);
  // A copy shares its holder's fate: refused as a copy, or refused for the holder's reason.
  for (const { file, holder } of copies) {
    const reason = report.failed.find((f) => f.file === holder)?.reason ?? alreadyInArchive(holder);
    report.failed.push({ file, reason });
    if (known.has(file)) {
      store.removeFile(file).forEach((id) => vectors?.remove(id));
      report.removed++;
    }
  }
  onProgress?.(files.length, files.length, '', { passages, failed: report.failed.length });

  const present = new Set(files);
  const gone = [...known.keys()].filter((file) => !present.has(file));
  const removing = new Set(target.removing);
  const unexpected = new Set(gone.filter((file) => !removing.has(file)));
  const massRemoval = !target.allowMassRemoval && unexpected.size > 1 && unexpected.size > MASS_REMOVAL_SHARE * known.size;
  for (const file of gone) {
    if (massRemoval && unexpected.has(file)) continue;
    store.removeFile(file).forEach((id) => vectors?.remove(id));
    report.removed++;
  }
  if (massRemoval) report.withheld = { files: unexpected.size, of: known.size };

  if (target.embedder && vectors) {
    await embedMissing(target.embedder, store, vectors, (done, total) =>
      onProgress?.(files.length, files.length, '', { passages, failed: report.failed.length, embedding: { done, total } }),
    );
    vectors.save(store.generation());
  }
  report.articles = store.articleCount();
  report.passages = store.passageCount();
  return report;
}
