/**
 * Bytes → text, decided by the evidence in the bytes. Arabic archives arrive as UTF-8 (with or
 * without BOM), UTF-16 (with or without BOM), or a legacy Arabic code page (Windows-1256,
 * ISO-8859-6); files glued together from several sources mix UTF-8 and a code page line by line.
 * A file that is UTF-8 but for a few bad bytes stays UTF-8: the bad bytes become U+FFFD and the
 * decoding says so, instead of the whole file being read as a code page (mojibake).
 * What cannot be read is refused with a reason that names the encoding problem.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from './errors.js';

export interface Decoded {
  text: string;
  /** How the bytes were read: "UTF-8", "UTF-16LE (no BOM)", "windows-1256", "UTF-8 + windows-1256"… */
  encoding: string;
  /** Set when bytes were replaced or read in more than one encoding: an editor should know. */
  warning?: string;
}

const ARABIC_LETTER = /[\u0621-\u064A]/gu;
const LETTER = /\p{L}/gu;
const ARABIC_CODE_PAGES = ['windows-1256', 'iso-8859-6'];
/** How much of a file the statistics below look at: enough to judge, and cheap for megabytes. */
const SAMPLE = 64 * 1024;

/** Share of letters that are Arabic: tells a right Arabic code page guess from mojibake. */
function arabicShare(text: string): number {
  const letters = text.match(LETTER)?.length ?? 0;
  return letters === 0 ? 0 : (text.match(ARABIC_LETTER)?.length ?? 0) / letters;
}

/**
 * Share of Arabic words with a Latin letter inside: near 0 in real text, high when a code page
 * was misread (ISO-8859-6 read as Windows-1256 turns و and ي into è and ê).
 */
function mixedScriptShare(text: string): number {
  let arabic = 0;
  let mixed = 0;
  for (const word of text.split(/\s+/u)) {
    if (!/[\u0621-\u064A]/u.test(word)) continue;
    arabic++;
    if (/[A-Za-z\u00C0-\u024F]/u.test(word)) mixed++;
  }
  return arabic === 0 ? 0 : mixed / arabic;
}

/** Control characters other than tab, newline, carriage return, form feed: a sign of binary data. */
function controlShare(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) n++;
  return n / bytes.length;
}

/** Valid multi-byte UTF-8 sequences and invalid bytes in bytes[start, end). */
function utf8Tally(bytes: Uint8Array, start: number, end: number): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = start; i < end; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    let ok = need > 0 && i + need < end && bytes[i + 1]! >= lo && bytes[i + 1]! <= hi;
    for (let k = 2; ok && k <= need; k++) ok = bytes[i + k]! >= 0x80 && bytes[i + k]! <= 0xbf;
    if (ok) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Code units that ordinary Arabic or Latin text is made of: tells UTF-16 text from binary. */
function isTextUnit(c: number): boolean {
  return c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0x24f) || (c >= 0x600 && c <= 0x6ff) ||
    (c >= 0x750 && c <= 0x77f) || (c >= 0x2000 && c <= 0x206f) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff);
}

/** UTF-16 text with a few unpaired surrogates is read with U+FFFD in their place, and says so. */
function fromUtf16(bytes: Uint8Array, le: boolean, encoding: string): Decoded {
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes);
  const bad = text.match(/\uFFFD/gu)?.length ?? 0;
  return bad === 0 ? { text, encoding } : { text, encoding, warning: `${bad} invalid UTF-16 code unit(s) replaced by U+FFFD` };
}

/** UTF-16 without a byte order mark: the byte order whose reading is (nearly) all text, or null. */
function utf16WithoutBom(bytes: Uint8Array): Decoded | null {
  const units = Math.floor(bytes.length / 2);
  if (units === 0) return null;
  for (const le of [true, false]) {
    let text = 0;
    for (let i = 0; i < units; i++) if (isTextUnit(le ? bytes[2 * i]! | (bytes[2 * i + 1]! << 8) : (bytes[2 * i]! << 8) | bytes[2 * i + 1]!)) text++;
    if (text / units >= 0.95) return fromUtf16(bytes.subarray(0, units * 2), le, le ? 'UTF-16LE (no BOM)' : 'UTF-16BE (no BOM)');
  }
  return null;
}

/** Zero bytes (eight or more) mostly at even or mostly at odd offsets: the mark of UTF-16. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  return even + odd >= 8 && (even + odd) * 4 >= bytes.length / 2 && Math.max(even, odd) >= 9 * Math.min(even, odd);
}

/** Read bytes in an Arabic code page, if one reads them as Arabic text (not mojibake). */
function arabicCodePage(bytes: Uint8Array): { name: string; text: string } | null {
  for (const name of ARABIC_CODE_PAGES) {
    const text = iconv.decode(Buffer.from(bytes), name);
    const sample = text.slice(0, SAMPLE);
    if (!text.includes('\uFFFD') && arabicShare(sample) >= 0.6 && mixedScriptShare(sample) <= 0.05) return { name, text };
  }
  return null;
}

