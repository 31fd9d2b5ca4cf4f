/**
 * Pure formatting for Telegram messages (HTML parse mode). Nothing here talks to Telegram or the
 * archive, so every rule — escaping, bidi isolation, length budgets, callback data — is unit-tested.
 *
 * Two invariants every function keeps:
 *  - every dynamic string goes through `escapeHtml` exactly once, after any clipping (so an entity is
 *    never cut in half and nothing is escaped twice);
 *  - no function cuts a string between the two halves of a surrogate pair.
 */
import { createHash } from 'node:crypto';
import type { InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle } from 'grammy/types';
import type { AnswerResult } from '../types.js';
import type { ArchiveStats, ArticleDetail, ArticleInfo } from '../archive/archive.js';
import type { Messages } from './i18n.js';
import { articleCallback, encodeCallback } from './callback-data.js';
import { escapeHtml, isMostlyArabic, isolate, isolateLatinRunsAlways, prose } from './html.js';

export { escapeHtml, FSI, isMostlyArabic, isolate, isolateLatinRuns, LRM, PDI, prose, RLM, scriptCounts, stripBidi } from './html.js';
export { formatBytes, formatDuration } from './units.js';

/** Telegram's limit for a message text and for an inline result's message text. */
export const MESSAGE_LIMIT = 4096;
/** Results shown per answer page. */
export const PAGE_SIZE = 3;

// ---------------------------------------------------------------------------------------------
// Clipping that respects words and surrogate pairs
// ---------------------------------------------------------------------------------------------

