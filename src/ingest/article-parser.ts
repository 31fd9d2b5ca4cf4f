/**
 * Plain text of a scraped page → articles with title, date, outlet and section, read the way an
 * editor reads a page: furniture around the article is dropped, the crawl stamp above the
 * headline is not the article's date, and a second article after "read also:" is its own article.
 */
import type { ParsedArticle } from '../types.js';
import { cleanLabel } from './bidi.js';
import { isBullet, isFurniture, isListHeading, isReadAlso } from './boilerplate.js';
import { findDate, parseDateLine } from './dates.js';
import { IngestError } from './errors.js';
import { INGEST_LIMITS } from './limits.js';
import { sentenceSpans, wordCount } from './sentences.js';

/** Metadata found outside the text (HTML <meta>, <time>, <title>), used where the text has none. */
export interface PageHints {
  title?: string;
  date?: string | null;
  source?: string;
}

/** Split text into blocks: paragraphs separated by blank lines; bullet lines stand alone. */
function toBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(current.join(' '));
    current = [];
  };
  for (const raw of text.replace(/\r\n?/gu, '\n').split('\n')) {
    const line = raw && raw.replace(/[\s\u00A0\u200B\uFEFF]+/gu, ' ').trim();
    if (!line) flush();
    else if (isBullet(line)) {
      flush();
      blocks.push(line);
    } else current.push(line);
  }
  flush();
  return blocks;
}

/** "المصدر: وكالة سبوتنيك." (the outlet; trailing dots are trimmed by hand: a pattern for them backtracks). */
const SOURCE_LINE = /^(?:المصدر|المصدار|مصدر الخبر|source)\s*[:：]\s*(.+)$/iu;
const SOURCE_LINE_MAX_WORDS = 10;
/** "( أردو بوینت نتورك ۔ / سبوتنيك - 02 يوليو 2021ء) text…" */
const PAREN_DATELINE = /^\(\s*([^()]{3,120}?)\s*\)\s*/u;
/** "يمانيون../ text…" or "موسكو - (سبوتنيك) text…" style agency prefixes. */
const AGENCY_PREFIX = /^([\p{L}\s]{2,30}?)\s*\.{2,}\s*\/\s*/u;

