/**
 * The archive as the bot and the CLI see it: open the index under INDEX_DIR, keep it in step with
 * DATA_DIR, answer questions, add and delete articles. Re-indexing runs one at a time; questions
 * keep being answered from the committed index while it runs.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { arabicAnalyzer, type Analyzer } from '../analysis/analyzer.js';
import { openDictionary, type Dictionary } from '../analysis/freedict.js';
import { composeAnswer } from '../answer/answer.js';
import { AnswerMemo } from '../answer-memo.js';
import type { Config } from '../config.js';
import { loadEmbedder, type Embedder } from '../embed/embedder.js';
import { loadEmbedderThread } from '../embed/embed-thread.js';
import { IngestError } from '../ingest/errors.js';
import { contentHash } from '../ingest/passages.js';
import { hasArticleExtension, readArticleFile, ARTICLE_EXTENSIONS } from '../ingest/read-article-file.js';
import { replaceAtomically } from '../index/atomic-write.js';
import { alreadyInArchive, indexDataDir, type IndexTarget, type ProgressFn } from '../index/indexer.js';
import type { ArchiveStore } from '../index/store.js';
import { damagedStoreNotice, isDamagedStore, openStoreFile, quarantineStore, storeIdentity } from '../index/store-file.js';
import { VectorIndex } from '../index/vector-index.js';
import { asStorageFull } from '../index/storage-full.js';
import { WriterLock } from '../index/writer-lock.js';
import { ArchiveThread } from './archive-thread.js';
import type { Logger } from '../log.js';
import { DEFAULT_RANKING, type RankingOptions } from '../search/ranking-options.js';
import { searchPassages } from '../search/search.js';
import { hybridModelOf, shippedCalibration, type Calibration, type LearnedModel } from '../search/scorer.js';
import type { AddedFile, Answer, ArticleInfo, EnglishReading, IndexReport, SearchMode } from '../types.js';
import { dominantScript } from '../analysis/script.js';

export type { AddedFile, Answer, ArticleInfo, EnglishReading, IndexReport, SearchMode };

export interface ArchiveStats {
  articles: number;
  passages: number;
  dateFrom: string | null;
  dateTo: string | null;
  sources: string[];
  indexBytes: number;
  mode: SearchMode;
  english: EnglishReading;
}

export interface ArticleDetail {
  article: ArticleInfo;
  passages: { position: number; text: string }[];
}


/** How questions are read and ranked (defaults: the Arabic analyzer, DEFAULT_RANKING); eval varies them. */
export interface ArchiveOptions {
  analyzer?: Analyzer;
  ranking?: RankingOptions;
  /** The learned scoring models; default: the shipped src/search/calibration.json (`npm run calibrate` writes another). */
  calibration?: Calibration;
  /**
   * Index, add and delete in a worker thread (the bot: parsing and embedding never hold up its
   * answers). The worker reads and ranks with the defaults.
   */
  offThread?: boolean;
  /**
   * What this process is, for the writer lock's holder line ("sanad bot", "sanad cli index"). The
   * lock is taken at open off-thread (a bot holds it for its life) and at the first change otherwise.
   */
  writer?: string;
  /** This process already holds INDEX_DIR's writer lock (the archive's own worker threads). */
  underLock?: boolean;
  /** A model loaded elsewhere, used instead of loading one (the bot's writer thread borrows the bot's). */
  embedder?: Embedder | null;
}

/** The SQLite store's file name under INDEX_DIR. */
export const STORE_FILE = 'sanad.sqlite';
/** Reader threads in off-thread lexical mode: one per core beside the bot's own thread, at least one. */
const READER_THREADS = Math.max(1, Math.min(3, availableParallelism() - 1));

/**
 * Lexical mode's dictionary for English questions (BILINGUAL_DICTIONARY), or null, with one line
 * saying why, when there is none.
 */
