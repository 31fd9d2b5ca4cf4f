/**
 * Bytes → text. Arabic archives arrive as UTF-8 (with or without BOM), UTF-16, or the legacy
 * Windows-1256 code page; anything else that decodes to text is accepted on chardet's word.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from './errors.js';

export interface Decoded {
  text: string;
  encoding: string;
}

const ARABIC_LETTER = /[\u0621-\u064A]/gu;
const LETTER = /\p{L}/gu;

/** Share of letters that are Arabic: tells a right Windows-1256 guess from mojibake. */
function arabicShare(text: string): number {
  const letters = text.match(LETTER)?.length ?? 0;
  return letters === 0 ? 0 : (text.match(ARABIC_LETTER)?.length ?? 0) / letters;
}

/** Control characters other than tab, newline, carriage return, form feed: a sign of binary data. */
function controlShare(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) n++;
  return n / bytes.length;
}

/** Decode an article file, or throw IngestError saying why it is not text we can read. */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new IngestError('empty file');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    return { text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), encoding: le ? 'UTF-16LE' : 'UTF-16BE' };
  }
  if (bytes.includes(0) || controlShare(bytes) > 0.01) throw new IngestError('binary file, not text');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // not UTF-8: fall through to legacy code pages
  }
  const candidates = chardet.analyse(bytes).map((c) => c.name);
  const ordered = ['windows-1256', ...candidates.filter((c) => c !== 'windows-1256')];
  for (const name of ordered) {
    if (!iconv.encodingExists(name)) continue;
    const text = iconv.decode(Buffer.from(bytes), name);
    if (text.includes('\uFFFD')) continue;
    const arabic = arabicShare(text);
    if (name === 'windows-1256' ? arabic >= 0.6 : arabic >= 0.6 || candidates[0] === name) {
      return { text, encoding: name };
    }
  }
  throw new IngestError('undecodable text: not UTF-8, UTF-16 or Windows-1256');
}
