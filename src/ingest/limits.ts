/**
 * Every bound ingest puts on one file, in one place. Together with the size cap (MAX_UPLOAD_BYTES)
 * they decide what the worst file can cost: each parse of a file under the cap finishes well under
 * a second (scripts/bench-hostile.ts measures it), and no passage exceeds `passage.maxChars`.
 */
export const INGEST_LIMITS = {
  html: {
    /**
     * Deepest element nesting accepted; the HTML parser's work grows with tags × depth. Saved news
     * pages nest 20–60 deep; browsers stop nesting at 512.
     */
    maxDepth: 128,
    /** Most start tags accepted; a saved news page has a few thousand. */
    maxTags: 10_000,
  },
  /** Most paragraphs (blocks between blank lines) in one file; an article has tens. */
  maxParagraphs: 5_000,
  passage: {
    /** A shorter paragraph is merged with a neighbour (when the two fit in maxChars). */
    minWords: 15,
    /** A longer paragraph is cut at sentence ends into pieces of at most this many words. */
    maxWords: 120,
    /**
     * Hard upper length of a passage in UTF-16 units: a longer sentence is cut at a word boundary,
     * a longer word anywhere. 120 Arabic words take about 750; a passage with its citation still
     * fits one Telegram message (4,096).
     */
    maxChars: 1200,
  },
} as const;

export type PassageOptions = { readonly [K in keyof typeof INGEST_LIMITS.passage]: number };