const endsSentence = (b: string) => /[.!؟?:"”»]$/u.test(b);
const isBody = (b: string) => wordCount(b) >= 12 || (wordCount(b) >= 6 && endsSentence(b));
/** A headline: short, and not ending like a sentence. */
const isHeadline = (b: string) => wordCount(b) <= 25 && !endsSentence(b);
/** Footer lines (site name, credits) are short; a closing paragraph is not. */
const FOOTER_MAX_WORDS = 10;
/** A block that ends on a full stop, a question or an exclamation, closing quotes aside: a sentence. */
const endsStatement = (b: string) => /[.!؟?…][\s"'”»)\]]*$/u.test(b);
/** A short line after the last paragraph that is not a sentence: the site's name, a credit. */
const isFooterLine = (b: string) => wordCount(b) <= FOOTER_MAX_WORDS && !endsStatement(b);

/** `text` without trailing white space and dots. */
function trimDots(text: string): string {
  let end = text.length;
  while (end > 0 && /[\s.]/u.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Read a dateline in parentheses: the outlet after the last "/", the date after the last " - ". */
function readParenDateline(inner: string): { source: string | null; date: string | null } | null {
  const date = findDate(inner);
  if (!date) return null;
  const afterSlash = inner.split('/').pop()!.trim();
  const source = afterSlash.split(/\s+[-–]\s+/u)[0]!.trim();
  return { source: source && !findDate(source) ? source : null, date };
}

/** A headline made from the lead sentence, for pages that print none. */
function headlineFromLead(lead: string): string {
  const first = sentenceSpans(lead)[0];
  const sentence = first ? lead.slice(first.start, first.end) : lead;
  const clause = sentence.split('،')[0]!.trim();
  const words = clause.split(/\s+/u);
  return words.length > 16 ? `${words.slice(0, 14).join(' ')}…` : clause.replace(/[.،:]+$/u, '');
}

/** Drop link lists: a list heading and the bullets or short lines that follow it. */
function dropLinkLists(blocks: string[]): string[] {
  const out: string[] = [];
  let inList = false;
  for (const b of blocks) {
    if (isListHeading(b)) inList = true;
    else if (inList && (isBullet(b) || !isBody(b))) continue;
    else {
      inList = false;
      if (!isBullet(b)) out.push(b);
      else out.push(b.replace(/^\s*[•·▪◦●■\-*]\s+/u, ''));
    }
  }
  return out;
}

/** Parse one article's blocks (no "read also" inside); null when nothing article-like remains. */
function parseSegment(blocks: string[], file: string, part: number, hints: PageHints): ParsedArticle | null {
  let section: string | null = null;
  let source: string | null = null;
  const datesAfterTitle: string[] = [];
  const datesBeforeTitle: string[] = [];
  let datelineDate: string | null = null;
  let body: string[] = [];
  const heads: string[] = [];
  const seenHeads = new Set<string>();

  for (const block of dropLinkLists(blocks)) {
    if (isFurniture(block)) continue;
    const sourceMatch = wordCount(block) <= SOURCE_LINE_MAX_WORDS ? SOURCE_LINE.exec(block) : null;
    if (sourceMatch && trimDots(sourceMatch[1]!)) {
      source ??= trimDots(sourceMatch[1]!);
      continue;
    }
    const lineDate = parseDateLine(block);
    if (lineDate) {
      (heads.length === 0 && body.length === 0 ? datesBeforeTitle : datesAfterTitle).push(lineDate);
      continue;
    }
    if (body.length === 0 && isHeadline(block)) {
      if (!seenHeads.has(block)) heads.push(block);
      seenHeads.add(block);
      continue;
    }
    if (seenHeads.has(block)) continue;
    body.push(block);
  }
  // A one- or two-word line above the headline is the section ("عالمي"); further headlines are subtitles.
  if (heads.length >= 2 && wordCount(heads[0]!) <= 2) section = heads.shift()!;
  const title = heads.shift() ?? null;
  body = [...heads, ...body];

  if (body.length > 0) {
    const first = body[0]!;
    const paren = PAREN_DATELINE.exec(first);
    const parsed = paren ? readParenDateline(paren[1]!) : null;
    if (paren && parsed) {
      source ??= parsed.source;
      datelineDate = parsed.date;
      body[0] = first.slice(paren[0].length);
    } else {
      const agency = AGENCY_PREFIX.exec(first);
      if (agency) {
        source ??= agency[1]!.trim();
        body[0] = first.slice(agency[0].length);
      }
    }
  }
  // Short lines after the last paragraph are a footer (site name, credits), not article text; a
  // short closing sentence ("وبلغ عدد الضحايا 12 شخصا.") is the article's and stays.
  while (body.length > 0 && isFooterLine(body[body.length - 1]!)) body.pop();
  if (body.length === 0) return null;

  const label = (text: string | null | undefined) => (text ? cleanLabel(text) || null : null);
  return {
    file,
    part,
    title: label(title) ?? label(hints.title) ?? cleanLabel(headlineFromLead(body[0]!)),
    date: datesAfterTitle[0] ?? datelineDate ?? hints.date ?? datesBeforeTitle[0] ?? null,
    source: label(source) ?? label(hints.source),
    section: label(section),
    paragraphs: body,
  };
}

/** Parse a page's text into its articles: the main one first, then any found after "read also:". */
export function parseArticles(text: string, file: string, hints: PageHints = {}): ParsedArticle[] {
  const blocks = toBlocks(text);
  const { maxParagraphs } = INGEST_LIMITS;
  if (blocks.length > maxParagraphs) throw new IngestError(`too many paragraphs: ${blocks.length}, the limit is ${maxParagraphs}`);
  const segments: string[][] = [[]];
  for (const block of blocks) {
    if (isReadAlso(block)) segments.push([]);
    else segments[segments.length - 1]!.push(block);
  }
  const articles: ParsedArticle[] = [];
  segments.forEach((blocks, i) => {
    const article = parseSegment(blocks, file, articles.length, i === 0 ? hints : {});
    if (article) articles.push(article);
  });
  return articles;
}
