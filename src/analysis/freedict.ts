/**
 * FreeDict's English–Arabic dictionary (from Arabeyes' word list, GPL 2+), which Debian ships as
 * `dict-freedict-eng-ara`: read from its dictd file, not copied into sanad. Its entries are a
 * headword line ("Withdrawal /wɪθdɹˈɔːl/"; a few have no phonetics: "U.S"), then the senses, one a
 * line, numbered when several ("1. يترك"), a gloss after " - " ("كابول - عاصمة…").
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** English word (lower case) → its first Arabic sense. */
export type Dictionary = ReadonlyMap<string, string>;

/** A sense longer than this many words is a definition, not a word to match ("الإنحناء تعبيراً عن الإحترام"). */
const MAX_SENSE_WORDS = 2;

/** A headword line: Latin letters, then its phonetics between slashes when it has them. */
const HEADWORD = /^([A-Za-z][A-Za-z'.& -]*?)(?: \/[^/]*\/)?$/u;

/** The sense a line gives: numbering and gloss taken off; undefined when it is no short Arabic phrase. */
function senseOf(line: string): string | undefined {
  const sense = line.replace(/^\d+\.\s*/u, '').split(' - ')[0]!.replace(/[()]/gu, '').trim();
  if (!/\p{Script=Arabic}/u.test(sense) || /\p{Script=Latin}/u.test(sense)) return undefined;
  return sense.split(/\s+/u).length <= MAX_SENSE_WORDS ? sense : undefined;
}

/** FreeDict's dictd text (as `dictzip -d` gives it) → each headword's first short sense. */
export function parseFreedict(text: string): Map<string, string> {
  const senses = new Map<string, string>();
  let headword: string | undefined;
  for (const line of text.split('\n')) {
    const head = HEADWORD.exec(line.trim());
    if (head) {
      headword = head[1]!.toLowerCase();
      continue;
    }
    if (headword === undefined || senses.has(headword)) continue;
    const sense = senseOf(line);
    if (sense !== undefined) senses.set(headword, sense);
  }
  return senses;
}

/**
 * The dictionary at `path` (a dictd base name: `path.dict.dz` or `path.dict`), or the one line
 * saying why there is none. It is read and parsed once, on the first call of `load` (the first
 * English question); a file that cannot be read then gives an empty dictionary, not an error per
 * question.
 */
export function openDictionary(path: string): { load: () => Dictionary } | { reason: string } {
  const file = [`${path}.dict.dz`, `${path}.dict`].find((f) => existsSync(f));
  if (file === undefined) {
    return { reason: `English questions in lexical mode: no English–Arabic dictionary at ${path}.dict.dz (apt-get install dict-freedict-eng-ara)` };
  }
  let dictionary: Dictionary | undefined;
  const read = (): Dictionary => {
    try {
      const bytes = readFileSync(file);
      return parseFreedict((file.endsWith('.dz') ? gunzipSync(bytes) : bytes).toString('utf8'));
    } catch {
      return new Map();
    }
  };
  return { load: () => (dictionary ??= read()) };
}
