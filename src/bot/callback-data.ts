/**
 * Callback data for inline buttons. Telegram caps callback_data at 64 BYTES (UTF-8), so a button
 * never carries the question itself: answers live in a short-lived cache (see answer-cache.ts) and
 * buttons refer to them by an 8-character id.
 *
 *   p:<id>:<page>      show page <page> of cached answer <id>
 *   x:<id>:<index>     full paragraph of result <index> of cached answer <id>
 *   a:<articleId>      whole article (survives cache expiry; used when the id fits)
 *   A:<id>:<index>     whole article of result <index>, for article ids too long for `a:`
 *   s:<page>           page of the admin article list
 */

/** Telegram's limit on callback_data, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

export type CallbackAction =
  | { kind: 'page'; id: string; page: number }
  | { kind: 'paragraph'; id: string; index: number }
  | { kind: 'article'; articleId: string }
  | { kind: 'articleOf'; id: string; index: number }
  | { kind: 'sources'; page: number };

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Encode an action; throws if the result would break Telegram's 64-byte limit. */
export function encodeCallback(action: CallbackAction): string {
  let data: string;
  switch (action.kind) {
    case 'page':
      data = `p:${action.id}:${action.page}`;
      break;
    case 'paragraph':
      data = `x:${action.id}:${action.index}`;
      break;
    case 'article':
      data = `a:${action.articleId}`;
      break;
    case 'articleOf':
      data = `A:${action.id}:${action.index}`;
      break;
    case 'sources':
      data = `s:${action.page}`;
      break;
  }
  if (byteLength(data) > CALLBACK_DATA_MAX_BYTES) {
    throw new RangeError(`callback data over ${CALLBACK_DATA_MAX_BYTES} bytes: ${action.kind}`);
  }
  return data;
}

/**
 * The "whole article" button: by article id when it fits (so it keeps working after the answer
 * cache forgets the question), otherwise through the cached answer.
 */
export function articleCallback(articleId: string, cacheId: string, index: number): string {
  const direct = `a:${articleId}`;
  if (articleId !== '' && byteLength(direct) <= CALLBACK_DATA_MAX_BYTES) return direct;
  return encodeCallback({ kind: 'articleOf', id: cacheId, index });
}

const NUMBER = /^\d{1,6}$/;
const CACHE_ID = /^[A-Za-z0-9_-]{1,16}$/;

/** Parse callback data; null for anything this bot did not produce (old versions, forgeries). */
export function decodeCallback(data: string): CallbackAction | null {
  const sep = data.indexOf(':');
  if (sep !== 1) return null;
  const tag = data[0];
  const rest = data.slice(2);
  if (tag === 'a') return rest === '' ? null : { kind: 'article', articleId: rest };
  if (tag === 's') return NUMBER.test(rest) ? { kind: 'sources', page: Number(rest) } : null;
  const [id, num, extra] = rest.split(':');
  if (extra !== undefined || id === undefined || num === undefined || !CACHE_ID.test(id) || !NUMBER.test(num)) return null;
  const n = Number(num);
  if (tag === 'p') return { kind: 'page', id, page: n };
  if (tag === 'x') return { kind: 'paragraph', id, index: n };
  if (tag === 'A') return { kind: 'articleOf', id, index: n };
  return null;
}
