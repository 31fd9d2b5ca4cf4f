import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempArchive } from './helpers.js';

const dirs = tempArchive();
const env = { DATA_DIR: dirs.dataDir, INDEX_DIR: dirs.indexDir };

describe('CLI (real process, --json output)', () => {
  beforeAll(async () => {
    writeFileSync(join(dirs.dataDir, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
  });

  it('index --json prints one object with the documented fields', async () => {
    const { code, stdout, stderr } = await runCli(['index', '--json'], env);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^sanad warning: EMBEDDING_MODEL=none/m);
    const report = JSON.parse(stdout);
    expect(Object.keys(report).sort()).toEqual(['added', 'articles', 'failed', 'mode', 'passages', 'removed', 'unchanged', 'updated']);
    expect(report).toMatchObject({ articles: 6, added: 5, mode: 'lexical', failed: [{ file: 'broken.txt', reason: 'binary file, not text' }] });
  });

  it('ask --json answers with rank, score, text, excerpt, article and position', async () => {
    const { code, stdout } = await runCli(['ask', 'متى دخلت طالبان كابول؟', '--top', '2', '--json'], env);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ question: 'متى دخلت طالبان كابول؟', answered: true, unmatched: [] });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(2);
    const r = answer.results[0];
    expect(Object.keys(r).sort()).toEqual(['article', 'excerpt', 'position', 'rank', 'score', 'text']);
    expect(Object.keys(r.article).sort()).toEqual(['date', 'file', 'id', 'source', 'title']);
    expect(r).toMatchObject({ rank: 1, article: { file: '001_5342da39c5f54c5f.txt', date: '2021-10-13', source: 'تاس' } });
    expect(r.text).toContain(r.excerpt);
  });

  it('ask --file answers one JSON line per question, in order', async () => {
    const file = join(dirs.dir, 'questions.txt');
    writeFileSync(file, 'متى دخلت طالبان كابول؟\n\nما هي نتيجة مباراة ريال مدريد أمس؟\nماذا قال الكرملين عن إرسال قوات بريطانية إلى أوكرانيا؟\n');
    const { code, stdout } = await runCli(['ask', '--file', file, '--json'], env);
    expect(code).toBe(0);
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers.map((a) => a.answered)).toEqual([true, false, true]);
    expect(answers[1].results).toEqual([]);
    expect(answers[2].results[0].article.title).toBe('روسيا تحذر بريطانيا من إرسال قوات إلى أوكرانيا');
  });

  it('sources --json and show --json', async () => {
    const sources = JSON.parse((await runCli(['sources', '--json'], env)).stdout);
    expect(sources).toHaveLength(6);
    expect(Object.keys(sources[0]).sort()).toEqual(['date', 'file', 'id', 'passages', 'section', 'source', 'title']);
    const ukraine = sources.find((s: { title: string }) => s.title.includes('أوكرانيا'));
    const shown = JSON.parse((await runCli(['show', ukraine.id, '--json'], env)).stdout);
    expect(shown).toMatchObject({ id: ukraine.id, file: '003_1f1856e168336150.txt' });
    expect(shown.passages[0]).toMatchObject({ position: 0 });
    expect(shown.passages[0].text).toMatch(/^حذر الكرملين/);
    const missing = await runCli(['show', 'nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no article with id or file "nope"');
  });

  it('eval --json reports Hit@1, Hit@3, MRR and abstention, overall and per language', async () => {
    const { code, stdout } = await runCli(['eval', '--json'], env);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.mode).toBe('lexical');
    expect(Object.keys(report.byLang).sort()).toEqual(['ar', 'en']);
    for (const s of [report.overall, report.byLang.ar]) {
      for (const k of ['hit1', 'hit3', 'mrr', 'abstention', 'falseNotFound']) expect(s[k]).toBeGreaterThanOrEqual(0);
      expect(s.hit3).toBeGreaterThanOrEqual(s.hit1);
    }
    expect(report.overall.questions).toBeGreaterThanOrEqual(60);
    expect(report.overall.unanswerable).toBeGreaterThanOrEqual(10);
  });

  it('invalid configuration stops with one clear line', async () => {
    const { code, stderr } = await runCli(['sources'], { ...env, LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^sanad: invalid configuration: LOG_LEVEL/);
  });

  it('unknown commands and missing arguments are refused with help', async () => {
    const unknown = await runCli(['frobnicate'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const noQuestion = await runCli(['ask'], env);
    expect(noQuestion.code).not.toBe(0);
    expect(noQuestion.stderr).toMatch(/ask needs a question/);
  });
});
