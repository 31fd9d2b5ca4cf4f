/**
 * Other forms of one word that a light stemmer keeps apart. Arabic makes a word's plural, its
 * verbal noun and its tenses by patterns over a root, and Snowball only strips affixes, so
 * "وزير" / "وزراء", "منطقة" / "مناطق", "انسحب" / "انسحاب", "ينسحب" / "انسحب" stem apart and
 * meet only through their root, for the small credit that also joins كتاب and مكتب. Here a term's
 * other forms are made the way Arabic makes them: for each root of the term (roots.ts), a pattern
 * of one of the families below that gives the term itself, and the family's other patterns over
 * the same root, kept when they are terms of the archive.
 *
 * Patterns are written with ف ع ل for the root's letters and with their short vowels, which say
 * where a hamza of the root sits (hamza.ts): رَئِيس / رُؤَساء, سُؤال / أَسْئِلة, أَثَر / آثار. A
 * root the extractor gives in matching form may hold a hamza as ا, و or ي (its seat) or ء, so
 * those letters are also read as a hamza. Only patterns whose forms are nearly always the same
 * word are listed: broken plurals news uses every day with their singulars, the derived verbs (forms IV, V, VI, VII,
 * VIII, X, and III in the present) with their verbal nouns and present tense. Left out because
 * they mostly make another word: the bare past فعل with تفعيل (علم "flag" / تعليم "teaching"),
 * فاعل with مفاعلة (the participle كاتب is commoner than the verb), يفعل with إفعال (يعلم "knows" /
 * إعلام "media"), فعال with فعل (كتاب "book" / كتب "wrote"). Nor those whose stem is another pattern's: فعيلة with فعل (مدينة / مدن; but
 * فعيلة stems as فعيل, and وزير / وزر "burden" are two words), فاعل with فعلة (قائد / قادة; but
 * فعلة stems as فعل: عامل / عمل "work"), فعل with أفعل (شهر / أشهر; but علم / أعلم "knows best"), فعل with فعال (رجل / رجال; but دفع
 * "push" / دفاع "defence"), فاعل with فعال (عامل / عمال; but فاعل is also a verb, طالب "demanded",
 * and طلاب "students" are not طالبان).
 */
import { spellHamza } from './hamza.js';
import { rootsOf } from './roots.js';

/** Forms of one word: each pattern's form may stand for any other's. */
const FAMILIES: readonly (readonly string[])[] = [
  // Derived verbs: past, present, verbal noun.
  ['انْفَعَلَ', 'يَنْفَعِلُ', 'تَنْفَعِلُ', 'انْفِعال'],
  ['افْتَعَلَ', 'يَفْتَعِلُ', 'تَفْتَعِلُ', 'افْتِعال'],
  ['اسْتَفْعَلَ', 'يَسْتَفْعِلُ', 'تَسْتَفْعِلُ', 'اسْتِفْعال'],
  ['أَفْعَلَ', 'إِفْعال'],
  ['يَتَفَعَّلُ', 'تَفَعَّلَ'],
  ['يَتَفاعَلُ', 'تَفاعَلَ'],
  ['يُفاعِلُ', 'مُفاعَلَة'],
  // Broken plurals with their singulars.
  ['فَعِيل', 'فُعَلاء'],
  ['فَعِيل', 'أَفْعِلاء'],
  ['فَعِيلَة', 'فَعاءِل'],
  ['فَعالَة', 'فَعاءِل'],
  ['فَعْل', 'أَفْعال'],
  ['فَعْل', 'فُعُول'],
  ['فِعال', 'أَفْعِلَة'],
  ['فُعال', 'أَفْعِلَة'],
  ['فاعِل', 'فَواعِل'],
  ['فاعِلَة', 'فَواعِل'],
  ['مَفْعَل', 'مَفاعِل'],
  ['مَفْعَلَة', 'مَفاعِل'],
  ['مَفْعُول', 'مَفاعِيل'],
];