function lexicalDictionary(config: Config, log: Logger): (() => Dictionary) | null {
  if (config.bilingualDictionary === 'none') return null;
  const opened = openDictionary(config.bilingualDictionary);
  if ('reason' in opened) {
    log.info(opened.reason);
    return null;
  }
  return opened.load;
}

/**
 * A file name safe to write under DATA_DIR: no directories, no dot-files, a known extension, and
 * whole characters only. A lone surrogate (a name the sender cut mid-character) is a separator like
 * any other non-letter; the stem is cut to 80 UTF-16 units (at most 240 bytes on disk) but never
 * through a surrogate pair — the file system would store U+FFFD, and the name the index holds would
 * no longer be the one the upload asked for.
 */
function safeFileName(original: string): string {
  const ext = extname(original).toLowerCase();
  const stem = basename(original, extname(original))
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 80)
    .replace(/\p{Cs}$/u, '');
  return `${stem || 'article'}${ext}`;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const s = statSync(join(dir, name));
    return sum + (s.isFile() ? s.size : 0);
  }, 0);
}

export class Archive {
  private queue: Promise<unknown> = Promise.resolve();
  private writer: ArchiveThread | null = null;
  /** Lexical mode off-thread: threads that search for questions, so that every core answers. */
  private readers: ArchiveThread[] = [];
  private readonly answers = new AnswerMemo();
  /** What the operator must hear of, beyond the log: a damaged store moved aside at open. */
  readonly notices: string[] = [];
  /** INDEX_DIR's writer lock once taken (never, under another's lock: see ArchiveOptions.underLock). */
  private lock: WriterLock | null = null;
  private lockRole = 'sanad';
  private underLock = false;

  private constructor(
    private readonly config: Config,
    private readonly log: Logger,
    private store: ArchiveStore,
    private readonly embedder: Embedder | null,
    private vectors: VectorIndex | null,
    private readonly analyzer: Analyzer,
    private readonly ranking: RankingOptions,
    /** Turns a candidate's features into its score and "not found" bar (search/scorer.ts). */
    private scorer: LearnedModel,
    /** The words-only model: for a question whose vectors cannot be read (no graph, a graph error). */
    private readonly lexicalScorer: LearnedModel,
    /** Lexical mode: the English–Arabic dictionary for English questions, read on first use. */
    private readonly dictionary: (() => Dictionary) | null = null,
  ) {
    this.openedStore = storeIdentity(this.storePath);
  }

  get mode(): SearchMode {
    return this.embedder ? 'hybrid' : 'lexical';
  }

  /** How this archive reads an English question (the bot's /stats and `cli status` say it, with the remedy). */
  get english(): EnglishReading {
    return this.embedder ? 'model' : this.dictionary ? 'dictionary' : 'none';
  }

  /** Open (or create) the index; falls back to lexical mode, with one log line, when no model loads. */
  static async open(config: Config, log: Logger, options: ArchiveOptions = {}): Promise<Archive> {
    mkdirSync(config.indexDir, { recursive: true });
    mkdirSync(config.dataDir, { recursive: true });
    // The bot is its index's writer for as long as it runs: a second one is refused before it polls.
    const lock = options.offThread ? WriterLock.acquire(config.indexDir, options.writer ?? 'sanad bot') : null;
    try {
      return (await Archive.openStore(config, log, options, lock)).withWriter(options, config);
    } catch (err) {
      lock?.release();
      throw err;
    }
  }

