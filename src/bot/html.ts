/**
 * HTML and bidi primitives for Telegram messages: escaping for HTML parse mode, Unicode bidi
 * isolates around Latin and digit runs in Arabic text, and the one way dynamic prose enters a
 * message. Shared by the formatters (format.ts) and the message catalogue (i18n.ts).
 */

/** Escape the characters Telegram's HTML parser treats specially (& < > and " inside attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * What Telegram would show for an HTML text, as plain text: tags dropped, the entities its HTML
 * mode knows (&lt; &gt; &amp; &quot; and numeric references) turned back into characters.
 */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#x([\da-f]+)|(lt|gt|amp|quot));/gi, (whole, dec?: string, hex?: string, name?: string) => {
      if (name !== undefined) return ENTITIES[name.toLowerCase()] ?? whole;
      const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
}

/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE. */
export const FSI = '\u2068';
export const PDI = '\u2069';
/** Marks that fix a line's base direction when its first strong character sits inside an isolate. */
export const RLM = '\u200f';
export const LRM = '\u200e';

/**
 * Wrap a field in a first-strong isolate, so that a Latin outlet name, an ISO date or a title in
 * the other script keeps its own direction and does not reorder the punctuation around it.
 */
export function isolate(text: string): string {
  return text === '' ? '' : FSI + text + PDI;
}

const ARABIC_LETTERS = /(?=\p{L})\p{Script=Arabic}/gu;
const LATIN_LETTERS = /\p{Script=Latin}/gu;

/** Count Arabic-script and Latin-script letters (digits and punctuation count for neither). */
export function scriptCounts(text: string): { arabic: number; latin: number } {
  return { arabic: text.match(ARABIC_LETTERS)?.length ?? 0, latin: text.match(LATIN_LETTERS)?.length ?? 0 };
}

/** True when Arabic letters are at least as many as Latin ones (and there is at least one). */
export function isMostlyArabic(text: string): boolean {
  const { arabic, latin } = scriptCounts(text);
  return arabic > 0 && arabic >= latin;
}

/**
 * A run of Latin letters and/or ASCII digits, possibly with inner spaces and joiners
 * ("Sergei Lavrov", "2021-10-13", "COVID-19", "50%"), that starts and ends on a letter, digit or %.
 * Brackets are deliberately left outside, so a "(CSTO)" keeps both brackets in the Arabic run and
 * they pair and mirror correctly.
 */
const LTR_RUN = /[\p{Script=Latin}0-9](?:[\p{Script=Latin}0-9 .,:/%+_'’&-]*[\p{Script=Latin}0-9%])?/gu;

/**
 * In Arabic-dominant text, isolate each embedded Latin/digit run so it cannot drag neighbouring
 * neutral characters (spaces, dashes, quotes) into the wrong visual order. Text that is not
 * mostly Arabic is returned unchanged: the isolates would be noise there. Only invisible
 * formatting characters are added; the visible text stays verbatim.
 */
export function isolateLatinRuns(text: string): string {
  return isMostlyArabic(text) ? isolateLatinRunsAlways(text) : text;
}

/** Remove the bidi controls this module adds (for comparisons and tests). */
export function stripBidi(text: string): string {
  return text.replace(/[\u2066-\u2069\u200e\u200f]/g, '');
}

/** Like isolateLatinRuns, for a fragment whose surrounding text has already been judged Arabic. */
export function isolateLatinRunsAlways(text: string): string {
  return text.replace(LTR_RUN, (run) => FSI + run + PDI);
}

/** Escape, then isolate if the text is Arabic-dominant: the one way dynamic prose enters a message. */
export function prose(text: string): string {
  return escapeHtml(isolateLatinRuns(text));
}
