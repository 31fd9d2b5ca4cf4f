/**
 * What keeps a question's cost flat in the archive's size (issue 11): document frequencies from the
 * term_df table (always equal to what FTS5 counts), the passage count per generation, and lexical
 * candidates selected by the question's rare terms once its terms reach many rows.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../src/archive/archive.js';
import { ArchiveStore, type NewArticle } from '../src/index/store.js';
import { tempArchive, testConfig } from './helpers.js';

const silent = pino({ level: 'silent' });
let open: Archive[] = [];
afterEach(() => {
  open.forEach((a) => a.close());
  open = [];
});

/** term_df and FTS5's own count (fts5vocab), as sorted lists; the vocabulary's keys as the store filed them. */
function frequencies(indexDir: string): { cached: string[]; fts5: string[]; keys: unknown[] } {
  const db = new Database(join(indexDir, 'sanad.sqlite'), { readonly: true });
  const cached = (db.prepare('SELECT term, df FROM term_df ORDER BY term').all() as { term: string; df: number }[]).map((r) => `${r.term}:${r.df}`);
  const fts5 = (db.prepare('SELECT term, doc FROM passages_vocab ORDER BY term').all() as { term: string; doc: number }[]).map(
    (r) => `${r.term}:${r.doc}`,
  );
  const keys = [...db.prepare('SELECT * FROM term_variant_key ORDER BY 1, 2').all(), ...db.prepare('SELECT * FROM term_root ORDER BY 1, 2').all()];
  db.close();
  return { cached, fts5, keys };
}

describe('document frequencies from term_df', () => {
  it('equal FTS5 counts after indexing, an edit, a deletion, and when rebuilt for an older index', async () => {
    const dirs = tempArchive();
    let archive = await openArchive(testConfig(dirs), silent);
    open.push(archive);
    await archive.index();
    let f = frequencies(dirs.indexDir);
    expect(f.cached.length).toBeGreaterThan(500);
    expect(f.cached).toEqual(f.fts5);

    appendFileSync(join(dirs.dataDir, '004_50136c7af15aecd1.txt'), '\n\nوأعلن لافروف أن روسيا ستفتتح قنصلية جديدة في مدينة مزار شريف الأفغانية خلال الشهر المقبل.\n');
    rmSync(join(dirs.dataDir, '000_2f97a4cd25084954.txt'));
    expect(await archive.index()).toMatchObject({ updated: 1, removed: 1 });
    f = frequencies(dirs.indexDir);
    expect(f.cached).toEqual(f.fts5);
    const answer = await archive.ask('هل ستفتح روسيا قنصلية في مزار شريف؟');
    archive.close();
    open = [];
    const keys = f.keys;
    expect(keys.length).toBeGreaterThan(500);

    // An index built before term_df and the vocabulary's keys existed: they are built from FTS5 when the store opens.
    const db = new Database(join(dirs.indexDir, 'sanad.sqlite'));
    db.exec("DROP TABLE term_df; DROP TABLE term_variant_key; DROP TABLE term_root; DELETE FROM meta WHERE key = 'derived_version'");
    db.close();
    archive = await openArchive(testConfig(dirs), silent);
    open.push(archive);
    f = frequencies(dirs.indexDir);
    expect(f.cached).toEqual(f.fts5);
    // The same keys as those filed term by term while indexing, editing and deleting.
    expect(f.keys).toEqual(keys);
    expect(await archive.ask('هل ستفتح روسيا قنصلية في مزار شريف؟')).toEqual(answer);
  });
});

describe('lexical candidates on a large archive', () => {
  /** A store of `n` one-passage articles: every passage holds "شايع", passages 0, 1, 2 also "نادر". */
  function bigStore(n: number): { store: ArchiveStore; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-scale-'));
    const store = new ArchiveStore(join(dir, 'sanad.sqlite'));
    store.batch(() => {
      for (let i = 0; i < n; i++) {
        const terms = ['شايع', `كلمه${i}`, ...(i < 3 ? ['نادر'] : [])];
        const article: NewArticle = {
          parsed: { file: `f${i}.txt`, part: 0, title: `t${i}`, date: null, source: null, section: null, paragraphs: [] },
          titleTerms: [],
          passages: [{ position: 0, text: terms.join(' '), hash: String(i), terms, vector: null }],
        };
        store.replaceFile(`f${i}.txt`, String(i), [article]);
      }
    });
    return { store, dir };
  }

  const options = { matchesLongerForms: () => false, titleWeight: 0.3, bodyWeight: 1 };

  it('are selected by the rare terms when the common ones reach thousands of rows', () => {
    const { store, dir } = bigStore(6000);
    try {
      expect(store.passageCount()).toBe(6000);
      expect(store.documentFrequencies(['شايع', 'نادر', 'غايب'])).toEqual(new Map([['شايع', 6000], ['نادر', 3], ['غايب', 0]]));
      const hits = store.lexicalSearch(['شايع', 'نادر'], 50, options);
      expect(hits.map((h) => h.id).sort((a, b) => a - b)).toEqual([1, 2, 3]);
      // Only common terms: they select, up to the limit.
      expect(store.lexicalSearch(['شايع'], 50, options)).toHaveLength(50);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are selected by every term on a small archive, as always', () => {
    const { store, dir } = bigStore(200);
    try {
      expect(store.lexicalSearch(['شايع', 'نادر'], 50, options)).toHaveLength(50);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
