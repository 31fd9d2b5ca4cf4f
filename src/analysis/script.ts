/**
 * Which writing system a text is mostly in. A question asked in another script than the passage it
 * meets (English against Arabic news) shares no words with it, so only meaning can match them, and
 * cross-lingual similarities run lower than same-language ones: search and answer treat it apart.
 */

import { boundedMemo } from './bounded-memo.js';

export type Script = 'arabic' | 'latin' | 'other' | 'none';

/** A character's class: Arabic script, Latin script, another letter, or none of these. */
const enum Kind {
  None,
  Arabic,
  Latin,
  Other,
}

/** Each character classified once: this runs per candidate passage, over the same few letters. */
const kindOf = boundedMemo(
  (ch: string): Kind => (/\p{Script=Arabic}/u.test(ch) ? Kind.Arabic : /\p{Script=Latin}/u.test(ch) ? Kind.Latin : /\p{L}/u.test(ch) ? Kind.Other : Kind.None),
  10_000,
);

/** Letters read before deciding: a passage's first lines tell its script, and this runs per candidate. */
const SAMPLE_LETTERS = 200;

/** The script of most of the letters in `text`, judged on its first letters ('none' when it has none). */
export function dominantScript(text: string): Script {
  let arabic = 0;
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    const kind = kindOf(ch);
    if (kind === Kind.None) continue;
    if (kind === Kind.Arabic) arabic++;
    else if (kind === Kind.Latin) latin++;
    else other++;
    if (arabic + latin + other >= SAMPLE_LETTERS) break;
  }
  if (arabic + latin + other === 0) return 'none';
  if (arabic >= latin && arabic >= other) return 'arabic';
  return latin >= other ? 'latin' : 'other';
}
