/**
 * A large folder is analysed on a parse thread while the store is written (issue 11): the thread's
 * results are the in-thread analysis's, and the index it helps build is exactly the one indexing
 * in one thread makes, passage ids included, with a bad file failing alone.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { arabicAnalyzer } from '../src/analysis/analyzer.js';
import { openArchive } from '../src/archive/archive.js';
import { analyseFile } from '../src/index/analyse-file.js';
import { ParseThread } from '../src/index/parse-thread.js';
import { SEED_DIR, testConfig } from './helpers.js';

const MAX_BYTES = 2 * 1024 * 1024;
let dirs: string[] = [];
afterEach(() => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  dirs = [];
});

/** `n` distinct article files (a seed article with a paragraph of its own) and one that holds no article, under a new folder. */
function folder(n: number): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'sanad-parse-thread-'));
  dirs.push(dir);
  const seeds = readdirSync(SEED_DIR).sort().map((f) => readFileSync(join(SEED_DIR, f), 'utf8'));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const file = `f${String(i).padStart(3, '0')}.txt`;
    writeFileSync(join(dir, file), `${seeds[i % seeds.length]}\n\nفقرة رقم ${i}: أعلنت الحكومة في بيانها رقم ${i * 7} عن خطة جديدة.\n`);
    files.push(file);
  }
  writeFileSync(join(dir, 'f_empty.txt'), ' \n \n');
  return { dir, files: [...files, 'f_empty.txt'] };
}

/** Every passage of an index with its article, text and stored terms, by id. */
function indexRows(indexDir: string): unknown[] {
  const db = new Database(join(indexDir, 'sanad.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT p.id, a.file, a.part, a.title, a.date, p.position, p.text, f.title AS titleTerms, f.body AS terms
           FROM passages p JOIN articles a ON a.id = p.article_id JOIN passages_fts f ON f.rowid = p.id ORDER BY p.id`,
      )
      .all();
  } finally {
    db.close();
  }
}

describe('the parse thread', () => {
  it("answers each file, in order, with the in-thread analysis's result, a failure included", async () => {
    const { dir, files } = folder(40);
    const here = (file: string) => analyseFile(dir, file, MAX_BYTES, arabicAnalyzer());
    const thread = new ParseThread(files, { dataDir: dir, maxFileBytes: MAX_BYTES }, here);
    try {
      for (const file of files) expect(await thread.take(file)).toEqual(here(file));
    } finally {
      await thread.close();
    }
    expect(here('f_empty.txt')).toHaveProperty('failure');
    const again = new ParseThread(files, { dataDir: dir, maxFileBytes: MAX_BYTES }, here);
    expect(() => again.take(files[1]!)).toThrow(/out of order/);
    await again.close();
  });

  it('deals files to several threads and, should one die, analyses what it had not answered here, in order', async () => {
    const { dir, files } = folder(60);
    const here = (file: string) => analyseFile(dir, file, MAX_BYTES, arabicAnalyzer());
    const thread = new ParseThread(files, { dataDir: dir, maxFileBytes: MAX_BYTES }, here, 3);
    try {
      expect(await thread.take(files[0]!)).toEqual(here(files[0]!));
      // A thread's crash, as the runtime would end it: the files sent to it are still answered.
      await (thread as unknown as { workers: { terminate(): Promise<number> }[] }).workers[1]!.terminate();
      for (const file of files.slice(1)) expect(await thread.take(file)).toEqual(here(file));
    } finally {
      await thread.close();
    }
  });

  it('helps build the very index that indexing in one thread builds', async () => {
    const { dir, files } = folder(90);
    const silent = pino({ level: 'silent' });

    // At once: 91 files to index, analysed on the parse thread.
    const once = { dataDir: dir, indexDir: join(dir, '..', `${dir.split('/').pop()}-once`) };
    dirs.push(once.indexDir);
    const a = await openArchive(testConfig(once), silent);
    const reportA = await a.index();
    a.close();

    // In three runs of fewer files than the thread is started for: analysed here.
    const stepwise = { dataDir: mkdtempSync(join(tmpdir(), 'sanad-parse-steps-')), indexDir: '' };
    dirs.push(stepwise.dataDir);
    stepwise.indexDir = join(stepwise.dataDir, 'index');
    const data = join(stepwise.dataDir, 'data');
    mkdirSync(data);
    const b = await openArchive(testConfig({ dataDir: data, indexDir: stepwise.indexDir }), silent);
    let reportB;
    for (const part of [files.slice(0, 30), files.slice(30, 60), files.slice(60)]) {
      for (const file of part) writeFileSync(join(data, file), readFileSync(join(dir, file)));
      reportB = await b.index();
    }
    b.close();

    expect(reportA.failed).toEqual([{ file: 'f_empty.txt', reason: expect.any(String) }]);
    expect(reportB!.failed).toEqual(reportA.failed);
    expect(reportA.passages).toBe(reportB!.passages);
    const rows = indexRows(once.indexDir);
    expect(rows.length).toBeGreaterThan(90 * 5);
    expect(rows).toEqual(indexRows(stepwise.indexDir));
  });
});
