import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../src/archive/archive.js';
import { scoreAnswers, type EvalQuestion } from '../src/answer/evaluate.js';
import type { Answer, AnswerResult } from '../src/types.js';
import { ROOT, tempArchive, testConfig } from './helpers.js';

const result = (file: string, text: string, rank: number): AnswerResult => ({
  rank,
  score: 1,
  text,
  excerpt: text,
  article: { id: 'x', title: 't', source: null, date: null, file },
  position: 0,
  alsoIn: [],
});
const answer = (...results: AnswerResult[]): Answer => ({ question: 'q', answered: results.length > 0, results, unmatched: [] });

describe('scoring', () => {
  it('counts a hit at the first result holding any expected snippet of the expected file', () => {
    const questions: EvalQuestion[] = [
      { id: '1', lang: 'ar', question: 'q', file: 'a.txt', expect: 'الجواب هنا' },
      { id: '2', lang: 'ar', question: 'q', file: 'a.txt', expect: ['نص آخر', 'الجواب  الثاني'] },
      { id: '3', lang: 'ar', question: 'q', file: 'a.txt', expect: 'الجواب هنا' },
      { id: '4', lang: 'ar', question: 'q', answerable: false },
      { id: '5', lang: 'ar', question: 'q', answerable: false },
    ];
    const scores = scoreAnswers(questions, [
      answer(result('a.txt', 'قبل الجواب هنا وبعده', 1)),
      answer(result('a.txt', 'لا شيء', 1), result('a.txt', 'هذا الجواب الثاني', 2)),
      answer(result('b.txt', 'الجواب هنا', 1)),
      answer(),
      answer(result('a.txt', 'ضجيج', 1)),
    ]);
    expect(scores).toMatchObject({ answerable: 3, unanswerable: 2, hit1: 0.3333, hit3: 0.6667, mrr: 0.5, abstention: 0.5, falseNotFound: 0 });
  });
});

describe('the eval sets', () => {
  let archive: Archive;
  beforeAll(async () => {
    archive = await openArchive(testConfig(tempArchive()), pino({ level: 'silent' }));
    await archive.index();
  });
  afterAll(() => archive.close());

  it.each(['questions.jsonl', 'holdout.jsonl'])('%s: every expected snippet is in one passage of its file', (name) => {
    const questions = readFileSync(join(ROOT, 'test/eval', name), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as EvalQuestion);
    const squash = (s: string) => s.replace(/\s+/gu, ' ');
    const missing = questions.flatMap((q) => {
      if (q.answerable === false) return [];
      const passages = archive.sources().filter((a) => a.file === q.file).flatMap((a) => archive.show(a.id)!.passages.map((p) => squash(p.text)));
      return [q.expect ?? []].flat().filter((e) => !passages.some((p) => p.includes(squash(e)))).map((e) => `${q.id}: ${e}`);
    });
    expect(missing).toEqual([]);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });
});