  private static async openStore(config: Config, log: Logger, options: ArchiveOptions, lock: WriterLock | null): Promise<Archive> {
    const analyzer = options.analyzer ?? arabicAnalyzer();
    const ranking = options.ranking ?? DEFAULT_RANKING;
    const calibration = options.calibration ?? shippedCalibration();
    const { store, quarantined } = openStoreFile(join(config.indexDir, STORE_FILE));
    const notice = quarantined ? damagedStoreNotice(quarantined) : null;
    if (notice) log.error(notice);
    // Off-thread (the bot), the model runs in a thread of its own: a model run holds the thread
    // that makes it, and questions are asked on the bot's.
    const load = options.offThread ? loadEmbedderThread : loadEmbedder;
    const loaded = options.embedder ? { embedder: options.embedder } : await load({
      model: config.embeddingModel,
      modelDir: config.modelDir,
      cacheDir: join(config.indexDir, 'models'),
    });
    if (!loaded.embedder) {
      log.warn(loaded.reason);
      return new Archive(config, log, store, null, null, analyzer, ranking, calibration.lexical, calibration.lexical, lexicalDictionary(config, log)).locking(options, lock).noting(notice, loaded.reason);
    }
    const { embedder } = loaded;
    const archive = new Archive(config, log, store, embedder, null, analyzer, ranking, calibration.lexical, calibration.lexical).locking(options, lock).noting(notice, null);
    if (store.getMeta('embedding_model') !== embedder.model || store.getMeta('embedding_dim') !== String(embedder.dim)) {
      if (!options.offThread) archive.takeLock();
      store.clearVectors();
      store.setMeta('embedding_model', embedder.model);
      store.setMeta('embedding_dim', String(embedder.dim));
    }
    // Off-thread, a graph that must be rebuilt is rebuilt by the writer thread at its first run
    // (the bot's first index), not on this one; questions meanwhile are scored by their words.
    archive.vectors = options.offThread
      ? await VectorIndex.load(config.indexDir, embedder.model, embedder.dim, store.generation(), store)
      : await archive.openVectors();
    // The scores were learned for one embedding model: another's similarities mean other things.
    const learned = await hybridModelOf(calibration, embedder);
    if (!learned) log.warn(`no ranking calibration for the embedding model ${embedder.model}: passages are scored by their words alone; learn one with npm run calibrate`);
    archive.scorer = learned ?? calibration.lexical;
    return archive;
  }

  /** The vector graph for the store as it is now, rebuilt from the store's vectors when the saved one does not match. */
  private async openVectors(): Promise<VectorIndex> {
    const { model, dim } = this.embedder!;
    const { index, rebuilt } = await VectorIndex.open(this.config.indexDir, model, dim, this.store.generation(), this.store);
    if (rebuilt && index.size > 0) this.log.info({ vectors: index.size }, 'vector index rebuilt from the store');
    return index;
  }

  /** How this archive holds INDEX_DIR's writer lock: `lock` if already taken, else at its first change. */
  private locking(options: ArchiveOptions, lock: WriterLock | null): this {
    this.lock = lock;
    this.lockRole = options.writer ?? 'sanad';
    this.underLock = options.underLock ?? false;
    return this;
  }

  /** The store's file identity when this archive opened it (see `followStore`). */
  private openedStore: number | null = null;

  private get storePath(): string {
    return join(this.config.indexDir, STORE_FILE);
  }

  /**
   * Reopen the store when its file was replaced (the writer moved a damaged one aside and rebuilt
   * it): a connection to the old file would keep reading the damaged bytes.
   */
  private followStore(): void {
    if (storeIdentity(this.storePath) === this.openedStore) return;
    this.store.close();
    this.store = openStoreFile(this.storePath).store;
    this.openedStore = storeIdentity(this.storePath);
    this.answers.clear();
  }

  private noting(notice: string | null, modelNote: string | null): this {
    if (notice) this.notices.push(notice);
    this.modelNote = modelNote;
    return this;
  }

  /** Why there is no embedding model (lexical mode), in one line; null in hybrid mode. */
  modelNote: string | null = null;

  /** The embedding model in use (hybrid mode), or null. */
  get model(): string | null {
    return this.embedder?.model ?? null;
  }

  /** Take INDEX_DIR's writer lock before this process's first change (held until close). */
  private takeLock(): void {
    if (!this.lock && !this.underLock) this.lock = WriterLock.acquire(this.config.indexDir, this.lockRole);
  }