const ELLIPSIS = '…';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Largest cut ≤ `at` that does not split a surrogate pair. */
function safeCut(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/** Keep at most `max` UTF-16 units from the start, cutting at a word boundary when one is near. */
export function clipEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  const hard = safeCut(text, Math.max(0, max - 1));
  const space = text.lastIndexOf(' ', hard);
  const cut = space >= hard * 0.6 ? space : hard;
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/** Keep at most `max` UTF-16 units from the end, cutting at a word boundary when one is near. */
export function clipStart(text: string, max: number): string {
  if (text.length <= max) return text;
  let from = text.length - Math.max(0, max - 1);
  if (from > 0 && from < text.length && isHighSurrogate(text.charCodeAt(from - 1))) from += 1;
  const space = text.indexOf(' ', from);
  const cut = space !== -1 && space - from <= (text.length - from) * 0.4 ? space + 1 : from;
  return ELLIPSIS + text.slice(cut).trimStart();
}

// ---------------------------------------------------------------------------------------------
// Citations and passages
// ---------------------------------------------------------------------------------------------

type Citable = Pick<ArticleInfo, 'title' | 'source' | 'date'>;


/**
 * "📰 outlet · date · title": each field isolated (fields mix scripts and digits freely), the line
 * opened by a direction mark of the reply language so it lines up with the text around it.
 */
export function formatCitation(article: Citable, t: Messages, maxTitle = 160): string {
  const fields = [article.source ?? t.unknownOutlet, article.date ?? t.undated, clipEnd(article.title, maxTitle)];
  return `${t.mark}📰 ${fields.map((f) => escapeHtml(isolate(f))).join(' · ')}`;
}

/** "🔁 also in: outlet, outlet…" under a citation, for a passage other articles ran too; '' otherwise. */
export function formatAlsoIn(result: AnswerResult, t: Messages): string {
  const outlets = [...new Set(result.alsoIn.map((a) => a.source ?? t.unknownOutlet))];
  if (outlets.length === 0) return '';
  return `\n${t.mark}${t.alsoIn(shortList(outlets, (o) => escapeHtml(isolate(clipEnd(o, 60))), t, 5))}`;
}

export interface EmphasisBudget {
  /** Longest excerpt shown (UTF-16 units) before it is clipped with "…". */
  maxExcerpt: number;
  /** Context shown on each side of the excerpt. */
  context: number;
}

/**
 * The passage with the answering excerpt in bold, trimmed to `context` characters of surrounding
 * text on each side. When the excerpt is not found verbatim in the passage (it should be), the
 * excerpt alone is shown in bold rather than guessing.
 */
export function emphasise(passage: string, excerpt: string, budget: EmphasisBudget): string {
  const rtl = isMostlyArabic(passage);
  const show = (s: string) => escapeHtml(rtl ? isolateLatinRunsAlways(s) : s);
  const at = excerpt === '' ? -1 : passage.indexOf(excerpt);
  if (at < 0) return `<b>${show(clipEnd(excerpt || passage, budget.maxExcerpt))}</b>`;
  const before = budget.context > 0 ? clipStart(passage.slice(0, at), budget.context) : '';
  const after = budget.context > 0 ? clipEnd(passage.slice(at + excerpt.length), budget.context) : '';
  const bold = clipEnd(excerpt, budget.maxExcerpt);
  return `${show(before)}<b>${show(bold)}</b>${show(after)}`;
}


// ---------------------------------------------------------------------------------------------
// Answer pages
// ---------------------------------------------------------------------------------------------

export interface AnswerView {
  /** Short cache id used in callback data. */
  id: string;
  question: string;
  results: AnswerResult[];
  /** Question words none of the results holds (see Answer.unmatched). */
  unmatched: string[];
  /** Passages matched by their words only, the archive being embedded (see Answer.unembedded). */
  unembedded?: number;
}

export interface Rendered {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

export function pageCount(results: number): number {
  return Math.max(1, Math.ceil(results / PAGE_SIZE));
}

const PAGE_BUDGETS: EmphasisBudget[] = [
  { maxExcerpt: 700, context: 160 },
  { maxExcerpt: 450, context: 100 },
  { maxExcerpt: 300, context: 50 },
  { maxExcerpt: 160, context: 0 },
];

/**
 * One page of an answer: a header echoing the question, then for each result its number, the
 * passage with the excerpt in bold, and the citation line; last, the question words no result
 * holds. Buttons: a paragraph and an article button per result, then previous / more. Budgets
 * shrink until the page fits one message, so a page can always be sent and later edited in place.
 */
export function formatAnswerPage(view: AnswerView, page: number, t: Messages): Rendered {
  const pages = pageCount(view.results.length);
  const p = Math.min(Math.max(0, page), pages - 1);
  const first = p * PAGE_SIZE;
  const shown = view.results.slice(first, first + PAGE_SIZE);
  const footer = [
    ...(view.unmatched.length > 0 ? [t.unmatched(shortList(view.unmatched, (w) => prose(clipEnd(w, 40)), t, 8))] : []),
    ...(view.unembedded ? [t.unembedded(view.unembedded)] : []),
  ];
  let text = '';
  for (const budget of PAGE_BUDGETS) {
    const header = t.answerHeader(clipEnd(view.question, 200), first + 1, first + shown.length, view.results.length);
    const blocks = shown.map(
      (r, i) => `<b>${first + i + 1}.</b> ${emphasise(r.text, r.excerpt, budget)}\n${formatCitation(r.article, t, 120)}${formatAlsoIn(r, t)}`,
    );
    text = [header, ...blocks, ...footer].join('\n\n');
    if (text.length <= MESSAGE_LIMIT) break;
  }

  const rows: InlineKeyboardButton[][] = shown.map((r, i) => [
    { text: t.fullParagraph(first + i + 1), callback_data: encodeCallback({ kind: 'paragraph', id: view.id, index: first + i }) },
    { text: t.wholeArticle(first + i + 1), callback_data: articleCallback(r.article.id, view.id, first + i) },
  ]);
  const nav: InlineKeyboardButton[] = [];
  if (p > 0) nav.push({ text: t.previous, callback_data: encodeCallback({ kind: 'page', id: view.id, page: p - 1 }) });
  if (p < pages - 1) nav.push({ text: t.moreResults, callback_data: encodeCallback({ kind: 'page', id: view.id, page: p + 1 }) });
  if (nav.length > 0) rows.push(nav);
  return { text, reply_markup: { inline_keyboard: rows } };
}

/** The whole passage of one result, excerpt in bold, with its citation. May exceed one message. */
export function formatParagraph(result: AnswerResult, number: number, t: Messages): string {
  const body = emphasise(result.text, result.excerpt, { maxExcerpt: Infinity, context: Infinity });
  return `<b>${number}.</b> ${body}\n\n${formatCitation(result.article, t)}${formatAlsoIn(result, t)}`;
}

/** A whole article: title, citation, then every passage. Split by the caller. */
export function formatArticle(detail: ArticleDetail, t: Messages): string {
  const head = `${t.mark}📄 <b>${prose(detail.article.title)}</b>\n${formatCitation(detail.article, t)}`;
  const body = detail.passages.map((p) => prose(p.text)).join('\n\n');
  return body === '' ? head : `${head}\n\n${body}`;
}

// ---------------------------------------------------------------------------------------------
// Inline mode
// ---------------------------------------------------------------------------------------------

/** A stable, short (≤ 64 bytes) inline result id: rank plus a digest of article and position. */
export function inlineResultId(index: number, result: AnswerResult): string {
  const digest = createHash('sha256').update(`${result.article.id}\u0000${result.position}`).digest('base64url');
  return `${index}-${digest.slice(0, 16)}`;
}

/** The message an inline result sends: the excerpt in bold and its citation, ≤ 4096 units. */
export function formatInlineMessage(result: AnswerResult, t: Messages): string {
  for (const max of [3000, 1500, 600]) {
    const text = `<b>${prose(clipEnd(result.excerpt || result.text, max))}</b>\n\n${formatCitation(result.article, t)}`;
    if (text.length <= MESSAGE_LIMIT) return text;
  }
  return formatCitation(result.article, t);
}

export function formatInlineResults(results: AnswerResult[], t: Messages, max = 10): InlineQueryResultArticle[] {
  return results.slice(0, max).map((r, i) => ({
    type: 'article',
    id: inlineResultId(i, r),
    title: clipEnd(r.article.title, 120) || t.untitled,
    description: clipEnd(r.excerpt || r.text, 200),
    input_message_content: {
      message_text: formatInlineMessage(r, t),
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Archive overviews (start/help, stats, sources)
// ---------------------------------------------------------------------------------------------


export const SOURCES_PAGE_SIZE = 10;

/** One page of the article list, with previous/next buttons. */
export function formatSourcesPage(articles: ArticleInfo[], page: number, t: Messages): Rendered {
  if (articles.length === 0) return { text: t.sourcesEmpty };
  const pages = Math.max(1, Math.ceil(articles.length / SOURCES_PAGE_SIZE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const first = p * SOURCES_PAGE_SIZE;
  const lines = articles.slice(first, first + SOURCES_PAGE_SIZE).map(
    (a, i) =>
      `<b>${first + i + 1}.</b> ${prose(clipEnd(a.title, 140))}\n${formatCitationFields(a, t)} · <code>${escapeHtml(a.id)}</code>`,
  );
  const nav: InlineKeyboardButton[] = [];
  if (p > 0) nav.push({ text: t.previous, callback_data: encodeCallback({ kind: 'sources', page: p - 1 }) });
  if (p < pages - 1) nav.push({ text: t.next, callback_data: encodeCallback({ kind: 'sources', page: p + 1 }) });
  const text = [t.sourcesHeader(articles.length, p + 1, pages), ...lines].join('\n\n');
  return { text, reply_markup: nav.length > 0 ? { inline_keyboard: [nav] } : undefined };
}

/** "outlet · date" (no title) for list entries whose title is already shown. */
function formatCitationFields(a: Citable, t: Messages): string {
  return `${t.mark}${[a.source ?? t.unknownOutlet, a.date ?? t.undated].map((f) => escapeHtml(isolate(f))).join(' · ')}`;
}

/** The first `max` items, rendered, joined with the language's separator, then "and N more". */
function shortList(items: readonly string[], render: (item: string) => string, t: Messages, max: number): string {
  const shown = items.slice(0, max).map(render);
  const more = items.length - shown.length;
  return shown.join(t.listSeparator) + (more > 0 ? t.andMore(more) : '');
}

/** Outlets list for the start/help text, clipped to a readable length. */
export function formatOutlets(stats: ArchiveStats, t: Messages, max = 12): string {
  return shortList(stats.sources, (s) => escapeHtml(isolate(s)), t, max);
}
