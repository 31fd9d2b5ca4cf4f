/**
 * An API transformer for Telegram's `400 Bad Request: can't parse entities`: a text (or caption)
 * sent in HTML mode that Telegram refuses to parse is sent again, once, as the same text without
 * markup (htmlToPlain) and without parse_mode — the user gets the words, only unformatted, instead
 * of an apology. Anything else, and a second failure, is passed on unchanged.
 */
import type { Transformer } from 'grammy';
import { htmlToPlain } from './html.js';

const PARSE_FAILURE = /can't parse entities/i;

export const plainTextFallback: Transformer = async (prev, method, payload, signal) => {
  const result = await prev(method, payload, signal);
  if (result.ok || result.error_code !== 400 || !PARSE_FAILURE.test(result.description)) return result;
  const { parse_mode: mode, ...rest } = payload as Record<string, unknown>;
  if (mode !== 'HTML') return result;
  const plain: Record<string, unknown> = { ...rest };
  for (const field of ['text', 'caption'] as const) {
    if (typeof rest[field] === 'string') plain[field] = htmlToPlain(rest[field]);
  }
  return prev(method, plain as typeof payload, signal);
};
