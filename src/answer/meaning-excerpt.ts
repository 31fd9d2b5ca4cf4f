/**
 * Excerpts for passages found by meaning. When no question word picks a sentence (an English
 * question over Arabic text, a paraphrase), the sentence closest in meaning to the question is
 * quoted instead, still a verbatim slice of the passage. Needs the model, so it is async and only
 * runs for the few passages cited.
 */
import { boundedMemo } from '../analysis/bounded-memo.js';
import type { Embedder } from '../embed/embedder.js';
import { sentenceSpans } from '../ingest/sentences.js';
import type { RankingOptions } from '../search/ranking-options.js';
import { excerptAt, type Excerpt } from './excerpt.js';

/**
 * Passages whose sentence vectors are kept, per model (1.5 KB a sentence at 384 dimensions, so a few
 * MB). The same passages answer many questions, and their sentences cost several times a question's
 * own embedding; a text's vectors never change for one model, so a passage quoted again costs no model
 * run and gets the same excerpt.
 */
const MEMO_PASSAGES = 500;

const memos = new WeakMap<Embedder, (text: string) => Promise<Float32Array[]>>();

/** The vectors of the sentences of `text` (`sentenceSpans` order), embedded once per model and text. */
function sentenceVectors(embedder: Embedder, text: string): Promise<Float32Array[]> {
  let memo = memos.get(embedder);
  if (!memo) {
    memo = boundedMemo((t) => embedder.embedPassages(sentenceSpans(t).map((s) => t.slice(s.start, s.end))), MEMO_PASSAGES);
    memos.set(embedder, memo);
  }
  return memo(text);
}

/** The excerpt whose sentence is most similar to `queryVector` (unit length); one embedding batch. */
export async function excerptByMeaning(text: string, queryVector: Float32Array, embedder: Embedder, options: RankingOptions): Promise<Excerpt> {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return { text, start: 0, end: text.length, score: 0 };
  if (spans.length === 1) return excerptAt(text, spans, 0, 0, options);
  const vectors = await sentenceVectors(embedder, text);
  let best = 0;
  let bestSimilarity = -Infinity;
  vectors.forEach((v, i) => {
    let dot = 0;
    for (let k = 0; k < v.length; k++) dot += v[k]! * queryVector[k]!;
    if (dot > bestSimilarity) {
      best = i;
      bestSimilarity = dot;
    }
  });
  return excerptAt(text, spans, best, 0, options);
}
