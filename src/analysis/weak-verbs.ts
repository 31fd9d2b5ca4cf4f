/**
 * The past and present of a bare verb over a weak root, which no affix rule joins: زار / يزور,
 * دعا / دعت / يدعو, رأى / يرى. A light stemmer strips the present's prefix from a sound verb
 * (يكتب / كتب meet), but a weak root changes its letters between tenses, and the patterns of
 * word-forms.ts leave this pair out: from the letters alone يطور "develops" (form II) would be
 * the present of طار "flew". Which present is whose is a lexicon's knowledge: weak-verbs.txt
 * holds it, drawn from hunspell-ar's verb morphology (source and regeneration in the file,
 * format in word-groups.ts), where يطور is طوّر's alone.
 */
import { readFileSync } from 'node:fs';
import { groupTable, parseWordGroups, type WordGroup } from './word-groups.js';

export const WEAK_VERBS_FILE = new URL('./weak-verbs.txt', import.meta.url);

/** The verbs of weak-verbs.txt: each a group of its forms. */
export function loadWeakVerbs(file: URL = WEAK_VERBS_FILE): WordGroup[] {
  return parseWordGroups(readFileSync(file, 'utf8'), 'src/analysis/weak-verbs.txt');
}

/**
 * Term → the terms of the same verb's other forms, under `terms` (the analyzer's). A form that is
 * a stop word (قال, يقول) or stems with another (زارت with زار) adds nothing, and a term that two
 * verbs' forms stem to (ير: يرى "sees", يري "kindles") tells neither, so it is left out.
 */
export function weakVerbTable(verbs: readonly WordGroup[], terms: (text: string) => string[]): Map<string, string[]> {
  // One verb may be listed under two spellings of its past (بقي, بقى): one group, by its past's term.
  const byPast = new Map<string, Set<string>>();
  for (const { words } of verbs) {
    const past = terms(words[0]!)[0] ?? words[0]!;
    const group = byPast.get(past) ?? new Set<string>();
    for (const t of words.map(terms)) if (t.length === 1) group.add(t[0]!);
    byPast.set(past, group);
  }
  const termGroups = [...byPast.values()].map((group) => [...group]);
  const verbsOf = new Map<string, number>();
  for (const group of termGroups) for (const term of group) verbsOf.set(term, (verbsOf.get(term) ?? 0) + 1);
  const unambiguous = termGroups.map((group) => group.filter((term) => verbsOf.get(term) === 1));
  return groupTable(unambiguous.filter((group) => group.length > 1));
}
