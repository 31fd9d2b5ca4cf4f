/**
 * The transactional store beside the vector index: files, articles, passages (original text and
 * vectors) and an FTS5 lexical index, in one SQLite file. Every change to a file's articles is one
 * transaction, so a crash leaves either the old or the new version, never a mix.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { Vocabulary } from '../analysis/vocabulary.js';
import { VOCABULARY_KEYS_VERSION, vocabularyKeys } from '../analysis/vocabulary-keys.js';
import type { ArticleInfo, ParsedArticle, Passage } from '../types.js';

export interface NewPassage extends Passage {
  /** Matching terms for the lexical index (the analyzer's `terms`, src/analysis). */
  terms: string[];
  vector: Float32Array | null;
}

export interface NewArticle {
  parsed: ParsedArticle;
  /** Matching terms of the title, indexed with every passage (weighted below the body). */
  titleTerms: string[];
  passages: NewPassage[];
}

/** How the lexical index is queried; the prefix rule comes from the analyzer, the weights from the ranking options. */
export interface LexicalQueryOptions {
  /** Whether a term also fetches the indexed terms it begins (the analyzer's `matchesLongerForms`). */
  matchesLongerForms: (term: string) => boolean;
  /** BM25 column weights. */
  titleWeight: number;
  bodyWeight: number;
}

/** A passage's matching terms, as the lexical index holds them. */
export interface PassageTerms {
  body: ReadonlySet<string>;
  title: ReadonlySet<string>;
}

/**
 * A file's size and modification time when it was read: a file whose stamp is unchanged is taken as
 * unchanged without reading it (as make and rsync do).
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export interface StoredPassage {
  id: number;
  position: number;
  text: string;
  article: ArticleInfo;
}

export interface FileChange {
  /** Passage ids that no longer exist (their vectors must leave the vector index). */
  removed: number[];
  /** New passage ids with their vectors, when they have one. */
  added: { id: number; vector: Float32Array | null }[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (file TEXT PRIMARY KEY, hash TEXT NOT NULL, indexed_at TEXT NOT NULL, size INTEGER, mtime_ms REAL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY, file TEXT NOT NULL REFERENCES files(file) ON DELETE CASCADE, part INTEGER NOT NULL,
  title TEXT NOT NULL, date TEXT, source TEXT, section TEXT);
CREATE INDEX IF NOT EXISTS articles_file ON articles(file);
CREATE TABLE IF NOT EXISTS passages (
  id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL, text TEXT NOT NULL, hash TEXT NOT NULL, vector BLOB);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id, position);
CREATE INDEX IF NOT EXISTS passages_hash ON passages(hash);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab(passages_fts, 'row');
CREATE TRIGGER IF NOT EXISTS passages_fts_delete AFTER DELETE ON passages BEGIN
  DELETE FROM passages_fts WHERE rowid = old.id;