  private withWriter(options: ArchiveOptions, config: Config): this {
    if (!options.offThread) return this;
    // The workers never talk to Telegram, and must not retry a model this thread could not load.
    const threadConfig: Config = {
      ...config,
      embeddingModel: this.embedder ? config.embeddingModel : 'none',
      telegram: { ...config.telegram, token: undefined },
    };
    // One copy of the model in the process: the writer embeds with this archive's (./lent-model.ts).
    this.writer = new ArchiveThread(threadConfig, this.embedder);
    // Hybrid mode keeps questions here: their embeddings run on the model's own thread (embed-thread.ts)
    // while this one matches their words, and a model per reader would cost more memory than it saves time.
    if (!this.embedder) {
      this.readers = Array.from({ length: READER_THREADS }, () => new ArchiveThread(threadConfig));
      this.readers.forEach((reader) => reader.start());
    }
    return this;
  }

  /**
   * After the worker changed the store: load the vector graph it saved (hybrid mode). A graph that
   * does not match the store is left to the writer to rebuild; questions are scored by words meanwhile.
   */
  private async written<T>(change: Promise<T>): Promise<T> {
    const result = await change;
    // Answers computed while the worker wrote, or while the graph is read, may have seen the old graph.
    this.answers.clear();
    this.followStore();
    // Computed while the worker wrote, the index's size may be that of half its files.
    this.shown = null;
    if (this.embedder) {
      const { model, dim } = this.embedder;
      this.vectors = await VectorIndex.load(this.config.indexDir, model, dim, this.store.generation(), this.store);
      if (!this.vectors) this.log.warn('the vector graph does not match the store; answering by words until the next re-index rebuilds it');
      this.answers.clear();
    }
    return result;
  }

  /** Runs `fn` after every earlier change to DATA_DIR or the index has finished, and before any later one. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      try {
        this.takeLock();
      } catch (err) {
        throw asStorageFull(err, 'taking the index’s writer lock', this.dirs());
      }
      return fn();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async runIndex(onProgress?: ProgressFn, removals: Pick<IndexTarget, 'allowMassRemoval' | 'removing'> = {}): Promise<IndexReport> {
    try {
      return await this.indexOnce(onProgress, removals);
    } catch (err) {
      if (!isDamagedStore(err)) throw err;
      // The store went bad under a run: rebuild it from DATA_DIR rather than fail at every run.
      this.store.close();
      this.log.error(damagedStoreNotice(quarantineStore(this.storePath)));
      this.followStore(); // the path is now free: a fresh store
      return this.indexOnce(onProgress, removals);
    }
  }

  private async indexOnce(onProgress: ProgressFn | undefined, removals: Pick<IndexTarget, 'allowMassRemoval' | 'removing'>): Promise<IndexReport> {
    // Another writer may have changed the store since this graph was read (it held the lock then):
    // index into a graph that matches the store, or this run's save would label stale vectors as current.
    if (this.embedder && this.vectors?.generation !== this.store.generation()) this.vectors = await this.openVectors();
    return indexDataDir(
      {
        dataDir: this.config.dataDir,
        maxFileBytes: this.config.maxFileBytes,
        store: this.store,
        embedder: this.embedder,
        vectors: this.vectors,
        analyzer: this.analyzer,
        ...removals,
      },
      onProgress,
    );
  }

  /**
   * Bring the index in step with DATA_DIR. Changes run one at a time; questions are answered
   * meanwhile. Files gone from DATA_DIR beyond MASS_REMOVAL_SHARE stay indexed unless `allowMassRemoval`.
   */
  index(opts: { onProgress?: ProgressFn; allowMassRemoval?: boolean } = {}): Promise<IndexReport> {
    const allowMassRemoval = opts.allowMassRemoval ?? false;
    if (this.writer) return this.written(this.writer.index(opts.onProgress, allowMassRemoval));
    return this.exclusive(() => this.runIndex(opts.onProgress, { allowMassRemoval }).catch((err: unknown) => {
      throw asStorageFull(err, 'indexing', this.dirs());
    }));
  }

