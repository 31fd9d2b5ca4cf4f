/**
 * Arabic-aware normalisation for matching only: what users type (with or without diacritics,
 * hamza, tatweel, Arabic-Indic digits) must meet what the article wrote. Never shown to users.
 */

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/gu;
const TATWEEL = /\u0640/gu;

const FOLD: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ة': 'ه', 'ؤ': 'و', 'ئ': 'ي',
  'ی': 'ي', 'ي': 'ي', 'ک': 'ك', 'ۀ': 'ه', 'ە': 'ه',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');

/** Map Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits to ASCII digits. */
function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/gu, (d) => String(d.codePointAt(0)! & 0x0f));
}

/** Fold a text to its matching form: NFKC, no diacritics or tatweel, one alef, ى→ي, ة→ه, ASCII digits, lower case. */
export function normalizeArabic(text: string): string {
  return asciiDigits(withoutMarks(text.normalize('NFKC')))
    .replace(FOLD_RE, (c) => FOLD[c] ?? c)
    .toLowerCase();
}

/**
 * `text` without diacritics (harakat, Quranic marks) and tatweel, spelling otherwise untouched: what a
 * question is embedded as. News is written without them, and the model's tokenizer cuts a voweled
 * word into rare pieces that no longer meet the article's plain form.
 */
export function withoutMarks(text: string): string {
  return text.replace(DIACRITICS, '').replace(TATWEEL, '');
}
