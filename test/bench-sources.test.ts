/** What `npm run bench -- --corpus DIR --arcd DIR` measures on: a folder's article files as sanad lists them, and the questions. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderArchive } from '../scripts/bench/archive-source.js';
import { benchQuestions } from '../scripts/bench/questions.js';
import { ROOT } from './helpers.js';

const ARTICLE = 'وزير الخارجية يزور المنطقة\n\nتحدث وزير الخارجية اليوم عن المفاوضات الجارية حول الاتفاق الجديد مع الدول المجاورة في المنطقة وعن نتائجها المنتظرة.\n';

describe('bench --corpus', () => {
  it('counts the files sanad indexes (hidden and other files left out) and edits the first one sanad reads as an article', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-bench-corpus-'));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a/01.txt'), '1234 5678\n');
    writeFileSync(join(dir, 'a/02.txt'), ARTICLE);
    writeFileSync(join(dir, 'b.md'), ARTICLE);
    writeFileSync(join(dir, '.hidden.txt'), ARTICLE);
    writeFileSync(join(dir, 'notes.pdf'), ARTICLE);
    const archive = folderArchive(dir);
    expect(archive.files).toBe(3);
    expect(archive.bytes).toBe(Buffer.byteLength('1234 5678\n') + 2 * Buffer.byteLength(ARTICLE));
    expect(archive.editFile).toBe(join(archive.dataDir, 'a/02.txt'));
    expect(folderArchive(dir).key).toBe(archive.key);

    const other = join(mkdtempSync(join(tmpdir(), 'sanad-bench-corpus-')), 'a');
    mkdirSync(other);
    writeFileSync(join(other, 'x.txt'), ARTICLE);
    expect(folderArchive(other).key).not.toBe(folderArchive(join(dir, 'a')).key);
    expect(() => folderArchive(mkdtempSync(join(tmpdir(), 'sanad-bench-empty-')))).toThrow('no article file sanad can read');
  });

  it("asks every question of test/eval/*.jsonl, and ARCD's test questions with --arcd", () => {
    const own = readdirSync(join(ROOT, 'test/eval'))
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(ROOT, 'test/eval', f), 'utf8').split('\n').filter(Boolean));
    expect(benchQuestions(ROOT, null).questions).toHaveLength(own.length);

    const arcd = mkdtempSync(join(tmpdir(), 'sanad-bench-arcd-'));
    const split = (q: string) => JSON.stringify({ data: [{ title: 'ت', paragraphs: [{ context: 'نص', qas: [{ id: q, question: q }] }] }] });
    writeFileSync(join(arcd, 'arcd-test.json'), split('سؤال الاختبار؟'));
    writeFileSync(join(arcd, 'arcd-train.json'), split('سؤال التدريب؟'));
    const asked = benchQuestions(ROOT, arcd);
    expect(asked.questions.slice(own.length)).toEqual(['سؤال الاختبار؟']);
    expect(asked.description).toBe(`${own.length} of test/eval/*.jsonl + 1 of ARCD's test split`);
  });
});