  ask(question: string, opts: { top?: number } = {}): Promise<Answer> {
    const top = opts.top ?? 5;
    // Said as such: "not found" would read as "the archive does not hold it".
    if (this.english === 'none' && dominantScript(question) === 'latin') return Promise.resolve({ question, answered: false, results: [], unmatched: [], unread: 'english' });
    return this.answers.get(this.store.generation(), question, top, async () => {
      const reader = this.readers.reduce<ArchiveThread | undefined>((best, r) => (best && best.busy <= r.busy ? best : r), undefined);
      // A reader that failed (its thread died) is replaced at its next question; this one is answered here.
      if (reader) return reader.ask(question, top).catch(() => this.search(question, top));
      return this.search(question, top);
    });
  }

  private async search(question: string, top: number): Promise<Answer> {
    // A reader thread learns of a rebuilt store only here.
    this.followStore();
    const { store, analyzer, ranking, dictionary } = this;
    const vectors = this.embedder ? this.vectors : null;
    const embedder = vectors ? this.embedder : null;
    const scorer = vectors ? this.scorer : this.lexicalScorer;
    const search = await searchPassages(question, { store, embedder, vectors, analyzer, ranking, dictionary, scorer }).catch((err: unknown) => {
      // A graph that fails to answer (a damaged or stale file) costs this question its meaning, not its answer.
      if (!vectors) throw err;
      this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'the vector graph failed; this question is answered by its words');
      return searchPassages(question, { store, embedder: null, vectors: null, analyzer, ranking, dictionary, scorer: this.lexicalScorer });
    });
    const answer = await composeAnswer(question, search, { top, analyzer, ranking, embedder });
    const unembedded = this.embedder ? store.passageCount() - (vectors?.size ?? 0) : 0;
    return unembedded > 0 ? { ...answer, unembedded } : answer;
  }

  /**
   * Save an uploaded file into DATA_DIR under a safe name and index it. The file is parsed first,
   * so a refused file (IngestError) never reaches DATA_DIR.
   */
  async addFile(originalName: string, bytes: Buffer): Promise<AddedFile> {
    if (this.writer) return this.written(this.writer.addFile(originalName, bytes));
    if (!hasArticleExtension(originalName)) throw new IngestError(`unsupported file type: use ${ARTICLE_EXTENSIONS.join(', ')}`);
    readArticleFile(safeFileName(originalName), bytes, this.config.maxFileBytes);
    return this.exclusive(async () => {
      const file = this.freeFileName(safeFileName(originalName), bytes);
      // The same bytes under another name would be cited twice: refuse them before they reach DATA_DIR.
      const hash = contentHash(bytes);
      const holder = [...this.store.fileHashes()].find(([other, h]) => h === hash && other !== file)?.[0];
      if (holder) throw new IngestError(alreadyInArchive(holder));
      const path = join(this.config.dataDir, file);
      const existed = existsSync(path);
      try {
        replaceAtomically(path, (temp) => writeFileSync(temp, bytes));
        const report = await this.runIndex();
        const failure = report.failed.find((f) => f.file === file);
        if (failure) throw new IngestError(failure.reason);
        const warnings = (report.warnings ?? []).filter((w) => w.file === file).map((w) => w.warning);
        return { file, articles: this.store.article(file), warnings };
      } catch (err) {
        // A file the admin was not told is indexed does not stay in DATA_DIR to appear at the next start.
        if (!existed) rmSync(path, { force: true });
        throw asStorageFull(err, `adding ${file}`, this.dirs());
      }
    });
  }

  private dirs(): string[] {
    return [this.config.dataDir, this.config.indexDir];
  }

  /** `name`, or `name-2`, `name-3`… when another file already has that name (the same bytes reuse it). */
  private freeFileName(name: string, bytes: Buffer): string {
    const ext = extname(name);
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? name : `${basename(name, ext)}-${n}${ext}`;
      const path = join(this.config.dataDir, candidate);
      if (!existsSync(path) || readFileSync(path).equals(bytes)) return candidate;
    }
  }

  /**
   * What `deleteArticle(idOrFile)` would remove: the file that holds the article, and every article
   * in it (a page may hold several: a second one after "read also"); null when nothing matches.
   * `byId` when `idOrFile` named one article rather than the file.
   */
  deletion(idOrFile: string): { file: string; articles: ArticleInfo[]; byId: boolean } | null {
    const file = this.store.article(idOrFile)[0]?.file;
    return file ? { file, articles: this.store.article(file), byId: file !== idOrFile } : null;
  }

  /** Remove an article's file from DATA_DIR and its passages from the index (every article of that file). */
  deleteArticle(idOrFile: string): Promise<ArticleInfo[]> {
    if (this.writer) return this.written(this.writer.deleteArticle(idOrFile));
    return this.exclusive(async () => {
      const file = this.store.article(idOrFile)[0]?.file;
      if (!file) return [];
      const articles = this.store.article(file);
      // Moved aside (a dot-file: never indexed) until the index has let it go, and put back if it cannot.
      const path = join(this.config.dataDir, file);
      const aside = join(dirname(path), `.deleting-${basename(path)}`);
      const moved = existsSync(path);
      if (moved) renameSync(path, aside);
      try {
        await this.runIndex(undefined, { removing: [file] });
      } catch (err) {
        if (moved) renameSync(aside, path);
        throw asStorageFull(err, `deleting ${file}`, this.dirs());
      }
      rmSync(aside, { force: true });
      return articles;
    });
  }

  /**
   * The indexed articles, newest first. Read once per store generation: /start, /help, /stats and
   * /sources show them, and at 100k articles reading them costs a second of the bot's event loop.
   */
  sources(): ArticleInfo[] {
    return this.perGeneration().sources;
  }

  private shown: { generation: number; sources: ArticleInfo[]; stats: ArchiveStats } | null = null;

  private perGeneration(): { sources: ArticleInfo[]; stats: ArchiveStats } {
    this.followStore();
    const generation = this.store.generation();
    if (this.shown?.generation !== generation) {
      const sources = this.store.articles();
      this.shown = { generation, sources, stats: this.summarise(sources) };
    }
    return this.shown;
  }

  show(idOrFile: string): ArticleDetail | null {
    const article = this.store.article(idOrFile)[0];
    return article ? { article, passages: this.store.articlePassages(article.id) } : null;
  }

  /** Whether nothing is indexed yet: one count, where `stats` reads every article. */
  isEmpty(): boolean {
    return this.store.articleCount() === 0;
  }

  /** What /stats and /start show; computed once per store generation (see `sources`). */
  stats(): ArchiveStats {
    return this.perGeneration().stats;
  }

  private summarise(articles: ArticleInfo[]): ArchiveStats {
    const dates = articles.map((a) => a.date).filter((d): d is string => d !== null).sort();
    return {
      articles: articles.length,
      passages: this.store.passageCount(),
      dateFrom: dates[0] ?? null,
      dateTo: dates[dates.length - 1] ?? null,
      sources: [...new Set(articles.map((a) => a.source).filter((s): s is string => s !== null))],
      indexBytes: dirBytes(this.config.indexDir),
      mode: this.mode,
      english: this.english,
    };
  }

  /** Abandon any index, upload or deletion in progress (off-thread mode); committed files stay. */
  stopWriting(): Promise<void> {
    return this.writer?.terminate() ?? Promise.resolve();
  }

  close(): void {
    for (const reader of this.readers) void reader.terminate();
    void this.embedder?.dispose();
    this.store.close();
    // Released once the writer thread is gone, so that the next writer never overlaps it.
    const lock = this.lock;
    if (this.writer) void this.stopWriting().finally(() => lock?.release());
    else lock?.release();
  }
}

/** Open the archive described by `config`. */
export function openArchive(config: Config, log: Logger, options: ArchiveOptions = {}): Promise<Archive> {
  return Archive.open(config, log, options);
}
