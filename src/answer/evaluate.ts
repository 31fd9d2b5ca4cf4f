/**
 * Retrieval quality over a question set: Hit@1, Hit@3, MRR on answerable questions, and how
 * often the system says "not found" when it should (abstention) and when it should not.
 */
import type { Answer } from '../types.js';

export interface EvalQuestion {
  id: string;
  lang: string;
  style?: string;
  question: string;
  /**
   * Expected article file and a verbatim snippet of the answering passage (answerable questions);
   * several snippets where the archive states the answer in more than one passage.
   */
  file?: string;
  expect?: string | string[];
  answerable?: boolean;
}

export interface EvalScores {
  questions: number;
  answerable: number;
  unanswerable: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Share of unanswerable questions answered "not found". */
  abstention: number;
  /** Share of answerable questions wrongly answered "not found". */
  falseNotFound: number;
}

const squash = (s: string) => s.replace(/\s+/gu, ' ');

/** 1-based rank of the first result that holds the expected passage, or 0. */
function hitRank(q: EvalQuestion, answer: Answer): number {
  const expected = [q.expect ?? []].flat().map(squash);
  const i = answer.results.findIndex((r) => r.article.file === q.file && expected.some((e) => squash(r.text).includes(e)));
  return i + 1;
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : Number((n / d).toFixed(4)));

/** Score answers (same order as questions). */
export function scoreAnswers(questions: EvalQuestion[], answers: Answer[]): EvalScores {
  let hit1 = 0, hit3 = 0, rr = 0, abstained = 0, falseNotFound = 0, answerable = 0;
  questions.forEach((q, i) => {
    const a = answers[i]!;
    if (q.answerable === false) {
      if (!a.answered) abstained++;
      return;
    }
    answerable++;
    if (!a.answered) falseNotFound++;
    const rank = hitRank(q, a);
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    if (rank > 0) rr += 1 / rank;
  });
  const unanswerable = questions.length - answerable;
  return {
    questions: questions.length,
    answerable,
    unanswerable,
    hit1: ratio(hit1, answerable),
    hit3: ratio(hit3, answerable),
    mrr: ratio(rr, answerable),
    abstention: ratio(abstained, unanswerable),
    falseNotFound: ratio(falseNotFound, answerable),
  };
}
