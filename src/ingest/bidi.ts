/**
 * Direction controls in labels shown to readers. An override or isolate (U+202A–U+202E,
 * U+2066–U+2069) in a title, outlet or file name is invisible and reorders what follows it, so a
 * name can be spoofed or a title made to vanish; a left-to-right or right-to-left mark at a
 * label's edge only moves punctuation. Passage text is cited verbatim and keeps them.
 */

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const EDGE = /[\s\u200E\u200F]/u;

/** A label fit to show: no direction overrides or isolates, no marks or white space at its edges. */
export function cleanLabel(label: string): string {
  const text = label.replace(BIDI_CONTROLS, '');
  let start = 0;
  let end = text.length;
  while (start < end && EDGE.test(text[start]!)) start++;
  while (end > start && EDGE.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}
