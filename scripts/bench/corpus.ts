/**
 * A deterministic synthetic archive of any size, for the benchmark.
 *
 * Passages are made from the seed articles' own sentences (data/*.txt), so the question set finds
 * what it asks about, in the proportions of a news archive where a few topics recur; a share of
 * each sentence's content words is then replaced by words drawn Zipf-style from a wide vocabulary,
 * so that document frequencies look like a real archive's: a head of very common words and a long
 * tail of words found in a handful of passages. The vocabulary is Debian's Arabic hunspell word
 * list (`apt-get install hunspell-ar`) when it is installed, otherwise words built from Arabic roots
 * and derivation patterns (below). The same options always give the same files, byte for byte.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../prng.js';

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const HUNSPELL_AR = '/usr/share/hunspell/ar.dic';
const ARABIC_WORD = /^[\u0621-\u064A]{3,10}$/u;

/** Sentences of the seed articles: Arabic lines of running text, cut at sentence ends. */
export function seedSentences(dataDir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dataDir).filter((n) => /\.(txt|md)$/u.test(n)).sort()) {
    for (const line of readFileSync(join(dataDir, name), 'utf8').split(/\r?\n/u)) {
      for (const sentence of line.split(/(?<=[.!?؟])\s+/u)) {
        const words = sentence.trim().split(/\s+/u).filter(Boolean);
        if (words.length >= 6 && words.length <= 70 && /[\u0621-\u064A]/u.test(sentence)) out.push(words.join(' '));
      }
    }
  }
  return out;
}

/** Words built from random three-letter roots and common derivation patterns (when no word list is installed). */
function generatedWords(count: number, random: () => number): string[] {
  const letters = 'بتثجحخدذرزسشصضطظعغفقكلمنهوي';
  const patterns = ['1ا23', 'م12و3', 'ت1ا2ي3', 'ا1ت2ا3', 'م1ا2ي3', '1و2ا3', 'است12ا3', 'ي1ت23ون', '12ي3ة', 'م12ا3', '1ا2ت3', 'ت123'];
  const words = new Set<string>();
  while (words.size < count) {
    const root = [0, 1, 2].map(() => letters[Math.floor(random() * letters.length)]!);
    const pattern = patterns[Math.floor(random() * patterns.length)]!;
    words.add(pattern.replace(/[123]/gu, (d) => root[Number(d) - 1]!));
  }
  return [...words];
}

export interface Vocabulary {
  words: string[];
  source: string;
}

/** The widening vocabulary, in a fixed random order (its rank is its Zipf rank). */
export function vocabulary(seed: number): Vocabulary {
  const random = rng(seed ^ 0x5eed);
  if (existsSync(HUNSPELL_AR)) {
    const words = new Set<string>();
    for (const line of readFileSync(HUNSPELL_AR, 'utf8').split('\n').slice(1)) {
      const word = line.split('/')[0]!.trim();
      if (ARABIC_WORD.test(word)) words.add(word);
    }
    return { words: shuffle([...words].sort(), random), source: `hunspell-ar (${HUNSPELL_AR}, ${words.size} words)` };
  }
  return { words: generatedWords(120_000, random), source: 'generated from roots and patterns (120000 words; hunspell-ar not installed)' };
}

/** Draws ranks 0..n-1 with P(r) ∝ 1/(r+1)^s. */
export function zipf(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / Math.pow(r + 1, s);
  for (let r = 0; r < n; r++) cdf[r]! /= sum;
  return () => {
    const u = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface CorpusOptions {
  passages: number;
  seed: number;
  /** Share of a seed sentence's content words replaced by a vocabulary draw. */
  replace: number;
  /** Zipf exponent of the vocabulary draws. */
  exponent: number;
}

export const DEFAULT_CORPUS: Omit<CorpusOptions, 'passages'> = { seed: 11, replace: 0.4, exponent: 1.05 };

/** Bump when the generator's output changes, so an archive generated before is not reused. */
const GENERATOR_VERSION = 2;

const OUTLETS = ['تاس', 'سبوتنيك', 'الجزيرة', 'يمانيون', 'وكالة ايسنا للأنباء', 'العربية', 'الشرق الأوسط', 'القدس العربي'];
const PASSAGES_PER_FILE = { min: 4, max: 16 };
const FILES_PER_FOLDER = 1000;

export interface CorpusInfo {
  options: CorpusOptions;
  files: number;
  paragraphs: number;
  bytes: number;
  vocabulary: string;
  seedSentences: number;
}

/** The generated files' folder for these options (reused when present and complete). */
export function corpusDir(root: string, o: CorpusOptions): string {
  return join(root, `archive-v${GENERATOR_VERSION}-${o.passages}-s${o.seed}-r${o.replace}-z${o.exponent}`);
}

/** Write the archive under `dir` (one article per file, ~10 paragraphs each, 1,000 files a folder). */
export function writeCorpus(dir: string, seedDir: string, o: CorpusOptions): CorpusInfo {
  const marker = join(dir, '.complete.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as CorpusInfo;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = rng(o.seed);
  const seeds = seedSentences(seedDir).map((s) => s.split(' '));
  const vocab = vocabulary(o.seed);
  const draw = zipf(vocab.words.length, o.exponent, random);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

  const sentence = (): string =>
    pick(seeds)
      .map((w) => (w.length >= 4 && /^[\u0621-\u064A]+$/u.test(w) && random() < o.replace ? vocab.words[draw()]! : w))
      .join(' ');
  const paragraph = (): string => {
    const parts: string[] = [];
    let words = 0;
    while (words < 30) {
      const s = sentence();
      const n = s.split(' ').length;
      if (words + n > 110) break;
      parts.push(s);
      words += n;
    }
    return parts.length > 0 ? parts.join(' ') : sentence();
  };

  let written = 0;
  let files = 0;
  let bytes = 0;
  while (written < o.passages) {
    const count = Math.min(o.passages - written, PASSAGES_PER_FILE.min + Math.floor(random() * (PASSAGES_PER_FILE.max - PASSAGES_PER_FILE.min + 1)));
    const title = sentence().split(' ').slice(0, 9).join(' ').replace(/[.،,:؛؟!]+$/u, '');
    const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(random() * 4000) * 86_400_000).toISOString().slice(0, 10);
    const body = Array.from({ length: count }, paragraph);
    const text = `${title}\n\n${day}\n\n${pick(OUTLETS)}\n\n${body.join('\n\n')}\n`;
    const folder = join(dir, `d${String(Math.floor(files / FILES_PER_FOLDER)).padStart(4, '0')}`);
    if (files % FILES_PER_FOLDER === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `a${String(files).padStart(7, '0')}.txt`), text);
    bytes += Buffer.byteLength(text);
    written += count;
    files++;
  }
  const info: CorpusInfo = { options: o, files, paragraphs: written, bytes, vocabulary: vocab.source, seedSentences: seeds.length };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}
