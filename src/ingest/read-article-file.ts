/**
 * One article file (bytes + name) → parsed articles. Pure: the caller reads and writes files.
 * Every refusal is an IngestError with a reason an editor can act on.
 */
import type { ParsedArticle } from '../types.js';
import { parseArticles } from './article-parser.js';
import { decodeText } from './decode.js';
import { IngestError } from './errors.js';
import { htmlToText } from './html.js';

/** Extensions sanad reads; anything else in DATA_DIR is ignored, and refused on upload. */
export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.html', '.htm'] as const;

export function hasArticleExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return ARTICLE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * Strip Markdown markup that is not text: headings' #, emphasis, links' URLs, images. Every pattern
 * is linear: a link's text may not hold brackets nor its URL parentheses, and line starts match
 * spaces and tabs only, so no run of brackets or blank lines makes a pattern backtrack.
 */
function markdownToText(md: string): string {
  return md
    .replace(/!\[[^[\]]*\]\([^()]*\)/gu, '')
    .replace(/\[([^[\]]*)\]\([^()]*\)/gu, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gmu, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gmu, '')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(/^[ \t]*[-*+][ \t]+/gmu, '• ');
}

/** What a file yields: its articles, the encoding it was read in, and what was repaired on the way. */
export interface ReadFile {
  articles: ParsedArticle[];
  encoding: string;
  /** Repairs an editor should know of (bytes that were not valid text, mixed encodings). */
  warnings: string[];
}

/**
 * Decode and parse a file; `file` is its path relative to DATA_DIR. Throws only IngestError: a
 * parser failure on hostile input (a stack overflow, say) refuses this one file, never a whole run.
 */
export function readArticle(file: string, bytes: Uint8Array, maxBytes: number): ReadFile {
  if (!hasArticleExtension(file)) throw new IngestError(`unsupported file type: use ${ARTICLE_EXTENSIONS.join(', ')}`);
  if (bytes.length > maxBytes) throw new IngestError(`file too large: ${bytes.length} bytes, the limit is ${maxBytes}`);
  try {
    const { text, encoding, warning } = decodeText(bytes);
    const lower = file.toLowerCase();
    const { text: body, hints } = lower.endsWith('.html') || lower.endsWith('.htm')
      ? htmlToText(text)
      : { text: lower.endsWith('.md') ? markdownToText(text) : text, hints: {} };
    if (!/\p{L}/u.test(body)) throw new IngestError('no readable text in the file');
    const articles = parseArticles(body, file, hints);
    if (articles.length === 0) throw new IngestError('no article text found (only headings or page furniture)');
    return { articles, encoding, warnings: warning ? [warning] : [] };
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError(`the file could not be parsed (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}

/** The articles of a file (see readArticle). */
export function readArticleFile(file: string, bytes: Uint8Array, maxBytes: number): ParsedArticle[] {
  return readArticle(file, bytes, maxBytes).articles;
}
