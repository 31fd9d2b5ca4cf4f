/**
 * Other forms of one word that a light stemmer keeps apart. Arabic makes a word's plural, its
 * verbal noun and its tenses by patterns over a root, and Snowball only strips affixes, so
 * "وزير" / "وزراء", "منطقة" / "مناطق", "انسحب" / "انسحاب", "ينسحب" / "انسحب" stem apart and
 * meet only through their root, for the small credit that also joins كتاب and مكتب. Here a term's
 * other forms are made the way Arabic makes them: for each root of the term (roots.ts), a pattern
 * of one of the families below that gives the term itself, and the family's other patterns over
 * the same root, kept when they are terms of the archive.
 *
 * Patterns are written with ف ع ل for the root's letters, in matching form (ة as ه, ئ as ي, no
 * hamza on alef). Only patterns whose forms are nearly always the same word are listed: broken
 * plurals news uses every day with their singulars, the derived verbs (forms IV, V, VI, VII,
 * VIII, X, and III in the present) with their verbal nouns and present tense. Left out because
 * they mostly make another word: the bare past فعل with تفعيل (علم "flag" / تعليم "teaching"),
 * فاعل with مفاعلة (the participle كاتب is commoner than the verb), يفعل with إفعال (يعلم "knows" /
 * إعلام "media"), فعال with فعل (كتاب "book" / كتب "wrote"). Nor those whose stem is another pattern's: فعيلة with فعل (مدينة / مدن; but
 * فعيلة stems as فعيل, and وزير / وزر "burden" are two words), فاعل with فعلة (قائد / قادة; but
 * فعلة stems as فعل: عامل / عمل "work"), فعل with أفعل (شهر / أشهر; but علم / أعلم "knows best"), فعل with فعال (رجل / رجال; but دفع
 * "push" / دفاع "defence"), فاعل with فعال (عامل / عمال; but فاعل is also a verb, طالب "demanded",
 * and طلاب "students" are not طالبان).
 */
import { rootsOf } from './roots.js';

/** Forms of one word: each pattern's form may stand for any other's. */
const FAMILIES: readonly (readonly string[])[] = [
  // Derived verbs: past, present, verbal noun.
  ['انفعل', 'ينفعل', 'تنفعل', 'انفعال'],
  ['افتعل', 'يفتعل', 'تفتعل', 'افتعال'],
  ['استفعل', 'يستفعل', 'تستفعل', 'استفعال'],
  ['افعل', 'افعال'],
  ['يتفعل', 'تفعل'],
  ['يتفاعل', 'تفاعل'],
  ['يفاعل', 'مفاعله'],
  // Broken plurals with their singulars.
  ['فعيل', 'فعلاء'],
  ['فعيل', 'افعلاء'],
  ['فعيله', 'فعايل'],
  ['فعاله', 'فعايل'],
  ['فعل', 'افعال'],
  ['فعل', 'فعول'],
  ['فعال', 'افعله'],
  ['فاعل', 'فواعل'],
  ['فاعله', 'فواعل'],
  ['مفعل', 'مفاعل'],
  ['مفعله', 'مفاعل'],
  ['مفعول', 'مفاعيل'],
];

/** A pattern's form over a three-letter root: ف ع ل replaced by its letters, in order. */
export function applyPattern(pattern: string, root: string): string {
  const letters = [...root];
  return pattern.replace(/[فعل]/gu, (radical) => letters['فعل'.indexOf(radical)]!);
}

/** A verb's present tense prefix, read as the alef of its past so that its root can be found ("ينسحب" as "انسحب"). */
const PRESENT = /^[يتن](?=\p{L}{3})/u;

/**
 * Roots the patterns apply to: three letters, none a hamza or a long vowel after the first. A
 * weak or hamzated root changes its letters from one pattern to the next (قال / يقول / قول), so
 * its forms made by the plain patterns are other words ("بنا", "بن").
 */
const SOUND_ROOT = /^[\u0621-\u064A][^اويء]{2}$/u;

/**
 * Whether `term` still holds the root's letters in order: the stemmer reads some pattern forms as
 * other words with a suffix ("املك" as "امل" + ك), and those are no forms of the root.
 */
function holdsRoot(term: string, root: string): boolean {
  let at = 0;
  for (const letter of root) {
    at = term.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * The other forms of `term` that the families make (see above), as terms under `stem` (the
 * analyzer's: a word → its one term, or undefined). Whether the archive uses them is the caller's
 * question: a form no passage holds meets nothing.
 */
export function otherForms(term: string, stem: (word: string) => string | undefined): string[] {
  const roots = new Set([term, term.replace(PRESENT, 'ا')].flatMap(rootsOf).filter((r) => SOUND_ROOT.test(r)));
  const out = new Set<string>();
  for (const root of roots) {
    for (const family of FAMILIES) {
      const forms = family.map((pattern) => stem(applyPattern(pattern, root))).map((f) => (f !== undefined && holdsRoot(f, root) ? f : undefined));
      if (!forms.includes(term)) continue;
      for (const form of forms) if (form !== undefined && form !== term) out.add(form);
    }
  }
  return [...out];
}
