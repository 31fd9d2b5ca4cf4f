/**
 * Excerpts for passages found by meaning. When no question word picks a sentence (an English
 * question over Arabic text, a paraphrase), the sentence closest in meaning to the question is
 * quoted instead, still a verbatim slice of the passage. Needs the model, so it is async and only
 * runs for the few passages cited.
 */
import type { Embedder } from '../embed/embedder.js';
import { sentenceSpans } from '../ingest/sentences.js';
import type { RankingOptions } from '../search/ranking-options.js';
import { excerptAt, type Excerpt } from './excerpt.js';

/** The excerpt whose sentence is most similar to `queryVector` (unit length); one embedding batch. */
export async function excerptByMeaning(text: string, queryVector: Float32Array, embedder: Embedder, options: RankingOptions): Promise<Excerpt> {
  const spans = sentenceSpans(text);
  if (spans.length === 0) return { text, start: 0, end: text.length, score: 0 };
  if (spans.length === 1) return excerptAt(text, spans, 0, 0, options);
  const vectors = await embedder.embedPassages(spans.map((s) => text.slice(s.start, s.end)));
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
