/**
 * Dates as news pages print them: "١٣ أكتوبر ٢٠٢١", "02 يوليو 2021ء", "السبت 5 اكتوبر 2024",
 * "20-2-2018 | 16:05", "15 أغسطس/ آب 2021", "2021-07-02". Returns ISO YYYY-MM-DD.
 */
import { MONTH_NUMBERS, WEEKDAY_NAMES } from '../analysis/calendar.js';
import { normalizeArabic } from '../analysis/normalize.js';

const MONTH_ALT = [...MONTH_NUMBERS.keys()].sort((a, b) => b.length - a.length).join('|');
/** A weekday, with or without its article. */
const WEEKDAYS = `(?:(?:ال)?(?:${WEEKDAY_NAMES.map((d) => d.replace(/^ال/u, '')).join('|')}))`;
const TIME = '(?:\\s*[|،,-]?\\s*\\d{1,2}:\\d{2}(?::\\d{2})?\\s*(?:[اص]م|[ap]\\.?m\\.?)?)?';
const ERA = '(?:\\s*(?:ء|م|هـ)(?!\\p{L}))?';

const NAMED = new RegExp(`(\\d{1,2})\\s+(${MONTH_ALT})(?:\\s*/\\s*(?:${MONTH_ALT}))?\\s*,?\\s+(\\d{4})`, 'u');
const NUMERIC_DMY = /(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)/u;
const NUMERIC_YMD = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/u;

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Find the first date written anywhere in `text`, or null. */
export function findDate(text: string): string | null {
  const t = normalizeArabic(text);
  const named = NAMED.exec(t);
  if (named) return iso(Number(named[3]), MONTH_NUMBERS.get(named[2]!)!, Number(named[1]));
  const ymd = NUMERIC_YMD.exec(t);
  if (ymd) return iso(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  const dmy = NUMERIC_DMY.exec(t);
  if (dmy) return iso(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
  return null;
}

const DATE_LINE = new RegExp(
  `^\\s*(?:${WEEKDAYS}\\s*[،,]?\\s*)?(?:\\d{1,2}\\s+(?:${MONTH_ALT})(?:\\s*/\\s*(?:${MONTH_ALT}))?\\s*,?\\s+\\d{4}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{4}|\\d{4}-\\d{2}-\\d{2})${ERA}${TIME}\\s*$`,
  'u',
);

/** A line that is nothing but a date (a page's dateline or crawl stamp): its ISO date, else null. */
export function parseDateLine(line: string): string | null {
  return DATE_LINE.test(normalizeArabic(line)) ? findDate(line) : null;
}
