/**
 * Synonym groups as data: words that news Arabic uses for the same thing, so that a question
 * worded one way meets a passage worded another. The groups live in `synonyms.txt` beside this
 * file (format below); this module reads and validates them and builds the stem → synonyms table.
 *
 * Format of synonyms.txt: word groups (word-groups.ts), one per line, its words written as a reader
 * would type them; each word must also yield exactly one matching term (not a stop word, not two
 * stems). A bad line stops loading with `synonyms.txt:LINE: what is wrong`.
 *
 * What belongs in a group: words a careful editor would accept as interchangeable in a question,
 * in general news Arabic, all of one meaning. A word that is only related ("army" and "war"), a
 * form that one question happens to use, a figurative sense: none of these.
 */
import { readFileSync } from 'node:fs';
import { groupTable, parseWordGroups, WordGroupFileError, type WordGroup } from './word-groups.js';

export const SYNONYMS_FILE = new URL('./synonyms.txt', import.meta.url);

/** The project's synonym groups (src/analysis/synonyms.txt). */
export function loadSynonymGroups(file: URL | string = SYNONYMS_FILE): WordGroup[] {
  return parseWordGroups(readFileSync(file, 'utf8'), typeof file === 'string' ? file : 'src/analysis/synonyms.txt');
}

/**
 * Stem → the other stems of every group it belongs to. Each word must yield exactly one term
 * under `terms` (the analyzer's own), or the group could never match as written.
 */
export function synonymTable(
  groups: readonly (WordGroup | readonly string[])[],
  terms: (text: string) => string[],
  source = 'synonyms.txt',
): Map<string, string[]> {
  const stemGroups = groups.map((g, i) => {
    const { words, line } = 'line' in g ? g : { words: g as readonly string[], line: i + 1 };
    return words.map((word) => {
      const t = terms(word);
      if (t.length !== 1) {
        throw new WordGroupFileError(source, line, t.length === 0 ? `"${word}" is a stop word or too short: it can never match` : `"${word}" yields ${t.length} terms (${t.join(' ')})`);
      }
      return t[0]!;
    });
  });
  return groupTable(stemGroups);
}
