/**
 * Hostile but fair article files, each with the outcome the index run must give it: indexed with
 * so many passages, or refused with a reason. test/hostile-inputs.test.ts runs them through a real
 * index; scripts/bench-hostile.ts times their parsing. Inputs are built, not stored: several are
 * megabytes.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';

export interface HostileCase {
  /** File name under DATA_DIR; the extension decides how it is parsed. */
  file: string;
  what: string;
  bytes: () => Uint8Array;
  /** Indexed with exactly this many passages, or refused with a reason matching this pattern. */
  expect: { passages: number; warning?: RegExp } | { refused: RegExp };
}

/** A seed article; the table holds a copy of it under another name. */
const SEED_001 = new URL('../data/001_5342da39c5f54c5f.txt', import.meta.url);

export const TITLE = 'وزير الخارجية يبحث الأزمة في المنطقة';
const P1 = 'قال وزير الخارجية الروسي سيرغي لافروف إن الوضع في أفغانستان يتطلب حلا سياسيا عاجلا وشاملا يشارك فيه الجميع.';
const P2 = 'وأضاف أن موسكو ستواصل الاتصالات مع جميع الأطراف الأفغانية من أجل الاستقرار والأمن في المنطقة كلها.';
/** A small well-formed article: a title and two paragraphs (two passages). */
export const ARTICLE = `${TITLE}\n\n${P1}\n\n${P2}\n`;

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const html = (body: string) => utf8(`<html><head><title>${TITLE}</title></head><body>${body}</body></html>`);
const cat = (...parts: Uint8Array[]) => Buffer.concat(parts);
/** A byte string repeated to at least `size` bytes (deterministic "random" binary). */
function noise(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const utf16 = (text: string, le: boolean) => {
  const b = Buffer.from(text, 'utf16le');
  return le ? b : b.swap16();
};

export const HOSTILE_CASES: HostileCase[] = [
  // Breaks the archive
  { file: 'deep-divs.html', what: "'<div>' × 3000 (stack overflow in a recursive walk)", bytes: () => html(`${'<div>'.repeat(3000)}${P1}`), expect: { refused: /nested too deeply/ } },
  { file: 'deep-lists.html', what: 'lists nested 3,000 deep', bytes: () => html(`${'<ul><li>'.repeat(3000)}${P1}`), expect: { refused: /nested too deeply/ } },
  { file: 'nested-lists.html', what: 'lists nested 100 deep around the article', bytes: () => html(`<h1>${TITLE}</h1>${'<ul><li>'.repeat(100)}<p>${P1}</p><p>${P2}</p>`), expect: { passages: 2 } },
  { file: 'deep-spans-misnested.html', what: "'<div></b>' × 3000 (stray end tags do not hide depth)", bytes: () => html(`${'<div></b>'.repeat(3000)}${P1}`), expect: { refused: /nested too deeply/ } },
  { file: 'many-tags.html', what: "'<b>x</b>' × 200,000 (1.6 MB of tags)", bytes: () => html('<b>ن</b>'.repeat(200_000)), expect: { refused: /too complex/ } },
  { file: 'html-at-limits.html', what: '120 levels deep, then 9,700 tags in 4,850 paragraphs (about the costliest page accepted)', bytes: () => html(`<h1>${TITLE}</h1>${'<div>'.repeat(120)}<p>${P1}</p>${'<p><b>نص</b> عربي.</p>'.repeat(4_850)}`), expect: { passages: 607 } },
  { file: 'svg-icons.html', what: '500 self-closed SVG shapes around the article', bytes: () => html(`<h1>${TITLE}</h1><svg>${'<path d="M0 0"/>'.repeat(500)}</svg><p>${P1}</p><p>${P2}</p>`), expect: { passages: 2 } },
  // Stalls everything
  { file: 'outlet-dots.txt', what: '"المصدر: أ" + " ." × 20,000 + " ب" (backtracking outlet pattern)', bytes: () => utf8(`المصدر: أ${' .'.repeat(20_000)} ب`), expect: { passages: 167 } },
  { file: 'outlet-dots-200k.txt', what: '"المصدر: أ" + " ." × 100,000 (200 KB)', bytes: () => utf8(`المصدر: أ${' .'.repeat(100_000)} ب`), expect: { passages: 834 } },
  { file: 'md-brackets.md', what: "'[' × 20,000 + '](' × 20,000 (quadratic link pattern)", bytes: () => utf8(`${'['.repeat(20_000)}${']('.repeat(20_000)}`), expect: { refused: /no readable text/ } },
  { file: 'md-brackets-250k.md', what: "'[' × 80,000 + '](' × 80,000 (250 KB)", bytes: () => utf8(`${'['.repeat(80_000)}${']('.repeat(80_000)}`), expect: { refused: /no readable text/ } },
  { file: 'md-blank-lines.md', what: '1,000,000 blank lines, then a bullet (line-start pattern)', bytes: () => utf8(`${'\n'.repeat(1_000_000)}- ${P1}`), expect: { passages: 1 } },
  { file: 'short-paragraphs.txt', what: '100,000 short paragraphs (1.6 MB)', bytes: () => utf8(Array.from({ length: 100_000 }, (_, i) => `خبر رقم ${i}`).join('\n\n')), expect: { refused: /too many paragraphs: 100000, the limit is 5000/ } },
  { file: 'paragraphs-at-limit.txt', what: '5,000 short paragraphs (the most accepted)', bytes: () => utf8(`${TITLE}\n\n${P1}\n\n${Array.from({ length: 4_998 }, (_, i) => `خبر رقم ${i} عن الوزير الذي قال إن المحادثات مستمرة مع الأطراف كلها.`).join('\n\n')}`), expect: { passages: 2500 } },
  { file: 'one-sentence.txt', what: 'one sentence of 100,000 words (900 KB)', bytes: () => utf8(`${TITLE}\n\n${Array.from({ length: 100_000 }, (_, i) => (i % 2 ? 'الوزير' : 'قال')).join(' ')}.`), expect: { passages: 834 } },
  { file: 'one-word.txt', what: 'a single 1 MB word on one line', bytes: () => utf8('ب'.repeat(500_000)), expect: { refused: /no article text/ } },
  { file: 'read-also-storm.txt', what: '"إقرأ أيضاً:" × 50,000', bytes: () => utf8('إقرأ أيضاً:\n\n'.repeat(50_000)), expect: { refused: /too many paragraphs/ } },
  { file: 'unclosed-comment.html', what: 'an HTML comment that never closes', bytes: () => html(`<!--${P1.repeat(1000)}`), expect: { refused: /no readable text/ } },
  { file: 'unclosed-script.html', what: "'<script>' × 100,000, never closed", bytes: () => html('<script>'.repeat(100_000)), expect: { refused: /no readable text/ } },
  // Garbles silently
  { file: 'utf8-bad-bytes.txt', what: 'UTF-8 with six invalid bytes', bytes: () => cat(utf8(`${TITLE}\n\n${P1}`), Buffer.from([0xff, 0xfe, 0xc0, 0xc1, 0xf5, 0x80]), utf8(`\n\n${P2}\n`)), expect: { passages: 2, warning: /6 invalid UTF-8 byte sequence\(s\) replaced by U\+FFFD/ } },
  { file: 'mixed-utf8-1256.txt', what: 'UTF-8 title and paragraph, then a Windows-1256 paragraph', bytes: () => cat(utf8(`${TITLE}\n\n${P1}\n\n`), iconv.encode(`${P2}\n`, 'windows-1256')), expect: { passages: 2, warning: /mixed encodings: 1 of 5 lines read as windows-1256/ } },
  { file: 'iso-8859-6.txt', what: 'ISO-8859-6 Arabic (misread as Windows-1256 before)', bytes: () => iconv.encode(ARTICLE, 'iso-8859-6'), expect: { passages: 2 } },
  { file: 'windows-1256.txt', what: 'Windows-1256 Arabic', bytes: () => iconv.encode(ARTICLE, 'windows-1256'), expect: { passages: 2 } },
  { file: 'utf16le-no-bom.txt', what: 'UTF-16LE without BOM', bytes: () => utf16(ARTICLE, true), expect: { passages: 2 } },
  { file: 'utf16be-no-bom.txt', what: 'UTF-16BE without BOM', bytes: () => utf16(ARTICLE, false), expect: { passages: 2 } },
  { file: 'utf16-lone-surrogate.txt', what: 'UTF-16LE with BOM and a lone surrogate', bytes: () => cat(Buffer.from([0xff, 0xfe]), utf16(`${TITLE}\n\n${P1}\uD800\n\n${P2}`, true)), expect: { passages: 2, warning: /1 invalid UTF-16 code unit/ } },
  { file: 'utf16-binary.txt', what: 'zeros at odd offsets but not text (UTF-16 without BOM, unreadable)', bytes: () => Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 2 ? 0 : 0x80 + (i % 31)))), expect: { refused: /UTF-16 without BOM/ } },
  { file: 'rtl-override-title.txt', what: 'title opened by U+202E and wrapped in U+2066…U+2069, with U+200F at its edges', bytes: () => utf8(`\u200F\u202E\u2066${TITLE}\u2069\u200F\n\n${P1}\n\n${P2}`), expect: { passages: 2 } },
  { file: 'zero-width.txt', what: 'zero-width joiners and non-joiners inside words', bytes: () => utf8(`${TITLE}\n\n${P1.replaceAll('ال', 'ال\u200D')}\n\n${P2.replaceAll(' ', '\u200C ')}`), expect: { passages: 2 } },
  // Plain bad files
  { file: 'empty.txt', what: 'empty file', bytes: () => new Uint8Array(), expect: { refused: /^empty file$/ } },
  { file: 'whitespace.txt', what: 'only white space', bytes: () => utf8(' \n\t\n\u00A0 \r\n'), expect: { refused: /no readable text/ } },
  { file: 'bom-only.txt', what: 'a UTF-8 byte order mark and nothing else', bytes: () => Buffer.from([0xef, 0xbb, 0xbf]), expect: { refused: /no readable text/ } },
  { file: 'nul-bytes.txt', what: 'an article with NUL bytes in it', bytes: () => cat(utf8(ARTICLE), Buffer.from([0, 0, 0]), utf8(P1)), expect: { refused: /binary file/ } },
  { file: 'image.txt', what: 'a PNG named .txt', bytes: () => cat(PNG_SIGNATURE, noise(20_000, 7)), expect: { refused: /binary file/ } },
  { file: 'high-bytes.txt', what: '20 KB of random bytes 0x80–0xFF', bytes: () => noise(20_000, 11).map((b) => b | 0x80), expect: { refused: /undecodable text/ } },
  { file: 'crlf.txt', what: 'Windows line ends (CRLF)', bytes: () => utf8(ARTICLE.replaceAll('\n', '\r\n')), expect: { passages: 2 } },
  { file: 'cr-only.txt', what: 'old Mac line ends (CR only)', bytes: () => utf8(ARTICLE.replaceAll('\n', '\r')), expect: { passages: 2 } },
  { file: 'script-style-only.html', what: 'HTML with only a script and a style', bytes: () => html(`<script>var t = "${P1}";</script><style>p { color: red }</style>`), expect: { refused: /no readable text/ } },
  { file: 'furniture-only.txt', what: 'only page furniture', bytes: () => utf8('اترك تعليقاً\n\nزر الذهاب إلى الأعلى\n\nشارك'), expect: { refused: /no article text/ } },
  { file: 'zz-copy-of-001.txt', what: 'the bytes of a seed article under another name', bytes: () => readFileSync(SEED_001), expect: { refused: /^already in the archive as 001_5342da39c5f54c5f\.txt$/ } },
  { file: 'too-large.txt', what: 'one byte over the 2 MiB cap', bytes: () => utf8(`${ARTICLE}${' '.repeat(2 * 1024 * 1024 + 1 - utf8(ARTICLE).length)}`), expect: { refused: /file too large/ } },
];
