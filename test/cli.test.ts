import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempArchive } from './helpers.js';
import { ENGLISH_REMEDY, formatAnswer } from '../src/cli/format.js';

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
    expect(Object.keys(report).sort()).toEqual(['added', 'articles', 'failed', 'mode', 'passages', 'removed', 'unchanged', 'updated', 'warnings']);
    expect(report).toMatchObject({ articles: 6, added: 5, mode: 'lexical', failed: [{ file: 'broken.txt', reason: expect.stringMatching(/^binary file, not text/) }] });
  });

  it('ask --json answers with rank, score, text, excerpt, article and position', async () => {
    const { code, stdout } = await runCli(['ask', 'متى دخلت طالبان كابول؟', '--top', '2', '--json'], env);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ question: 'متى دخلت طالبان كابول؟', answered: true, unmatched: [] });
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(2);
    const r = answer.results[0];
    expect(Object.keys(r).sort()).toEqual(['alsoIn', 'article', 'excerpt', 'position', 'rank', 'score', 'text']);
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

  it('an English question it cannot read says so, with the remedy, in one line', async () => {
    const { code, stdout } = await runCli(['ask', 'When did the Taliban enter Kabul?'], env);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(['? When did the Taliban enter Kabul?', `  not read: this archive cannot read English questions; ${ENGLISH_REMEDY}.`]);
    const json = JSON.parse((await runCli(['ask', 'When did the Taliban enter Kabul?', '--json'], env)).stdout);
    expect(json).toMatchObject({ answered: false, unread: 'english' });
  });

  it('status says what the setup can do and what would make it do more; sources and show load no model and warn of none', async () => {
    await runCli(['index'], env);
    const { code, stdout } = await runCli(['status'], env);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('mode: lexical (EMBEDDING_MODEL=none: lexical mode)');
    expect(lines[1]).toBe(`English questions: not read; to read them, ${ENGLISH_REMEDY}`);
    expect(lines[3]).toBe('writer: free');
    const json = JSON.parse((await runCli(['status', '--json'], env)).stdout);
    expect(json).toMatchObject({ mode: 'lexical', model: null, english: 'none', articles: 6, writer: null, dataDir: dirs.dataDir });
    const sources = await runCli(['sources'], { ...env, EMBEDDING_MODEL: 'Xenova/multilingual-e5-small' });
    expect(sources.code).toBe(0);
    expect(sources.stderr).toBe('');
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

  it('eval scores a small set exactly: a hit at rank 1, a miss, an abstention, a false "not found"', async () => {
    const file = join(dirs.dir, 'small.jsonl');
    const kabul = { file: '001_5342da39c5f54c5f.txt', expect: 'دخل المتطرفون العاصمة كابول' };
    writeFileSync(file, [
      { id: 's1', lang: 'ar', question: 'متى دخلت طالبان كابول؟', ...kabul },
      // Answered, but the expected passage (about Ukraine) is not among the results: a miss.
      { id: 's2', lang: 'ar', question: 'متى دخلت طالبان كابول؟', file: '003_1f1856e168336150.txt', expect: 'حذر الكرملين' },
      { id: 's3', lang: 'ar', question: 'ما هي نتيجة مباراة ريال مدريد أمس؟', answerable: false },
      // English cannot meet Arabic text in lexical mode: "not found" for an answerable question.
      { id: 's4', lang: 'en', question: 'When did the Taliban enter Kabul?', ...kabul },
    ].map((q) => JSON.stringify(q)).join('\n'));
    const { code, stdout } = await runCli(['eval', file, '--json'], env);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.byLang.ar).toEqual({ questions: 3, answerable: 2, unanswerable: 1, hit1: 0.5, hit3: 0.5, mrr: 0.5, abstention: 1, falseNotFound: 0 });
    expect(report.byLang.en).toEqual({ questions: 1, answerable: 1, unanswerable: 0, hit1: 0, hit3: 0, mrr: 0, abstention: 0, falseNotFound: 1 });
    expect(report.overall).toMatchObject({ answerable: 3, hit1: 0.3333, hit3: 0.3333, abstention: 1, falseNotFound: 0.3333 });
  });

  it('eval with no file reports the held-out sets, then the tuning set, with figures the answers bear out and the gaps', async () => {
    const { code, stdout } = await runCli(['eval', '--json'], env);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.mode).toBe('lexical');
    expect(report.heldOut.file).toBe('test/eval/holdout.jsonl');
    expect(report.fresh.file).toBe('test/eval/holdout-2.jsonl');
    expect(report.tuning.file).toBe('test/eval/questions.jsonl');
    const sets = [report.heldOut, report.fresh, report.tuning];
    for (const set of sets) {
      // The same questions asked through `ask --file`, scored here without the eval code.
      const questions = readFileSync(join(ROOT, set.file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const asked = join(dirs.dir, 'asked.txt');
      writeFileSync(asked, questions.map((q) => q.question).join('\n'));
      const answers = (await runCli(['ask', '--file', asked, '--top', '3', '--json'], env)).stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(answers).toHaveLength(questions.length);
      const ar = questions.flatMap((q, i) => (q.lang === 'ar' ? [{ q, a: answers[i] }] : []));
      const answerable = ar.filter(({ q }) => q.answerable !== false);
      const unanswerable = ar.filter(({ q }) => q.answerable === false);
      const squash = (t: string) => t.replace(/\s+/g, ' ');
      const rank = ({ q, a }: { q: { file: string; expect: string | string[] }; a: { results: { text: string; article: { file: string } }[] } }) =>
        a.results.findIndex((r) => r.article.file === q.file && [q.expect].flat().some((e) => squash(r.text).includes(squash(e)))) + 1;
      const share = (n: number, d: number) => Number((n / d).toFixed(4));
      const ranks = answerable.map(rank);
      expect(set.byLang.ar).toEqual({
        questions: ar.length,
        answerable: answerable.length,
        unanswerable: unanswerable.length,
        hit1: share(ranks.filter((r) => r === 1).length, answerable.length),
        hit3: share(ranks.filter((r) => r >= 1 && r <= 3).length, answerable.length),
        mrr: share(ranks.reduce((sum, r) => sum + (r > 0 ? 1 / r : 0), 0), answerable.length),
        abstention: share(unanswerable.filter(({ a }) => !a.answered).length, unanswerable.length),
        falseNotFound: share(answerable.filter(({ a }) => !a.answered).length, answerable.length),
      });
    }
    for (const [gap, heldOut] of [[report.gap, report.heldOut], [report.freshGap, report.fresh]]) {
      const diff = (k: 'hit1' | 'hit3' | 'mrr') => Number((report.tuning.byLang.ar[k] - heldOut.byLang.ar[k]).toFixed(4));
      expect(gap.ar).toEqual({ hit1: diff('hit1'), hit3: diff('hit3'), mrr: diff('mrr') });
    }
    // Every set holds answerable and unanswerable Arabic questions, and the lexical index answers most tuning ones.
    for (const [set, least] of [[report.heldOut, 10], [report.fresh, 8], [report.tuning, 10]] as const) {
      expect(Math.min(set.byLang.ar.answerable, set.byLang.ar.unanswerable)).toBeGreaterThanOrEqual(least);
    }
    expect(report.tuning.byLang.ar.hit3).toBeGreaterThan(0.5);
  }, 180_000); // four real processes, one of them indexing: slow on a loaded machine

  it('eval --no-synonyms and --set change the reading and the ranking; a bad --set is refused', async () => {
    const file = join(dirs.dir, 'one.jsonl');
    // "غادر" and "العسكريون" meet the archive's "انسحاب" and "القوات" only through synonym groups.
    writeFileSync(file, JSON.stringify({ id: 'o1', lang: 'ar', question: 'متى غادر العسكريون الأمريكيون؟', answerable: false }));
    const plain = JSON.parse((await runCli(['eval', file, '--json'], env)).stdout);
    expect(plain).toMatchObject({ variant: [], overall: { abstention: 0 } });
    const ablated = JSON.parse((await runCli(['eval', file, '--json', '--no-synonyms', '--set', 'rootCredit=0'], env)).stdout);
    expect(ablated).toMatchObject({ variant: ['no synonyms', 'rootCredit=0'], overall: { abstention: 1 } });
    const bad = await runCli(['eval', file, '--set', 'formCredit=2', '--set', 'speed=11'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('formCredit must be a number from 0.3 to 1, got 2');
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

describe('the CLI\'s answer text', () => {
  const article = { id: 'a1', title: 'انسحاب من قاعدة باغرام', source: 'وكالة', date: '2024-03-12', file: 'bagram.txt' };
  const result = { rank: 1, score: 0.91, text: 'أكملت القوات انسحابها.', excerpt: 'أكملت القوات انسحابها.', article, position: 0, alsoIn: [] };

  it('says last, answered or not, how many passages only their words could reach while the archive is embedded', () => {
    const answered = formatAnswer({ question: 'متى انسحبت القوات؟', answered: true, results: [result], unmatched: [], unembedded: 12345 }).split('\n');
    expect(answered.at(-1)).toBe('  12,345 passages not embedded yet: matched by their words only');
    expect(answered).toContain('  1. «أكملت القوات انسحابها.»');
    const declined = formatAnswer({ question: 'متى انسحبت القوات؟', answered: false, results: [], unmatched: [], unembedded: 7 }).split('\n');
    expect(declined).toEqual(['? متى انسحبت القوات؟', '  not found: nothing in the archive answers this.', '  7 passages not embedded yet: matched by their words only']);
    expect(formatAnswer({ question: 'متى؟', answered: true, results: [result], unmatched: [] })).not.toContain('not embedded');
  });
});
