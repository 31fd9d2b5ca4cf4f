/**
 * Recent answers, kept in memory so that "More results" and "Full paragraph" buttons can refer to
 * them by a short id instead of carrying the question in callback data (64-byte limit).
 *
 * Bounded both ways: at most `max` entries (least recently used evicted first) and each entry
 * forgotten `ttlMs` after it was last used. A restart forgets everything; buttons then say so.
 */
import { randomBytes } from 'node:crypto';
import type { AnswerResult } from '../types.js';
import type { Lang } from './i18n.js';

export interface CachedAnswer {
  question: string;
  /** Language the answer was given in, so later pages keep it. */
  lang: Lang;
  results: AnswerResult[];
  unmatched: string[];
  /** Passages matched by their words only, the archive being embedded (see Answer.unembedded). */
  unembedded?: number;
}

export interface AnswerCacheOptions {
  max?: number;
  ttlMs?: number;
  now?: () => number;
}

export class AnswerCache {
  private readonly entries = new Map<string, { value: CachedAnswer; touched: number }>();
  private readonly max: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: AnswerCacheOptions = {}) {
    this.max = options.max ?? 1000;
    this.ttlMs = options.ttlMs ?? 2 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Store an answer and return its new 8-character id ([A-Za-z0-9_-]). */
  put(value: CachedAnswer): string {
    let id: string;
    do id = randomBytes(6).toString('base64url');
    while (this.entries.has(id));
    this.entries.set(id, { value, touched: this.now() });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return id;
  }

  /** The answer, or undefined when unknown or expired. A hit refreshes its age. */
  get(id: string): CachedAnswer | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    this.entries.delete(id);
    if (this.now() - entry.touched > this.ttlMs) return undefined;
    entry.touched = this.now();
    this.entries.set(id, entry);
    return entry.value;
  }
}
