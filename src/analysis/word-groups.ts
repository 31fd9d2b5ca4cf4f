/**
 * Groups of words as data files (synonyms.txt, weak-verbs.txt): one group per line, its words
 * separated by spaces, `#` starting a comment, blank lines ignored. A group has at least two
 * words, each letters only, none twice. A bad line stops loading with `FILE:LINE: what is wrong`.
 */
export interface WordGroup {
  words: readonly string[];
  /** 1-based line in the source, for error messages. */
  line: number;
}

export class WordGroupFileError extends Error {
  constructor(source: string, line: number, problem: string) {
    super(`${source}:${line}: ${problem}`);
    this.name = 'WordGroupFileError';
  }
}

const WORD = /^\p{L}[\p{L}\p{M}]*$/u;

/** Parse the word-group file format; throws WordGroupFileError naming the first bad line. */
export function parseWordGroups(text: string, source: string): WordGroup[] {
  const groups: WordGroup[] = [];
  text.split(/\r?\n/u).forEach((raw, i) => {
    const line = i + 1;
    const words = raw.replace(/#.*$/u, '').trim().split(/\s+/u).filter(Boolean);
    if (words.length === 0) return;
    const bad = words.find((w) => !WORD.test(w));
    if (bad !== undefined) throw new WordGroupFileError(source, line, `"${bad}" is not a word (letters only, separated by spaces)`);
    if (words.length < 2) throw new WordGroupFileError(source, line, `a group needs at least two words, got "${words[0]}"`);
    const seen = new Set<string>();
    for (const w of words) {
      if (seen.has(w)) throw new WordGroupFileError(source, line, `"${w}" appears twice in the group`);
      seen.add(w);
    }
    groups.push({ words, line });
  });
  return groups;
}

/**
 * Term → the other terms of every group it belongs to: what a question term may meet, looked up
 * once per term instead of scanning the groups.
 */
export function groupTable(groups: readonly (readonly string[])[]): Map<string, string[]> {
  const others = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const term of group) {
      const set = others.get(term) ?? new Set<string>();
      for (const other of group) if (other !== term) set.add(other);
      others.set(term, set);
    }
  }
  return new Map([...others].map(([term, set]) => [term, [...set]]));
}