/** Byte ranges of the lines of `bytes`, each with its newline. */
function lineRanges(bytes: Uint8Array): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl + 1;
    ranges.push([start, end]);
    start = end;
  }
  return ranges;
}

/** Enough valid multi-byte sequences that a file holds real UTF-8 text, not chance byte pairs of a code page. */
const UTF8_EVIDENCE = 8;

/** Bytes that are not valid UTF-8: UTF-8 with bad bytes, a code page, or UTF-8 and a code page by line. */
function decodeByEvidence(bytes: Uint8Array): Decoded {
  const lines = lineRanges(bytes).map(([start, end]) => ({ start, end, ...utf8Tally(bytes, start, end) }));
  // A line with more invalid bytes than valid sequences is in a code page; one with fewer is damaged UTF-8.
  const legacy = lines.filter((l) => l.invalid > l.valid);
  const utf8 = lines.filter((l) => l.invalid <= l.valid);
  const utf8Evidence = utf8.reduce((n, l) => n + l.valid, 0);
  const damaged = utf8.reduce((n, l) => n + l.invalid, 0);
  const replaced = (n: number) => `${n} invalid UTF-8 byte sequence(s) replaced by U+FFFD`;
  const codePage = legacy.length > 0 ? arabicCodePage(Buffer.concat(legacy.map((l) => bytes.subarray(l.start, l.end)))) : null;

  if (codePage && utf8Evidence < UTF8_EVIDENCE) return { text: iconv.decode(Buffer.from(bytes), codePage.name), encoding: codePage.name };
  if (codePage) {
    const utf8Decoder = new TextDecoder('utf-8');
    const text = lines
      .map((l) => (l.invalid > l.valid ? iconv.decode(Buffer.from(bytes.subarray(l.start, l.end)), codePage.name) : utf8Decoder.decode(bytes.subarray(l.start, l.end))))
      .join('');
    const mixed = `mixed encodings: ${legacy.length} of ${lines.length} lines read as ${codePage.name}, the rest as UTF-8`;
    return { text, encoding: `UTF-8 + ${codePage.name}`, warning: damaged > 0 ? `${mixed}; ${replaced(damaged)}` : mixed };
  }
  const invalid = damaged + legacy.reduce((n, l) => n + l.invalid, 0);
  if (utf8Evidence + legacy.reduce((n, l) => n + l.valid, 0) >= invalid) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'UTF-8', warning: replaced(invalid) };
  }
  if (utf8Evidence >= UTF8_EVIDENCE) {
    throw new IngestError(`undecodable text: UTF-8 mixed with ${legacy.length} line(s) in an unknown encoding (not Windows-1256 or ISO-8859-6)`);
  }
  // No Arabic code page fits: a non-Arabic one (a Latin-1 article, say) on chardet's first guess,
  // made from the first SAMPLE bytes (its statistics over megabytes take seconds).
  const guess = chardet.analyse(bytes.subarray(0, SAMPLE))[0]?.name;
  if (guess && iconv.encodingExists(guess)) {
    const text = iconv.decode(Buffer.from(bytes), guess);
    if (!text.includes('\uFFFD') && mixedScriptShare(text.slice(0, SAMPLE)) <= 0.05) return { text, encoding: guess };
  }
  throw new IngestError('undecodable text: not UTF-8, UTF-16, Windows-1256 or ISO-8859-6');
}

/** Decode an article file, or throw IngestError saying why it is not text we can read. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new IngestError('empty file');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    if (bytes.length === 3) return { text: '', encoding: 'UTF-8 (BOM)' };
    const decoded = decodeText(bytes.subarray(3));
    return { ...decoded, encoding: `${decoded.encoding} (BOM)` };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    return fromUtf16(bytes.subarray(2), le, le ? 'UTF-16LE' : 'UTF-16BE');
  }
  if (bytes.includes(0)) {
    const utf16 = utf16WithoutBom(bytes);
    if (utf16) return utf16;
    if (looksLikeUtf16(bytes)) throw new IngestError('UTF-16 without BOM that does not read as text: save it as UTF-8');
    throw new IngestError('binary file, not text (it holds NUL bytes)');
  }
  if (controlShare(bytes) > 0.01) throw new IngestError('binary file, not text (control characters)');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return decodeByEvidence(bytes);
  }
}
