/**
 * Paragraphs → passages, the unit we retrieve and cite. Tiny paragraphs (subheadings, one-liners)
 * are merged with a neighbour so they carry context; very long ones are cut at sentence ends so
 * an excerpt stays readable and embeddings stay within the model's window.
 */
import { createHash } from 'node:crypto';
import type { Passage } from '../types.js';
import { sentenceSpans, wordCount } from './sentences.js';

export const MIN_PASSAGE_WORDS = 15;
export const MAX_PASSAGE_WORDS = 120;

/** sha256 of a passage's text or a file's bytes: their identity for incremental indexing. */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Cut a long paragraph into chunks of whole sentences, each at most `max` words where possible. */
function splitLong(paragraph: string, max: number): string[] {
  if (wordCount(paragraph) <= max) return [paragraph];
  const chunks: string[] = [];
  let current = '';
  for (const { start, end } of sentenceSpans(paragraph)) {
    const sentence = paragraph.slice(start, end);
    if (current && wordCount(current) + wordCount(sentence) > max) {
      chunks.push(current);
      current = sentence;
    } else {
      current = current ? `${current} ${sentence}` : sentence;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Merge short pieces forward (the last one backward) until each has at least `min` words. */
function mergeShort(pieces: string[], min: number): string[] {
  const out: string[] = [];
  let pending = '';
  for (const piece of pieces) {
    const text = pending ? `${pending}\n${piece}` : piece;
    if (wordCount(text) < min) pending = text;
    else {
      out.push(text);
      pending = '';
    }
  }
  if (pending) {
    if (out.length > 0) out[out.length - 1] = `${out[out.length - 1]}\n${pending}`;
    else out.push(pending);
  }
  return out;
}

/** Build the passages of one article from its paragraphs, in order. */
export function toPassages(paragraphs: string[]): Passage[] {
  const pieces = paragraphs.flatMap((p) => splitLong(p, MAX_PASSAGE_WORDS));
  return mergeShort(pieces, MIN_PASSAGE_WORDS).map((text, position) => ({ position, text, hash: contentHash(text) }));
}
