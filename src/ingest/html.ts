/**
 * HTML page → plain text blocks plus page metadata. Parsing uses cheerio (a real HTML parser), so
 * hostile markup — scripts, styles, comments, broken tags, entities — cannot leak into passages.
 * The parser's work grows with tags × nesting depth, so pages beyond INGEST_LIMITS.html are refused
 * before parsing, and the text walk is iterative: no page can overflow the stack.
 */
import { createRequire } from 'node:module';
import type * as Cheerio from 'cheerio';
import type { PageHints } from './article-parser.js';
import { findDate } from './dates.js';
import { IngestError } from './errors.js';
import { INGEST_LIMITS } from './limits.js';

const NOISE = 'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, input, select, textarea, nav, header, footer, aside, menu, dialog, [hidden], [aria-hidden="true"], .share, .social, .comments, .related, #comments';
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, div, section, article, main, td, th, dd, dt, figcaption, time';
const BLOCK_TAGS = new Set([...BLOCKS.split(', '), 'br']);

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their end tag (markup inside does not nest). */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
/** Elements a parser closes by itself when a sibling opens: a page of unclosed <p> or <li> is flat. */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp', 'html', 'head', 'body']);
const TAG_START = /<(\/?)([a-zA-Z][^\s/>]{0,40})/y;

/**
 * Start tags and the deepest nesting of a page, read in one linear pass over the markup (comments
 * and raw-text elements skipped, `/>` honoured only inside SVG and MathML as parsers do). It stops
 * counting depth beyond `maxDepth`: the page is refused then anyway.
 */
function measureMarkup(html: string, maxDepth: number): { tags: number; depth: number } {
  const lower = html.toLowerCase();
  const open: string[] = [];
  let tags = 0;
  let depth = 0;
  let foreign = 0;
  let i = lower.indexOf('<');
  while (i !== -1) {
    if (lower.startsWith('<!--', i)) {
      const end = lower.indexOf('-->', i + 4);
      if (end === -1) break;
      i = lower.indexOf('<', end + 3);
      continue;
    }
    const end = lower.indexOf('>', i);
    if (end === -1) break;
    TAG_START.lastIndex = i;
    const tag = TAG_START.exec(lower);
    let next = end + 1;
    if (tag) {
      const [, closing, name] = tag as unknown as [string, string, string];
      if (closing) {
        const at = open.lastIndexOf(name);
        if (at !== -1) {
          if (name === 'svg' || name === 'math') foreign--;
          open.length = at;
        }
      } else {
        tags++;
        if (name === 'plaintext') break;
        if (RAW_TEXT.has(name)) {
          next = lower.indexOf(`</${name}`, end + 1);
          if (next === -1) break;
        } else if (!VOID.has(name) && !SELF_CLOSING_SIBLINGS.has(name) && !(foreign > 0 && lower[end - 1] === '/')) {
          if (name === 'svg' || name === 'math') foreign++;
          if (open.length <= maxDepth) open.push(name);
          depth = Math.max(depth, open.length);
        }
      }
    }
    i = lower.indexOf('<', next);
  }
  return { tags, depth };
}

type DomNode = ReturnType<ReturnType<Cheerio.CheerioAPI>['contents']>[number];

/**
 * cheerio, loaded on the first HTML page rather than by every command: its entry module also loads
 * an HTTP client (for fetching pages, unused here) that is most of a cold start's import time.
 */
let loaded: typeof Cheerio | undefined;
const cheerio = (): typeof Cheerio => (loaded ??= createRequire(import.meta.url)('cheerio') as typeof Cheerio);
const BLOCK_END = Symbol('block end');

/** Text of `nodes` with block elements on their own lines, walked with an explicit stack. */
function blockLines(nodes: DomNode[]): string[] {
  const lines: string[] = [''];
  const stack: (DomNode | typeof BLOCK_END)[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === BLOCK_END) lines.push('');
    else if (node.type === 'text') lines[lines.length - 1] += node.data.replace(/\s+/gu, ' ');
    else if (node.type === 'tag') {
      if (BLOCK_TAGS.has(node.tagName.toLowerCase())) {
        lines.push('');
        stack.push(BLOCK_END);
      }
      for (let c = node.children.length - 1; c >= 0; c--) stack.push(node.children[c]!);
    }
  }
  return lines;
}

/** Extract the article body as text (paragraphs separated by blank lines) and the page's metadata. */
export function htmlToText(html: string): { text: string; hints: PageHints } {
  const { maxDepth, maxTags } = INGEST_LIMITS.html;
  const { tags, depth } = measureMarkup(html, maxDepth);
  if (depth > maxDepth) throw new IngestError(`HTML nested too deeply: more than ${maxDepth} levels`);
  if (tags > maxTags) throw new IngestError(`HTML too complex: ${tags} tags, the limit is ${maxTags}`);
  const $ = cheerio().load(html);
  // Few selector passes: each walks the whole tree, and a page may have thousands of elements.
  const metas = new Map<string, string>();
  for (const el of $('meta').toArray()) {
    const key = el.attribs.property ?? el.attribs.name;
    const content = el.attribs.content?.trim();
    if (key && content && !metas.has(key)) metas.set(key, content);
  }
  const marks = $('h1, title, time[datetime]').toArray();
  const firstText = (tag: string) => {
    const el = marks.find((m) => m.tagName === tag);
    return el ? $(el).text().trim() : '';
  };
  const hints: PageHints = {
    title: metas.get('og:title') ?? (firstText('h1') || firstText('title') || undefined),
    source: metas.get('og:site_name') ?? metas.get('author'),
    date: findDate(metas.get('article:published_time') ?? marks.find((m) => m.tagName === 'time')?.attribs.datetime ?? ''),
  };
  $(NOISE).remove();
  const containers = $('article, main').toArray();
  const root = containers.find((el) => el.tagName === 'article') ?? containers[0];
  const text = blockLines(root ? root.children : $('body').contents().toArray()).map((l) => l.trim()).filter(Boolean).join('\n\n');
  return { text, hints };
}
