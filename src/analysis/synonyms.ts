/**
 * Synonym groups as data: words that news Arabic uses for the same thing, so that a question
 * worded one way meets a passage worded another. The groups live in `synonyms.txt` beside this
 * file (format below); this module reads and validates them and builds the stem → synonyms table.
 *
 * Format of synonyms.txt:
 * - one group per line: its words separated by spaces, written as a reader would type them;
 * - `#` starts a comment (to the end of the line); blank lines are ignored;
 * - a group has at least two words; each word is letters only (no digits or punctuation), and
 *   must yield exactly one matching term (not a stop word, not two stems).
 * A bad line stops loading with `synonyms.txt:LINE: what is wrong`.
 *
 * What belongs in a group: words a careful editor would accept as interchangeable in a question,
 * in general news Arabic, all of one meaning. A word that is only related ("army" and "war"), a
 * form that one question happens to use, a figurative sense: none of these.
 */
import { readFileSync } from 'node:fs';

export interface SynonymGroup {
  words: readonly string[];
  /** 1-based line in the source, for error messages. */
  line: number;
}

export class SynonymFileError extends Error {
  constructor(source: string, line: number, problem: string) {
    super(`${source}:${line}: ${problem}`);
    this.name = 'SynonymFileError';
  }
}

const WORD = /^\p{L}[\p{L}\p{M}]*$/u;

/** Parse the synonym file format; throws SynonymFileError naming the first bad line. */
export function parseSynonyms(text: string, source = 'synonyms.txt'): SynonymGroup[] {
  const groups: SynonymGroup[] = [];
  text.split(/\r?\n/u).forEach((raw, i) => {
    const line = i + 1;
    const words = raw.replace(/#.*$/u, '').trim().split(/\s+/u).filter(Boolean);
    if (words.length === 0) return;
    const bad = words.find((w) => !WORD.test(w));
    if (bad !== undefined) throw new SynonymFileError(source, line, `"${bad}" is not a word (letters only, separated by spaces)`);
    if (words.length < 2) throw new SynonymFileError(source, line, `a group needs at least two words, got "${words[0]}"`);
    const seen = new Set<string>();
    for (const w of words) {
      if (seen.has(w)) throw new SynonymFileError(source, line, `"${w}" appears twice in the group`);
      seen.add(w);
    }
    groups.push({ words, line });
  });
  return groups;
}

export const SYNONYMS_FILE = new URL('./synonyms.txt', import.meta.url);

/** The project's synonym groups (src/analysis/synonyms.txt). */
export function loadSynonymGroups(file: URL | string = SYNONYMS_FILE): SynonymGroup[] {
  return parseSynonyms(readFileSync(file, 'utf8'), typeof file === 'string' ? file : 'src/analysis/synonyms.txt');
}

/**
 * Stem → the other stems of every group it belongs to. Each word must yield exactly one term
 * under `terms` (the analyzer's own), or the group could never match as written.
 */
export function synonymTable(
  groups: readonly (SynonymGroup | readonly string[])[],
  terms: (text: string) => string[],
  source = 'synonyms.txt',
): Map<string, string[]> {
  const byStem = new Map<string, Set<string>>();
  groups.forEach((g, i) => {
    const { words, line } = 'line' in g ? g : { words: g as readonly string[], line: i + 1 };
    const stems = words.map((word) => {
      const t = terms(word);
      if (t.length !== 1) {
        throw new SynonymFileError(source, line, t.length === 0 ? `"${word}" is a stop word or too short: it can never match` : `"${word}" yields ${t.length} terms (${t.join(' ')})`);
      }
      return t[0]!;
    });
    for (const stem of stems) {
      const set = byStem.get(stem) ?? new Set<string>();
      for (const other of stems) if (other !== stem) set.add(other);
      byStem.set(stem, set);
    }
  });
  return new Map([...byStem].map(([stem, set]) => [stem, [...set]]));
}