/** Two hamzas a letter apart, a root's beside a pattern's (فَعائِل over ر ء س): no Arabic word. */
const HAMZAS_TOGETHER = /ء[^ء]?ء/u;

/**
 * A madda inside a word: a root's hamza merged with the pattern's long ā (أَفْعال over م ء ل,
 * "أمآل"). Rare in words, and its matching form is another root's word (آمال, of ء م ل).
 */
const INNER_MADDA = /.آ/u;

/**
 * A pattern's form over a three-letter root: ف ع ل replaced by its letters, in order, and the
 * word spelled as news writes it (a hamza of the root on its seat, no vowel marks); undefined
 * where the pattern puts the root's hamza next to its own or merges it into an inner madda.
 */
export function applyPattern(pattern: string, root: string): string | undefined {
  const letters = [...root];
  const voweled = pattern.replace(/[فعل]/gu, (radical) => letters['فعل'.indexOf(radical)]!);
  if (HAMZAS_TOGETHER.test(voweled.replace(/[\u064B-\u0652]/gu, ''))) return undefined;
  const word = spellHamza(voweled);
  return INNER_MADDA.test(word) ? undefined : word;
}

/** A verb's present tense prefix, read as the alef of its past so that its root can be found ("ينسحب" as "انسحب"). */
const PRESENT = /^[يتن](?=\p{L}{3})/u;

/**
 * Roots the patterns apply to as extracted: three letters, none a hamza or a long vowel after the
 * first (a hamza is read by rootReadings). A
 * weak root changes its letters from one pattern to the next (قال / يقول / قول), so its forms
 * made by the plain patterns are other words ("بنا", "بن").
 */
const SOUND_ROOT = /^(?![اء])[\u0621-\u064A][^اويء]{2}$/u;

/**
 * The letters a root's hamza may be in matching form: its seats (أ إ آ ؤ ئ fold to ا و ي) or ء;
 * a first one only ا or ء (a word never begins with ؤ or ئ).
 */
const HAMZA_SEATS = /[اويء]/u;
const FIRST_HAMZA_SEATS = /[اء]/u;

/**
 * The readings of an extracted root the patterns apply to: itself when sound, and each with one
 * hamza where it has a hamza's seat and its other letters are sound (ريس as ر ء س, امل as ء م ل:
 * an alef is never a root's first letter, a hamza is).
 */
function rootReadings(root: string): string[] {
  const letters = [...root];
  const hamzated = letters.flatMap((letter, i) => {
    if (!(i === 0 ? FIRST_HAMZA_SEATS : HAMZA_SEATS).test(letter)) return [];
    if (letters.some((other, j) => j !== i && HAMZA_SEATS.test(other))) return [];
    return [letters.map((l, j) => (j === i ? 'ء' : l)).join('')];
  });
  return [...(SOUND_ROOT.test(root) ? [root] : []), ...hamzated];
}

/**
 * Whether `term` still holds the root's letters in order: the stemmer reads some pattern forms as
 * other words with a suffix ("املك" as "امل" + ك), and those are no forms of the root.
 */
function holdsRoot(term: string, root: string): boolean {
  let at = 0;
  for (const letter of root.replace('ء', '')) {
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
  const roots = new Set([term, term.replace(PRESENT, 'ا')].flatMap(rootsOf).filter((r) => r.length === 3).flatMap(rootReadings));
  const out = new Set<string>();
  for (const root of roots) {
    for (const family of FAMILIES) {
      const forms = family.map((pattern) => {
        const word = applyPattern(pattern, root);
        const form = word === undefined ? undefined : stem(word);
        return form !== undefined && holdsRoot(form, root) ? form : undefined;
      });
      if (!forms.includes(term)) continue;
      for (const form of forms) if (form !== undefined && form !== term) out.add(form);
    }
  }
  return [...out];
}
