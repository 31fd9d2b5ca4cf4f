/**
 * HTML page → plain text blocks plus page metadata. Parsing uses cheerio (a real HTML parser), so
 * hostile markup — scripts, styles, comments, broken tags, entities — cannot leak into passages.
 */
import * as cheerio from 'cheerio';
import type { PageHints } from './article-parser.js';
import { findDate } from './dates.js';

const NOISE = 'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, input, select, textarea, nav, header, footer, aside, menu, dialog, [hidden], [aria-hidden="true"], .share, .social, .comments, .related, #comments';
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, div, section, article, main, td, th, dd, dt, figcaption, time';
const BLOCK_TAGS = new Set(BLOCKS.split(', '));

/** Extract the article body as text (paragraphs separated by blank lines) and the page's metadata. */
export function htmlToText(html: string): { text: string; hints: PageHints } {
  const $ = cheerio.load(html);
  const meta = (sel: string) => $(sel).attr('content')?.trim() || undefined;
  const hints: PageHints = {
    title: meta('meta[property="og:title"]') ?? ($('h1').first().text().trim() || $('title').first().text().trim() || undefined),
    source: meta('meta[property="og:site_name"]') ?? meta('meta[name="author"]'),
    date: findDate(meta('meta[property="article:published_time"]') ?? $('time[datetime]').first().attr('datetime') ?? ''),
  };
  $(NOISE).remove();
  const root = $('article').first().length ? $('article').first() : $('main').first().length ? $('main').first() : $('body');
  const lines: string[] = [];
  const walk = (nodes: ReturnType<typeof root.contents>) => {
    nodes.each((_, node) => {
      if (node.type === 'text') {
        const t = $(node).text().replace(/\s+/gu, ' ');
        if (lines.length === 0) lines.push('');
        lines[lines.length - 1] += t;
      } else if (node.type === 'tag') {
        const block = BLOCK_TAGS.has(node.tagName.toLowerCase()) || node.tagName.toLowerCase() === 'br';
        if (block) lines.push('');
        walk($(node).contents());
        if (block) lines.push('');
      }
    });
  };
  walk(root.contents());
  const text = lines.map((l) => l.trim()).filter(Boolean).join('\n\n');
  return { text, hints };
}
