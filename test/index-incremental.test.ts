import { appendFileSync, copyFileSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../src/archive/archive.js';
import { tempArchive, testConfig } from './helpers.js';

const silent = pino({ level: 'silent' });
/** A paragraph that makes an upload differ from the seed file it is built from (a copy would be refused). */
const EXTRA = 'وأكد المتحدث أن الاجتماع المقبل سيعقد في موسكو لبحث الأمن الإقليمي والتعاون الاقتصادي بين البلدين.';
let open: Archive[] = [];
afterEach(() => {
  open.forEach((a) => a.close());
  open = [];
});

async function archiveFor(dirs: { dataDir: string; indexDir: string }): Promise<Archive> {
  const a = await openArchive(testConfig(dirs), silent);
  open.push(a);
  return a;
}

describe('incremental indexing (real SQLite + FTS5)', () => {
  it('indexes the seed archive, then costs nothing when nothing changed', async () => {
    const dirs = tempArchive();
    const archive = await archiveFor(dirs);
    const first = await archive.index();
    expect(first).toMatchObject({ articles: 6, added: 5, updated: 0, removed: 0, unchanged: 0, failed: [], mode: 'lexical' });
    expect(first.passages).toBeGreaterThan(50);
    const again = await archive.index();
    expect(again).toMatchObject({ articles: 6, passages: first.passages, added: 0, updated: 0, removed: 0, unchanged: 5 });
  });

  it('takes a file of unchanged size and modification time as unchanged without reading it; any other is read', async () => {
    const dirs = tempArchive();
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const f of readdirSync(dirs.dataDir)) utimesSync(join(dirs.dataDir, f), hourAgo, hourAgo);
    const stamps = () => {
      const db = new Database(join(dirs.indexDir, 'sanad.sqlite'), { readonly: true });
      const rows = db.prepare('SELECT file, size, mtime_ms FROM files ORDER BY file').all() as { file: string; size: number | null; mtime_ms: number | null }[];
      db.close();
      return rows;
    };
    let archive = await archiveFor(dirs);
    await archive.index();
    expect(stamps().every((r) => r.size !== null && Math.abs(r.mtime_ms! - hourAgo.getTime()) < 1000)).toBe(true);

    // Other bytes of the same length under the same time: unread, so unchanged (as make and rsync judge).
    const file = join(dirs.dataDir, '000_2f97a4cd25084954.txt');
    const text = readFileSync(file, 'utf8');
    const swapped = text.replace('روسيا', 'ايسور');
    expect(Buffer.byteLength(swapped)).toBe(Buffer.byteLength(text));
    writeFileSync(file, swapped);
    utimesSync(file, hourAgo, hourAgo);
    expect(await archive.index()).toMatchObject({ updated: 0, unchanged: 5 });

    // Another time: read, and the change found.
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(file, minuteAgo, minuteAgo);
    expect(await archive.index()).toMatchObject({ updated: 1, unchanged: 4 });

    // Written just now: read, and not stamped, so that a change within the same tick is not missed.
    writeFileSync(file, text);
    expect(await archive.index()).toMatchObject({ updated: 1 });
    expect(stamps().find((r) => r.file === '000_2f97a4cd25084954.txt')).toMatchObject({ size: null, mtime_ms: null });
    writeFileSync(file, swapped);
    expect(await archive.index()).toMatchObject({ updated: 1 });

    // An index made before stamps: its files are read once, then stamped.
    archive.close();
    open = [];
    const db = new Database(join(dirs.indexDir, 'sanad.sqlite'));
    db.exec('ALTER TABLE files DROP COLUMN size; ALTER TABLE files DROP COLUMN mtime_ms');
    db.close();
    archive = await archiveFor(dirs);
    expect(await archive.index()).toMatchObject({ updated: 0, unchanged: 5 });
    expect(stamps().filter((r) => r.size !== null)).toHaveLength(4);
  });

  it('re-stems every file of an index built under another version of the matching terms', async () => {
    const dirs = tempArchive();
    const archive = await archiveFor(dirs);
    const first = await archive.index();
    const answer = (await archive.ask('متى دخلت طالبان كابول؟')).results[0]!.text;
    archive.close();
    open = [];
    // An index from before a stop-list or stemming change: its files carry another terms version,
    // and its terms are not today's.
    const db = new Database(join(dirs.indexDir, 'sanad.sqlite'));
    db.prepare("UPDATE meta SET value = 'older' WHERE key = 'terms_version'").run();
    db.prepare("UPDATE passages_fts SET body = 'stale'").run();
    db.close();
    const reopened = await archiveFor(dirs);
    const report = await reopened.index();
    expect(report).toMatchObject({ articles: 6, passages: first.passages, added: 0, updated: 5, unchanged: 0 });
    expect((await reopened.ask('متى دخلت طالبان كابول؟')).results[0]!.text).toBe(answer);
    expect(await reopened.index()).toMatchObject({ updated: 0, unchanged: 5 });
  });

  it('an edited file is an update, a deleted file a removal, and answers follow', async () => {
    const dirs = tempArchive();
    const archive = await archiveFor(dirs);
    await archive.index();
    const file = join(dirs.dataDir, '004_50136c7af15aecd1.txt');
    appendFileSync(file, '\n\nوأعلن لافروف أن روسيا ستفتتح قنصلية جديدة في مدينة مزار شريف الأفغانية خلال الشهر المقبل لتسهيل التعاون.\n');
    expect(await archive.index()).toMatchObject({ updated: 1, unchanged: 4, added: 0, removed: 0 });
    const answer = await archive.ask('هل ستفتح روسيا قنصلية في مزار شريف؟');
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.text).toContain('مزار شريف');

    rmSync(join(dirs.dataDir, '003_1f1856e168336150.txt'));
    expect(await archive.index()).toMatchObject({ removed: 1, unchanged: 4, articles: 4 });
    const ukraine = await archive.ask('ماذا قال الكرملين عن إرسال قوات بريطانية إلى أوكرانيا؟');
    expect(ukraine.results.every((r) => r.article.file !== '003_1f1856e168336150.txt')).toBe(true);
  });

  it('reports unreadable files by name and leaves the rest of the index untouched', async () => {
    const dirs = tempArchive();
    const archive = await archiveFor(dirs);
    const before = await archive.index();
    writeFileSync(join(dirs.dataDir, 'empty.txt'), '');
    writeFileSync(join(dirs.dataDir, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    writeFileSync(join(dirs.dataDir, 'furniture.txt'), 'اترك تعليقاً\n\nزر الذهاب إلى الأعلى\n');
    // A previously indexed file that turns unreadable keeps its indexed version.
    writeFileSync(join(dirs.dataDir, '000_2f97a4cd25084954.txt'), Buffer.from([0, 1, 2, 3, 0, 0]));
    const report = await archive.index();
    expect(report.failed.map((f) => f.file).sort()).toEqual(['000_2f97a4cd25084954.txt', 'binary.txt', 'empty.txt', 'furniture.txt']);
    expect(report.failed.find((f) => f.file === 'empty.txt')!.reason).toBe('empty file');
    expect(report.failed.find((f) => f.file === 'binary.txt')!.reason).toMatch(/binary/);
    expect(report).toMatchObject({ articles: before.articles, passages: before.passages, added: 0, updated: 0, removed: 0 });
    expect(archive.sources().some((a) => a.file === '000_2f97a4cd25084954.txt')).toBe(true);
  });

  it('keeps article ids stable across re-indexing and a fresh index', async () => {
    const dirs = tempArchive();
    const a = await archiveFor(dirs);
    await a.index();
    const ids = a.sources().map((s) => s.id).sort();
    const other = tempArchive();
    const b = await archiveFor(other);
    await b.index();
    expect(b.sources().map((s) => s.id).sort()).toEqual(ids);
  });

  it('adds an uploaded file under a safe name, refuses bad files without touching DATA_DIR, and deletes', async () => {
    const dirs = tempArchive();
    const archive = await archiveFor(dirs);
    await archive.index();
    const seed = readFileSync(join(dirs.dataDir, '001_5342da39c5f54c5f.txt'));
    await expect(archive.addFile('copy.txt', seed)).rejects.toThrow('already in the archive as 001_5342da39c5f54c5f.txt');
    expect(() => readFileSync(join(dirs.dataDir, 'copy.txt'))).toThrow();
    const bytes = Buffer.concat([seed, Buffer.from(`\n\n${EXTRA}\n`)]);
    const added = await archive.addFile('../../etc/مقال جديد.txt', bytes);
    expect(added.file).toBe('مقال-جديد.txt');
    expect(added.articles[0]).toMatchObject({ date: '2021-10-13', source: 'تاس' });
    await expect(archive.addFile('x.txt', Buffer.alloc(0))).rejects.toThrow(/empty file/);
    await expect(archive.addFile('x.exe', bytes)).rejects.toThrow(/unsupported file type/);
    expect(() => readFileSync(join(dirs.dataDir, 'x.txt'))).toThrow();
    const removed = await archive.deleteArticle(added.articles[0]!.id);
    expect(removed.map((r) => r.file)).toEqual(['مقال-جديد.txt']);
    expect(archive.show(added.articles[0]!.id)).toBeNull();
    expect(await archive.deleteArticle('no-such-id')).toEqual([]);
  });

  it('runs concurrent uploads and deletes one after another, each indexed, none overwriting another', async () => {
    const dirs = tempArchive();
    const archive = await archiveFor(dirs);
    await archive.index();
    const edited = (file: string) => Buffer.concat([readFileSync(join(dirs.dataDir, file)), Buffer.from(`\n\n${EXTRA}\n`)]);
    const a = edited('001_5342da39c5f54c5f.txt');
    const b = edited('004_50136c7af15aecd1.txt');
    const [first, second, again, removed] = await Promise.all([
      archive.addFile('news.txt', a),
      archive.addFile('news.txt', b),
      archive.addFile('news.txt', a),
      archive.deleteArticle('002_311d5706b071db88.txt'),
    ]);
    expect([first.file, second.file, again.file]).toEqual(['news.txt', 'news-2.txt', 'news.txt']);
    expect(first.articles[0]!.date).toBe('2021-10-13');
    expect(second.articles[0]!.date).toBe('2018-02-20');
    expect(removed.map((r) => r.file)).toEqual(['002_311d5706b071db88.txt']);
    expect(archive.sources().map((s) => s.file)).not.toContain('002_311d5706b071db88.txt');
    expect(await archive.index()).toMatchObject({ added: 0, updated: 0, removed: 0, failed: [] });
  });

  it('answers with the verbatim excerpt and a citation, and says not found for noise', async () => {
    const dirs = tempArchive();
    const archive = await archiveFor(dirs);
    await archive.index();
    const answer = await archive.ask('متى دخلت طالبان كابول؟');
    expect(answer.answered).toBe(true);
    const top = answer.results[0]!;
    expect(top.text).toContain(top.excerpt);
    expect(top.excerpt).toContain('دخل المتطرفون العاصمة كابول');
    expect(top.article).toMatchObject({ source: 'تاس', date: '2021-10-13', file: '001_5342da39c5f54c5f.txt' });
    const seed = readFileSync(join(dirs.dataDir, top.article.file), 'utf8');
    expect(seed).toContain(top.excerpt);
    expect((await archive.ask('ما هي نتيجة مباراة ريال مدريد أمس؟')).answered).toBe(false);
    expect((await archive.ask('')).answered).toBe(false);
  });

  it('never shows the same text twice', async () => {
    const dirs = tempArchive();
    copyFileSync(join(dirs.dataDir, '001_5342da39c5f54c5f.txt'), join(dirs.dataDir, 'copy-of-001.txt'));
    const archive = await archiveFor(dirs);
    await archive.index();
    const answer = await archive.ask('متى دخلت طالبان كابول؟', { top: 5 });
    const texts = answer.results.map((r) => r.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
