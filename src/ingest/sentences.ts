/** Sentence boundaries in Arabic and English news text, as offsets into the original string. */

export interface Span {
  start: number;
  end: number;
}

/** End of a sentence: . ! ? ؟ … possibly followed by closing quotes/brackets, then white space. */
const BOUNDARY = /[.!?؟…]+["'”’»)\]]*(?=\s)/gu;

/** Split `text` into sentence spans; slicing the original with them gives the sentences verbatim. */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    pushTrimmed(text, start, end, spans);
    start = end;
  }
  pushTrimmed(text, start, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}

/** Words in a text, counted the simple way (runs of non-space). */
export function wordCount(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}
