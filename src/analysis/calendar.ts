/**
 * Month and weekday names as the archive's pages and questions write them, after normalizeArabic:
 * Gregorian months in Egyptian and Gulf usage (يناير…), Levantine (كانون الثاني…), English. One table
 * for every stage that reads dates: the ingest's datelines and the answer-kind check.
 */

/** Each month name (normalised) and its number, 1–12. */
export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['يناير', 1], ['فبراير', 2], ['مارس', 3], ['ابريل', 4], ['مايو', 5], ['يونيو', 6], ['يونيه', 6],
  ['يوليو', 7], ['يوليه', 7], ['اغسطس', 8], ['سبتمبر', 9], ['اكتوبر', 10], ['نوفمبر', 11], ['ديسمبر', 12],
  ['كانون الثاني', 1], ['شباط', 2], ['اذار', 3], ['نيسان', 4], ['ايار', 5], ['حزيران', 6], ['تموز', 7],
  ['اب', 8], ['ايلول', 9], ['تشرين الاول', 10], ['تشرين الثاني', 11], ['كانون الاول', 12],
  ['january', 1], ['february', 2], ['march', 3], ['april', 4], ['may', 5], ['june', 6], ['july', 7],
  ['august', 8], ['september', 9], ['october', 10], ['november', 11], ['december', 12],
]);

/** Month names that are also common words ("مارس" practised, "آب" father, "may"): a month only beside a number. */
export const AMBIGUOUS_MONTH_NAMES: ReadonlySet<string> = new Set(['مارس', 'اب', 'may']);

/** Weekday names (normalised), with their article where Arabic writes one. */
export const WEEKDAY_NAMES: readonly string[] = [
  'السبت', 'الاحد', 'الاثنين', 'الثلاثاء', 'الاربعاء', 'الخميس', 'الجمعه',
  'saturday', 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
];
