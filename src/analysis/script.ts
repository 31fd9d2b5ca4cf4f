/**
 * Which writing system a text is mostly in. A question asked in another script than the passage it
 * meets (English against Arabic news) shares no words with it, so only meaning can match them, and
 * cross-lingual similarities run lower than same-language ones: search and answer treat it apart.
 */

export type Script = 'arabic' | 'latin' | 'other' | 'none';

/** A letter, captured as Arabic (1) or Latin (2) when it is one: one scan classifies every letter. */
const LETTER = /(\p{Script=Arabic})|(\p{Script=Latin})|\p{L}/gu;

/** Letters read before deciding: a passage's first lines tell its script, and this runs per candidate. */
const SAMPLE_LETTERS = 200;

/** The script of most of the letters in `text`, judged on its first letters ('none' when it has none). */
export function dominantScript(text: string): Script {
  let arabic = 0;
  let latin = 0;
  let other = 0;
  for (const m of text.matchAll(LETTER)) {
    if (m[1]) arabic++;
    else if (m[2]) latin++;
    else other++;
    if (arabic + latin + other >= SAMPLE_LETTERS) break;
  }
  if (arabic + latin + other === 0) return 'none';
  if (arabic >= latin && arabic >= other) return 'arabic';
  return latin >= other ? 'latin' : 'other';
}
