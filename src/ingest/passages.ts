/**
 * Paragraphs → passages, the unit we retrieve and cite. Tiny paragraphs (subheadings, one-liners)
 * are merged with a neighbour so they carry context; long ones are cut at sentence ends, and a
 * sentence longer than a passage at word boundaries, so an excerpt stays readable, embeddings stay
 * within the model's window and no file, however written, yields a passage over the hard limit
 * (INGEST_LIMITS.passage).
 */
import { createHash } from 'node:crypto';
import type { Passage } from '../types.js';
import { INGEST_LIMITS, type PassageOptions } from './limits.js';
import { sentenceSpans, type Span } from './sentences.js';

/** sha256 of a passage's text or a file's bytes: their identity for incremental indexing. */
export function contentHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A run of a paragraph: its offsets and how many words it holds. */
interface Piece extends Span {
  words: number;
}

const WORD = /\S+/gu;

/**
 * Pieces of at most `maxWords` words and `maxChars` units, cut at word boundaries (inside a word
 * longer than maxChars, anywhere but between the halves of a surrogate pair).
 */
function cutWords(text: string, { start, end }: Span, { maxWords, maxChars }: PassageOptions): Piece[] {
  const pieces: Piece[] = [];
  let current = null as Piece | null;
  WORD.lastIndex = start;
  for (let m = WORD.exec(text); m && m.index < end; m = WORD.exec(text)) {
    let from = m.index;
    const to = Math.min(from + m[0].length, end);
    while (to - from > maxChars) {
      if (current) pieces.push(current);
      let cut = from + maxChars;
      const unit = text.charCodeAt(cut - 1);
      if (unit >= 0xd800 && unit <= 0xdbff) cut--;
      pieces.push({ start: from, end: cut, words: 1 });
      current = null;
      from = cut;
    }
    if (current && (current.words + 1 > maxWords || to - current.start > maxChars)) {
      pieces.push(current);
      current = null;
    }
    current = { start: current?.start ?? from, end: to, words: (current?.words ?? 0) + 1 };
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Cut a paragraph into pieces of whole sentences within the limits; an over-long sentence by words. */
function splitLong(paragraph: string, options: PassageOptions): string[] {
  const units = sentenceSpans(paragraph).flatMap((span) => cutWords(paragraph, span, options));
  const chunks: string[] = [];
  let current = null as Piece | null;
  for (const unit of units) {
    if (current && current.words + unit.words <= options.maxWords && unit.end - current.start <= options.maxChars) {
      current = { start: current.start, end: unit.end, words: current.words + unit.words };
    } else {
      if (current) chunks.push(paragraph.slice(current.start, current.end));
      current = unit;
    }
  }
  if (current) chunks.push(paragraph.slice(current.start, current.end));
  return chunks;
}

/** Merge short pieces forward (the last one backward) until each has `minWords`, never past `maxChars`. */
function mergeShort(pieces: string[], { minWords, maxChars }: PassageOptions): string[] {
  const out: string[] = [];
  let pending = '';
  let pendingWords = 0;
  for (const piece of pieces) {
    const words = piece.split(/\s+/u).filter(Boolean).length;
    if (pending && pending.length + 1 + piece.length > maxChars) {
      out.push(pending);
      pending = '';
      pendingWords = 0;
    }
    const text = pending ? `${pending}\n${piece}` : piece;
    if (pendingWords + words < minWords) {
      pending = text;
      pendingWords += words;
    } else {
      out.push(text);
      pending = '';
      pendingWords = 0;
    }
  }
  if (pending) {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 1 + pending.length <= maxChars) out[out.length - 1] = `${last}\n${pending}`;
    else out.push(pending);
  }
  return out;
}

/** Build the passages of one article from its paragraphs, in order. */
export function toPassages(paragraphs: string[], options: PassageOptions = INGEST_LIMITS.passage): Passage[] {
  const pieces = paragraphs.flatMap((p) => splitLong(p, options));
  return mergeShort(pieces, options).map((text, position) => ({ position, text, hash: contentHash(text) }));
}
