/**
 * Recent answers by question, so that a question asked again — the same headline asked by many
 * readers at once is the usual case under load — costs a map lookup instead of a search. An
 * answer is only reused for the archive state it was computed on: entries are keyed by the store's
 * generation, which every change to the index advances (in whichever process made it). Bounded:
 * the least recently used entry goes first.
 */
import type { Answer } from './types.js';

export class AnswerMemo {
  private readonly entries = new Map<string, Answer>();

  constructor(private readonly max = 2_000) {}

  /** The remembered answer for `question` at `generation` with `top` results, or `compute`'s (remembered). */
  async get(generation: number, question: string, top: number, compute: () => Promise<Answer>): Promise<Answer> {
    const key = `${generation}\u0000${top}\u0000${question}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const answer = await compute();
    this.entries.set(key, answer);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return answer;
  }

  clear(): void {
    this.entries.clear();
  }
}
