/**
 * Writes src/analysis/weak-verbs.txt from Debian's hunspell-ar (`apt-get install hunspell-ar`):
 *
 *   node --import tsx scripts/weak-verbs.ts [/usr/share/hunspell/ar] > src/analysis/weak-verbs.txt
 *
 * hunspell-ar's dictionary gives each verb stem its lemma (`st:`, the past of the third person
 * masculine) and tense (`is:prst`, `is:pst`) through the affix file's AM lines. The verbs whose
 * past and present a light stemmer cannot join are the bare verbs (form I) over a weak root: a
 * hollow one (زار / يزور), a defective one (دعا / يدعو, رأى / يرى) and one that loses its first و
 * (وثق / يثق). For each, this keeps the lemma, its present of the third person (يزور, تزور; the
 * passive يزار too, not the short forms after لم: يزر) and, for a defective verb, its past of the
 * third person feminine (دعت), which stems apart from the lemma.
 *
 * A form is left out when hunspell also gives it, or a word it stems alike with under sanad's
 * analyzer, a lemma of another root, or lists such a word as a noun: يعد is وعد's present
 * ("promises") but also عدّ's ("counts") and أعدّ's ("prepares"), يهود is هاد's ("repents") and
 * "Jews", يصلي "prays" stems as يصل "arrives", and such a form would join words that are not one.
 * Lemmas of the same root (قال, قول, أقال for يقول) are no conflict. The bare verbs that lose their
 * first و (وصل / يصل, وجد / يجد, وقع / يقع) are all left out so: each present is another verb's too.
 */
import { readFileSync } from 'node:fs';
import { terms } from '../src/analysis/terms.js';

const base = process.argv[2] ?? '/usr/share/hunspell/ar';

interface Entry {
  word: string;
  lemma: string;
  tenses: string[];
}

/**
 * The dictionary read: its verb entries with their morphology (AM lines are numbered from 1), and
 * the words it lists with none, its nouns and particles.
 */
function readDictionary(): { verbs: Entry[]; others: Set<string> } {
  const aliases = readFileSync(`${base}.aff`, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('AM '))
    .slice(1)
    .map((line) => line.slice(3));
  const verbs: Entry[] = [];
  const others = new Set<string>();
  for (const line of readFileSync(`${base}.dic`, 'utf8').split('\n').slice(1)) {
    const [head, alias] = line.split('\t');
    const word = head?.split('/')[0];
    if (!word) continue;
    const fields = alias && /^\d+$/u.test(alias.trim()) ? (aliases[Number(alias) - 1]?.split(/\s+/u) ?? []) : [];
    const lemma = fields.find((f) => f.startsWith('st:'))?.slice(3);
    if (lemma && fields.includes('po:verb')) verbs.push({ word, lemma, tenses: fields.filter((f) => f.startsWith('is:')).map((f) => f.slice(3)) });
    else others.add(word);
  }
  return { verbs, others };
}

type Kind = 'hollow' | 'defective' | 'assimilated';

/** The kinds of weak root a form I lemma of three letters shows (none for a sound or derived verb). */
function kindsOf(lemma: string): Kind[] {
  if (!/^[\u0621-\u064A]{3}$/u.test(lemma)) return [];
  const kinds: Kind[] = [];
  if (lemma[1] === 'ا') kinds.push('hollow');
  if (/[اىي]$/u.test(lemma)) kinds.push('defective');
  if (lemma[0] === 'و') kinds.push('assimilated');
  return kinds;
}

/**
 * A present of the third person that is no short (jussive) form, for a lemma of these kinds: four
 * letters (يزور, يدعو), three where the verb drops a letter (يصل, and يرى with its hamza).
 */
function isFullPresent(word: string, lemma: string, kinds: Kind[]): boolean {
  if (!/^[يت]/u.test(word)) return false;
  return (
    (kinds.includes('hollow') && word.length === 4 && /[اوي]/u.test(word[2]!)) ||
    (kinds.includes('defective') && word.length === (lemma[1] === 'أ' ? 3 : 4) && /[وىي]$/u.test(word)) ||
    (kinds.includes('assimilated') && word.length === 3 && word[1] !== 'و')
  );
}

/**
 * Whether two lemmas are of different roots, by the letters that tell a root: without long vowels,
 * weak letters and hamza seats, but with a first و (وعد is not عدّ). A doubled verb's lemma has two
 * letters (عد, جر) and is never the root of a three-letter one (جرى "ran" is not جرّ "dragged").
 */
function otherRoot(a: string, b: string): boolean {
  const key = (lemma: string) => lemma.replace(/(?!^و)[اأإآءئؤىيو]/gu, '');
  return key(a) !== key(b) || (a.length === 2) !== (b.length === 2);
}

const { verbs, others } = readDictionary();
const lemmasOf = new Map<string, Set<string>>();
for (const e of verbs) lemmasOf.set(e.word, (lemmasOf.get(e.word) ?? new Set()).add(e.lemma));

// The words of the dictionary by the term sanad's analyzer makes of them: a form is matched by its
// term, so it must not share it with a word of another root (يصلي "prays" stems as يصل "arrives").
const termOf = (word: string) => {
  const t = terms(word);
  return t.length === 1 ? t[0] : undefined;
};
const wordsByTerm = new Map<string, Set<string>>();
for (const word of new Set([...lemmasOf.keys(), ...others])) {
  const t = termOf(word);
  if (t !== undefined) wordsByTerm.set(t, (wordsByTerm.get(t) ?? new Set()).add(word));
}
/** Whether `word` is a noun or another root's verb, for a form of `lemma`. */
const foreignTo = (lemma: string) => (word: string) => others.has(word) || [...(lemmasOf.get(word) ?? [])].some((other) => otherRoot(other, lemma));

const groups = new Map<string, Set<string>>();
for (const e of verbs) {
  const kinds = kindsOf(e.lemma);
  if (kinds.length === 0) continue;
  const present = e.tenses.includes('prst') && isFullPresent(e.word, e.lemma, kinds);
  const feminine = kinds.includes('defective') && e.tenses.includes('pst') && e.word === `${e.lemma.slice(0, -1)}ت` && e.lemma.at(-1) !== 'ي';
  if (!present && !feminine) continue;
  const term = termOf(e.word);
  const sameTerm = term === undefined ? [e.word] : [...wordsByTerm.get(term)!];
  if (sameTerm.some(foreignTo(e.lemma))) continue;
  groups.set(e.lemma, (groups.get(e.lemma) ?? new Set()).add(e.word));
}

const header = `# Bare verbs (form I) over a weak root: each line a verb's past (third person masculine) and the
# forms of it that a light stemmer cannot join to it, its present of the third person (زار يزور تزور
# يزار) and, for a defective verb, its past of the third person feminine (دعا دعت يدعو). Read by
# weak-verbs.ts; one verb a line, forms separated by spaces, \`#\` starts a comment.
#
# Source: the verb morphology of Debian's hunspell-ar (Ayaspell 3.x, © 2006–2008 Mohamed Kebdani,
# GPL 2.0 / LGPL 2.1 / MPL 1.1). Regenerate with:
#   node --import tsx scripts/weak-verbs.ts > src/analysis/weak-verbs.txt
# A form hunspell (or a word stemmed alike by sanad's analyzer) also gives to a verb of another root,
# or lists as a noun, is left out (يعد: وعد, عدّ, أعدّ; يهود; يصلي stemmed as يصل).`;
const lines = [...groups]
  .map(([lemma, forms]) => [lemma, ...[...forms].sort()].join(' '))
  .sort();
process.stdout.write(`${header}\n${lines.join('\n')}\n`);
