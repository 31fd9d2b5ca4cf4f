/**
 * The questions a bench run asks: every question of the project's sets (test/eval/*.jsonl), and with
 * `--arcd DIR` also ARCD's test questions, so that a real archive is asked questions written by
 * people about other things as well as its own. This measures speed; quality is measured by eval.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArcd } from '../datasets/arcd.js';

export interface BenchQuestions {
  questions: string[];
  /** Where they came from, one line. */
  description: string;
}

export function benchQuestions(root: string, arcdDir: string | null): BenchQuestions {
  const dir = join(root, 'test/eval');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  const own = files.flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { question: string }).question),
  );
  const arcd = arcdDir ? readArcd(arcdDir, 'test').questions.map((q) => q.question) : [];
  const description = `${own.length} of test/eval/*.jsonl${arcdDir ? ` + ${arcd.length} of ARCD's test split` : ''}`;
  return { questions: [...own, ...arcd], description };
}
