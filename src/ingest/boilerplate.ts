/**
 * Scraped-page furniture that must never reach a passage: comment forms, "back to top",
 * language switchers, "(continues)" markers, share and related-article lists.
 */
import { normalizeArabic } from '../analysis/normalize.js';

/** Whole blocks that are furniture, matched on the normalised text (alef/hamza/taa folded). */
const FURNITURE: RegExp[] = [
  /^(?:ru|en|ar|fr|de|es|fa|tr|ur)(?:\s*[|/·]?\s*(?:ru|en|ar|fr|de|es|fa|tr|ur))+$/,
  /^(?:english|français|русский|عربي|العربيه)$/,
  /^(?:زر\s+)?(?:الذهاب|العوده|الرجوع)\s+(?:الي|ل)\s*الاعلي$/,
  /^(?:back to top|scroll to top|top)$/,
  /^\(?\s*(?:تستمر|يتبع|يتبع\.\.\.|continued|more)\s*\)?$/,
  /^نهايه (?:الرساله|الخبر)$/,
  /^[\s.\-–—•·*_=|]+$/,
  /^(?:اترك|اضف|أضف|شارك(?:نا)?)\s+(?:تعليقا|تعليق|رايك|برايك)\.?$/,
  /^لن يتم نشر عنوان بريدك الالكتروني/,
  /^الحقول الالزاميه/,
  /^(?:افكارك وتعليقاتك|التعليقات|تعليقات|اضف تعليقك|التعليق)$/,
  /^(?:شارك|مشاركه|شارك المقال|شارك الخبر|share|tweet|print|طباعه|ارسل لصديق)(?:\s+(?:عبر|علي)?\s*(?:فيسبوك|تويتر|واتساب|facebook|twitter|whatsapp|telegram|تليجرام))*$/,
  /^(?:الصوره|مصدر الصوره|صوره|photo|image)\s*[:：]/,
  /^(?:تابعونا|تابعنا)\b/,
  /^(?:اقرا|إقرأ)\s+(?:المزيد|ايضا)\s*[:：]?$/,
];

/** Headings that open a list of links to other articles; the list that follows is furniture too. */
const LIST_HEADINGS: RegExp[] = [
  /^(?:الاكثر|اكثر)\s+(?:قراءه|مشاهده|تداولا|شعبيه)$/,
  /^(?:مقالات|اخبار|مواضيع|موضوعات)\s+(?:مشابهه|ذات صله|متعلقه|اخري|مقترحه)$/,
  /^(?:اقرا|إقرأ)\s+ايضا\s*[:：]?$/,
  /^(?:related|read more|most read|more stories|you may also like)\s*:?$/,
];

/** Marker after which a page may carry a second, unrelated article ("إقرأ أيضاً:"). */
const READ_ALSO = /^(?:اقرا|إقرأ)\s+ايضا\s*[:：]?$/;

const fold = (block: string) => normalizeArabic(block).replace(/\s+/gu, ' ').replace(/[ًٌٍَُِّْ]/gu, '').trim();

/** True for a block that is page furniture and never article text. */
export function isFurniture(block: string): boolean {
  const f = fold(block);
  return f.length === 0 || FURNITURE.some((re) => re.test(f));
}

/**
 * Longest block, in characters as written, that may be a heading: the headings above are a few
 * words, so longer blocks (every paragraph of a body) are not folded to be tested against them.
 */
const HEADING_MAX_CHARS = 120;

/** True for a heading that introduces a list of links ("most read", "related articles"). */
export function isListHeading(block: string): boolean {
  if (block.length > HEADING_MAX_CHARS) return false;
  const f = fold(block);
  return LIST_HEADINGS.some((re) => re.test(f));
}

/** True for the "read also:" marker that may introduce a second article. */
export function isReadAlso(block: string): boolean {
  return block.length <= HEADING_MAX_CHARS && READ_ALSO.test(fold(block));
}

/** A bullet line from a link list ("• title"). */
export function isBullet(block: string): boolean {
  return /^\s*[•·▪◦●■\-*]\s+/u.test(block);
}