END;
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term_variant_key (key TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (key, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS term_root (root TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (root, term)) WITHOUT ROWID;
`;

/**
 * Version of the derived tables (term_df and the vocabulary's keys, term_variant_key and
 * term_root): an index built before them, or under other rules, has them rebuilt from the FTS5
 * index when opened.
 */
const DERIVED_VERSION = `2;${VOCABULARY_KEYS_VERSION}`;

/** Passages whose term sets `indexedTerms` keeps between questions. */
const TERM_SETS_KEPT = 5000;

/** Rows the lexical query may score when the question's terms are common (see lexicalSearch). */
const RARE_TERM_ROWS = 5000;

/** Distinct terms of a passage's title and body, as the FTS5 index counts a row. */
const rowTerms = (title: string, body: string): Set<string> => {
  const out = new Set<string>();
  for (const t of title.split(' ')) if (t) out.add(t);
  for (const t of body.split(' ')) if (t) out.add(t);
  return out;
};

const ARTICLE_COLUMNS = `a.id, a.title, a.source, a.date, a.section, a.file,
  (SELECT COUNT(*) FROM passages p WHERE p.article_id = a.id) AS passages`;

/** Stable article id: the same file and part always get the same short id. */
export function articleId(file: string, part: number): string {
  return createHash('sha1').update(`${file}#${part}`).digest('hex').slice(0, 10);
}

const toBlob = (v: Float32Array | null) => (v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : null);
const fromBlob = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** One SQLite database holding everything but the HNSW graph. */
export class ArchiveStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    // Indexes made before files had stamps gain the columns (empty: those files are read once more).
    const fileColumns = (this.db.prepare('PRAGMA table_info(files)').all() as { name: string }[]).map((c) => c.name);
    if (!fileColumns.includes('size')) this.db.exec('ALTER TABLE files ADD COLUMN size INTEGER; ALTER TABLE files ADD COLUMN mtime_ms REAL');
    if (this.getMeta('derived_version') !== DERIVED_VERSION) {
      this.db.transaction(() => {
        this.db.exec('DELETE FROM term_df; DELETE FROM term_variant_key; DELETE FROM term_root');
        this.db.exec('INSERT INTO term_df (term, df) SELECT term, doc FROM passages_vocab');
        for (const { term } of this.db.prepare('SELECT term FROM term_df').all() as { term: string }[]) this.fileKeys(term);
        this.setMeta('derived_version', DERIVED_VERSION);
      })();
    }
  }

  /**
   * Run `fn` (which may call replaceFile and removeFile many times) as one transaction: one commit,
   * one fsync, for a whole batch of files. Each file's change stays all-or-nothing.
   */
  batch<T>(fn: () => T): T {
    if (this.pendingDf) return fn();
    return this.db.transaction(() => {
      this.pendingDf = new Map();
      try {
        const result = fn();
        this.applyDf(this.pendingDf);
        return result;
      } finally {
        this.pendingDf = null;
      }
    })();
  }

  /**
   * Document-frequency changes of the batch in progress, written once at its end: a term shared by
   * the batch's files is then one upsert, not one per file.
   */
  private pendingDf: Map<string, number> | null = null;

  /** Count `delta` into term_df now, or at the end of the batch in progress. */
  private countTerms(delta: Map<string, number>): void {
    if (!this.pendingDf) return this.applyDf(delta);
    for (const [term, d] of delta) this.pendingDf.set(term, (this.pendingDf.get(term) ?? 0) + d);
  }

  /**
   * Apply document-frequency changes to term_df (inside the caller's transaction): a term entering
   * the archive is filed under its vocabulary keys, a term leaving it is taken out of them.
   */
  private applyDf(delta: Map<string, number>): void {
    const upsert = this.statement(
      'INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df RETURNING df',
    );
    const prune = this.statement('DELETE FROM term_df WHERE term = ?');
    for (const [term, d] of delta) {
      if (d === 0) continue;
      const { df } = upsert.get(term, d) as { df: number };
      if (df <= 0) {
        prune.run(term);
        this.forgetKeys(term);
      } else if (df === d) this.fileKeys(term);
    }
  }

  /** File a term that entered the archive under its vocabulary keys. */
  private fileKeys(term: string): void {
    const { variantKey, roots } = vocabularyKeys(term);
    if (variantKey !== null) this.statement('INSERT OR IGNORE INTO term_variant_key (key, term) VALUES (?, ?)').run(variantKey, term);
    const root = this.statement('INSERT OR IGNORE INTO term_root (root, term) VALUES (?, ?)');
    for (const r of roots) root.run(r, term);
  }

  /** Take a term that left the archive out of its vocabulary keys. */
  private forgetKeys(term: string): void {
    const { variantKey, roots } = vocabularyKeys(term);
    if (variantKey !== null) this.statement('DELETE FROM term_variant_key WHERE key = ? AND term = ?').run(variantKey, term);
    const root = this.statement('DELETE FROM term_root WHERE root = ? AND term = ?');
    for (const r of roots) root.run(r, term);
  }

  /** Count the terms of passages about to be deleted out of term_df. */
  private forgetTerms(ids: number[], delta: Map<string, number>): void {
    const stmt = this.statement('SELECT title, body FROM passages_fts WHERE rowid = ?');
    for (const id of ids) {
      const row = stmt.get(id) as { title: string; body: string } | undefined;
      if (!row) continue;
      for (const t of rowTerms(row.title, row.body)) delta.set(t, (delta.get(t) ?? 0) - 1);
    }
  }

  getMeta(key: string): string | undefined {
    return (this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  setMeta(key: string, value: string): void {
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** Bumped by every committed change; the vector index records the one it matches. */
  generation(): number {
    return Number(this.getMeta('generation') ?? 0);
  }

  private bump(): void {
    this.setMeta('generation', String(this.generation() + 1));
  }

  fileHashes(): Map<string, string> {
    return new Map([...this.indexedFiles()].map(([file, { hash }]) => [file, hash]));
  }

  /** Every indexed file's content hash, with the stamp it was read under, if any. */
  indexedFiles(): Map<string, { hash: string; stamp: FileStamp | null }> {
    const rows = this.statement('SELECT file, hash, size, mtime_ms FROM files').all() as {
      file: string; hash: string; size: number | null; mtime_ms: number | null;
    }[];
    return new Map(rows.map((r) => [r.file, { hash: r.hash, stamp: r.size === null || r.mtime_ms === null ? null : { size: r.size, mtimeMs: r.mtime_ms } }]));
  }

  /** Record the stamps under which unchanged files were read again (so that the next run need not read them). */
  setFileStamps(stamps: { file: string; stamp: FileStamp | null }[]): void {
    const update = this.statement('UPDATE files SET size = ?, mtime_ms = ? WHERE file = ?');
    this.db.transaction(() => stamps.forEach(({ file, stamp }) => update.run(stamp?.size ?? null, stamp?.mtimeMs ?? null, file)))();
  }

  /** Mark every file as changed, keeping its passages until it is indexed again (its terms are stale). */
  forgetFileHashes(): void {
    this.db.prepare("UPDATE files SET hash = '', size = NULL, mtime_ms = NULL").run();
  }

  /** A vector already computed for this exact text, so an edit re-embeds only what changed. */
  vectorByHash(hash: string): Float32Array | null {
    const row = this.statement('SELECT vector FROM passages WHERE hash = ? AND vector IS NOT NULL LIMIT 1').get(hash) as
      | { vector: Buffer }
      | undefined;
    return row ? fromBlob(row.vector) : null;
  }

  /** Replace everything indexed from `file` with `articles`, atomically; `stamp` is what the file was read under. */
  replaceFile(file: string, hash: string, articles: NewArticle[], stamp: FileStamp | null = null): FileChange {
    return this.db.transaction((): FileChange => {
      const removed = this.passageIdsOf(file);
      const delta = new Map<string, number>();
      this.forgetTerms(removed, delta);
      this.statement('DELETE FROM files WHERE file = ?').run(file);
      this.statement('INSERT INTO files (file, hash, indexed_at, size, mtime_ms) VALUES (?, ?, ?, ?, ?)').run(
        file, hash, new Date().toISOString(), stamp?.size ?? null, stamp?.mtimeMs ?? null,
      );
      const insertArticle = this.statement(
        'INSERT INTO articles (id, file, part, title, date, source, section) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const insertPassage = this.statement('INSERT INTO passages (article_id, position, text, hash, vector) VALUES (?, ?, ?, ?, ?)');
      const insertFts = this.statement('INSERT INTO passages_fts (rowid, title, body) VALUES (?, ?, ?)');
      const added: FileChange['added'] = [];
      for (const { parsed, titleTerms, passages } of articles) {
        const id = articleId(file, parsed.part);
        insertArticle.run(id, file, parsed.part, parsed.title, parsed.date, parsed.source, parsed.section);
        const title = titleTerms.join(' ');
        for (const p of passages) {
          const rowid = Number(insertPassage.run(id, p.position, p.text, p.hash, toBlob(p.vector)).lastInsertRowid);
          const body = p.terms.join(' ');
          insertFts.run(rowid, title, body);
          for (const t of rowTerms(title, body)) delta.set(t, (delta.get(t) ?? 0) + 1);
          added.push({ id: rowid, vector: p.vector });
        }
      }
      this.countTerms(delta);
      this.bump();
      return { removed, added };
    })();
  }

  /** Forget a file and everything indexed from it; returns the passage ids removed. */
  removeFile(file: string): number[] {
    return this.db.transaction(() => {
      const removed = this.passageIdsOf(file);
      const delta = new Map<string, number>();
      this.forgetTerms(removed, delta);
      this.statement('DELETE FROM files WHERE file = ?').run(file);
      this.countTerms(delta);
      this.bump();
      return removed;
    })();
  }

  private passageIdsOf(file: string): number[] {
    return (
      this.statement('SELECT p.id FROM passages p JOIN articles a ON a.id = p.article_id WHERE a.file = ?').all(file) as { id: number }[]
    ).map((r) => r.id);
  }

  /** Passages that still need a vector (new model, or indexed while no model was available). */
  passagesWithoutVector(): { id: number; text: string }[] {
    return this.db.prepare('SELECT id, text FROM passages WHERE vector IS NULL ORDER BY id').all() as { id: number; text: string }[];
  }

  setVectors(vectors: { id: number; vector: Float32Array }[]): void {
    this.db.transaction(() => {
      const update = this.db.prepare('UPDATE passages SET vector = ? WHERE id = ?');
      for (const { id, vector } of vectors) update.run(toBlob(vector), id);
      this.bump();
    })();
  }

  /** Drop every vector, when the embedding model changes and old vectors mean nothing. */
  clearVectors(): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE passages SET vector = NULL').run();
      this.bump();
    })();
  }

  /** Ids of the passages that have a vector: what the vector index must hold. */
  vectorIds(): number[] {
    return (this.db.prepare('SELECT id FROM passages WHERE vector IS NOT NULL').all() as { id: number }[]).map((r) => r.id);
  }

  *vectors(): Generator<{ id: number; vector: Float32Array }> {
    for (const row of this.db.prepare('SELECT id, vector FROM passages WHERE vector IS NOT NULL').iterate() as Iterable<{
      id: number;
      vector: Buffer;
    }>) {
      yield { id: row.id, vector: fromBlob(row.vector) };
    }
  }

  /**
   * BM25-ranked passages matching any of `terms` or, where the analyzer allows, words they begin.
   *
   * Candidates are selected by the question's rare terms: a word found in a large share of the
   * archive says little about which passages answer, yet scoring every row it matches is what made
   * a question's cost grow with the archive. When all the terms together reach at most
   * `RARE_TERM_ROWS` rows (every question on a small archive), all of them select candidates, as
   * always; otherwise the rarest terms do, as many as fit in that many rows (at least the rarest).
   * The common terms still count where it matters: coverage, computed on the candidates.
   */
  lexicalSearch(terms: string[], limit: number, options: LexicalQueryOptions): { id: number; bm25: number }[] {
    const unique = [...new Set(terms)];
    if (unique.length === 0) return [];
    const rows = unique.map((term) => ({ term, rows: this.rowsReached(term, options.matchesLongerForms(term)) }));
    let chosen = unique;
    if (rows.reduce((sum, r) => sum + r.rows, 0) > RARE_TERM_ROWS) {
      chosen = [];
      let reached = 0;
      for (const r of rows.filter((x) => x.rows > 0).sort((a, b) => a.rows - b.rows)) {
        if (chosen.length > 0 && reached + r.rows > RARE_TERM_ROWS) break;
        chosen.push(r.term);
        reached += r.rows;
      }
      if (chosen.length === 0) return [];
    }
    const query = chosen.map((t) => `"${t.replace(/"/g, '""')}"${options.matchesLongerForms(t) ? '*' : ''}`).join(' OR ');
    return this.statement(
      `SELECT rowid AS id, bm25(passages_fts, ?, ?) AS bm25 FROM passages_fts
         WHERE passages_fts MATCH ? ORDER BY bm25 LIMIT ?`,
    ).all(options.titleWeight, options.bodyWeight, query, limit) as { id: number; bm25: number }[];
  }

  /** At most how many passages a term (or, with `prefix`, the terms it begins) is found in. */
  private rowsReached(term: string, prefix: boolean): number {
    if (!prefix) return this.documentFrequencies([term]).get(term) ?? 0;
    const row = this.statement('SELECT coalesce(sum(df), 0) AS n FROM term_df WHERE term >= ? AND term < ?').get(term, `${term}\u{10FFFF}`) as {
      n: number;
    };
    return row.n;
  }

  /**
   * The matching terms stored in the lexical index for each passage, so a question need not
   * recompute them. The sets are kept for the store generation they were read at (at most
   * TERM_SETS_KEPT passages): a passage that candidates for many questions is read once, and what
   * the analyzer builds once per set (its form index, its roots) serves them all.
   */
  indexedTerms(ids: number[]): Map<number, PassageTerms> {
    const generation = this.generation();
    if (this.termSets.generation !== generation || this.termSets.sets.size > TERM_SETS_KEPT) {
      this.termSets = { generation, sets: new Map() };
    }
    const { sets } = this.termSets;
    const stmt = this.statement('SELECT title, body FROM passages_fts WHERE rowid = ?');
    const split = (s: string) => new Set(s.split(' ').filter(Boolean));
    return new Map(
      ids.flatMap((id) => {
        let terms = sets.get(id);
        if (!terms) {
          const row = stmt.get(id) as { title: string; body: string } | undefined;
          if (!row) return [];
          sets.set(id, (terms = { body: split(row.body), title: split(row.title) }));
        }
        return [[id, terms] as const];
      }),
    );
  }

  private termSets: { generation: number; sets: Map<number, PassageTerms> } = { generation: -1, sets: new Map() };

  /**
   * How many passages contain each term (body or title), for IDF weights: one lookup in term_df,
   * kept with the index in the same transactions, instead of walking the term's posting list.
   */
  documentFrequencies(terms: string[]): Map<string, number> {
    const stmt = this.statement('SELECT df FROM term_df WHERE term = ?');
    return new Map(terms.map((t) => [t, (stmt.get(t) as { df: number } | undefined)?.df ?? 0]));
  }

  /**
   * The distinct terms of the lexical index (bodies and titles), the archive's own vocabulary, as
   * the analyzer consults it: by lookups in term_df and the keys filed with each term.
   */
  readonly vocabulary: Vocabulary = {
    withPrefix: (prefix) => this.terms('SELECT term FROM term_df WHERE term >= ? AND term < ?', prefix, `${prefix}\u{10FFFF}`),
    withVariantKey: (key) => this.terms('SELECT term FROM term_variant_key WHERE key = ?', key),
    hasRoot: (roots) => roots.some((root) => this.statement('SELECT 1 FROM term_root WHERE root = ? LIMIT 1').get(root) !== undefined),
    withRoot: (roots) => roots.flatMap((root) => this.terms('SELECT term FROM term_root WHERE root = ?', root)),
  };

  private terms(sql: string, ...params: string[]): string[] {
    return (this.statement(sql).all(...params) as { term: string }[]).map((r) => r.term);
  }

  private counted: { generation: number; passages: number } | null = null;

  /** Passages in the archive; counted once per store generation, not per question. */
  passageCount(): number {
    const generation = this.generation();
    if (this.counted?.generation !== generation) {
      this.counted = { generation, passages: (this.db.prepare('SELECT COUNT(*) AS n FROM passages').get() as { n: number }).n };
    }
    return this.counted.passages;
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** A prepared statement, prepared once per connection. */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  passages(ids: number[]): StoredPassage[] {
    const stmt = this.statement(`SELECT p.id AS pid, p.position, p.text, ${ARTICLE_COLUMNS}
      FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id = ?`);
    return ids.flatMap((id) => {
      const row = stmt.get(id) as (ArticleInfo & { pid: number; position: number; text: string }) | undefined;
      if (!row) return [];
      const { pid, position, text, ...article } = row;
      return [{ id: pid, position, text, article }];
    });
  }

  articleCount(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
  }

  articles(): ArticleInfo[] {
    return this.db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a ORDER BY a.date IS NULL, a.date DESC, a.file, a.part`).all() as ArticleInfo[];
  }

  article(idOrFile: string): ArticleInfo[] {
    return this.db.prepare(`SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.id = ? OR a.file = ? ORDER BY a.part`).all(idOrFile, idOrFile) as ArticleInfo[];
  }

  articlePassages(articleId: string): { position: number; text: string }[] {
    return this.db.prepare('SELECT position, text FROM passages WHERE article_id = ? ORDER BY position').all(articleId) as {
      position: number;
      text: string;
    }[];
  }

  close(): void {
    this.db.close();
  }
}
