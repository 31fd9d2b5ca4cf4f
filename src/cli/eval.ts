/** `eval`: run a JSONL question set through the archive and score it, overall and per language. */
import { readFileSync } from 'node:fs';
import type { Archive } from '../archive.js';
import type { Answer } from '../types.js';
import { scoreAnswers, type EvalQuestion, type EvalScores } from '../answer/evaluate.js';

export interface EvalReport {
  mode: string;
  overall: EvalScores;
  byLang: Record<string, EvalScores>;
  table: string;
}

function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8').split(/\r?\n/u).filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalQuestion);
}

const row = (name: string, s: EvalScores) =>
  `${name.padEnd(8)} ${String(s.questions).padStart(4)} ${s.hit1.toFixed(3).padStart(7)} ${s.hit3.toFixed(3).padStart(7)} ${s.mrr.toFixed(3).padStart(7)} ${s.abstention.toFixed(3).padStart(11)} ${s.falseNotFound.toFixed(3).padStart(15)}`;

/** Answer every question (top 3) and score the answers. */
export async function runEval(archive: Archive, file: string): Promise<EvalReport> {
  const questions = readQuestions(file);
  const answers: Answer[] = [];
  for (const q of questions) answers.push(await archive.ask(q.question, { top: 3 }));
  const langs = [...new Set(questions.map((q) => q.lang))].sort();
  const byLang = Object.fromEntries(
    langs.map((lang) => {
      const idx = questions.flatMap((q, i) => (q.lang === lang ? [i] : []));
      return [lang, scoreAnswers(idx.map((i) => questions[i]!), idx.map((i) => answers[i]!))];
    }),
  );
  const overall = scoreAnswers(questions, answers);
  const table = [
    `mode: ${archive.mode}`,
    'set         n   Hit@1   Hit@3     MRR  abstention  false-notfound',
    ...langs.map((l) => row(l, byLang[l]!)),
    row('all', overall),
  ].join('\n');
  return { mode: archive.mode, overall, byLang, table };
}
