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
 * those letters are also read as a hamza. A root with a weak letter (و or ي) has patterns of its
 * own where that letter is a vowel (see `RootKind`). Only patterns whose forms are nearly always the same
 * word are listed: broken plurals news uses every day with their singulars, the derived verbs (forms IV, V, VI, VII,
 * VIII, X, and III in the present) with their verbal nouns and present tense. Left out because
 * they mostly make another word: the bare past فعل with تفعيل (علم "flag" / تعليم "teaching"),
 * فاعل with مفاعلة (the participle كاتب is commoner than the verb), يفعل with إفعال (يعلم "knows" /
 * إعلام "media"), فعال with فعل (كتاب "book" / كتب "wrote"). Nor those whose stem is another pattern's: فعيلة with فعل (مدينة / مدن; but
 * فعيلة stems as فعيل, and وزير / وزر "burden" are two words), فاعل with فعلة (قائد / قادة; but
 * فعلة stems as فعل: عامل / عمل "work"), فعل with أفعل (شهر / أشهر; but علم / أعلم "knows best"), فعل with فعال (رجل / رجال; but دفع
 * "push" / دفاع "defence"), فاعل with فعال (عامل / عمال; but فاعل is also a verb, طالب "demanded",
 * and طلاب "students" are not طالبان). Over weak roots, the bare verb's past and present (قال /
 * يقول, زار / يزور): يطور "develops" and يزود "supplies" are the present of form II as well, and
 * would meet طار "flew" and زاد "increased", so a lexicon joins those (weak-verbs.ts); and form
 * IV's present (يقيم, يلغي), which is form I's too: يطير "flies" is no إطار "frame", يبني "builds"
 * no أبنى.
 */
import { spellHamza } from './hamza.js';
import { withoutMarks } from './normalize.js';
import { rootsOf } from './roots.js';
import { anyOf, leading, TENSE_PREFIXES } from './affixes.js';

/**
 * What kind of root a family's patterns apply to. A sound root (a hamza included) keeps its
 * letters. A hollow root (middle و or ي) keeps its middle as a consonant in some patterns (فاوض /
 * مفاوضة / تفاوض, تطوّر, قول / أقوال) and turns it into a long vowel in others (اختار / يختار /
 * اختيار, استقال / يستقيل / استقالة), the same for و and ي. A defective root (last و or ي) ends its
 * derived verbs in ى / ي and their verbal nouns in اء (انتهى / ينتهي / انتهاء).
 */
type RootKind = 'sound' | 'hollow' | 'defective';

/**
 * Forms of one word: each pattern's form may stand for any other's, over the kinds of root in
 * `roots` (default sound). Patterns for a weak letter that is no consonant leave out its radical.
 */
interface Family {
  patterns: readonly string[];
  roots?: readonly RootKind[];
}

const KEPT: readonly RootKind[] = ['sound', 'hollow'];

const FAMILIES: readonly Family[] = [
  // Derived verbs: past, present, verbal noun.
  { patterns: ['انْفَعَلَ', 'يَنْفَعِلُ', 'تَنْفَعِلُ', 'انْفِعال'] },
  { patterns: ['افْتَعَلَ', 'يَفْتَعِلُ', 'تَفْتَعِلُ', 'افْتِعال'] },
  { patterns: ['اسْتَفْعَلَ', 'يَسْتَفْعِلُ', 'تَسْتَفْعِلُ', 'اسْتِفْعال'] },
  { patterns: ['أَفْعَلَ', 'إِفْعال'] },
  // The same (VII, VIII, X) over a hollow root: انهار / انهيار, اختار / اختيار, استقال / يستقيل.
  { patterns: ['انْفالَ', 'يَنْفالُ', 'تَنْفالُ', 'انْفِيال'], roots: ['hollow'] },
  { patterns: ['افْتالَ', 'يَفْتالُ', 'تَفْتالُ', 'افْتِيال'], roots: ['hollow'] },
  { patterns: ['اسْتَفالَ', 'يَسْتَفِيلُ', 'تَسْتَفِيلُ', 'اسْتِفالَة'], roots: ['hollow'] },
  // And over a defective root: انقضى / انقضاء, انتهى / انتهاء, استدعى / استدعاء.
  { patterns: ['انْفَعَى', 'يَنْفَعِي', 'تَنْفَعِي', 'انْفِعاء'], roots: ['defective'] },
  { patterns: ['افْتَعَى', 'يَفْتَعِي', 'تَفْتَعِي', 'افْتِعاء'], roots: ['defective'] },
  { patterns: ['اسْتَفْعَى', 'يَسْتَفْعِي', 'تَسْتَفْعِي', 'اسْتِفْعاء'], roots: ['defective'] },
  // Form IV without its present, which is form I's too (يبني "builds" is no أبنى): ألغى / إلغاء, أنهى / إنهاء.
  { patterns: ['أَفْعَى', 'إِفْعاء'], roots: ['defective'] },
  { patterns: ['يَتَفَعَّلُ', 'تَفَعَّلَ'], roots: KEPT },
  // Form III and its reciprocal VI: one act, done with another or together (يفاوض / مفاوضة / تفاوض).
  { patterns: ['يُفاعِلُ', 'مُفاعَلَة', 'يَتَفاعَلُ', 'تَفاعَلَ'], roots: KEPT },
  // Broken plurals with their singulars.
  { patterns: ['فَعِيل', 'فُعَلاء'] },
  { patterns: ['فَعِيل', 'أَفْعِلاء'] },
  { patterns: ['فَعِيلَة', 'فَعاءِل'] },
  { patterns: ['فَعالَة', 'فَعاءِل'] },
  { patterns: ['فَعْل', 'أَفْعال'], roots: KEPT },
  { patterns: ['فَعْل', 'فُعُول'], roots: KEPT },
  { patterns: ['فِعال', 'أَفْعِلَة'] },
  { patterns: ['فُعال', 'أَفْعِلَة'] },
  { patterns: ['فاعِل', 'فَواعِل'] },
  { patterns: ['فاعِلَة', 'فَواعِل'] },
  { patterns: ['مَفْعَل', 'مَفاعِل'] },
  { patterns: ['مَفْعَلَة', 'مَفاعِل'] },
  { patterns: ['مَفْعُول', 'مَفاعِيل'] },
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
  if (HAMZAS_TOGETHER.test(withoutMarks(voweled))) return undefined;
  const word = spellHamza(voweled);
  return INNER_MADDA.test(word) ? undefined : word;
}

/**
 * A last radical the stemmer reads off as a suffix: a verb whose root ends in و or ي ends in ى, ي
 * or ا ("انتهى" stems as "انته", "يلغي" as "يلغ"), so its root is also sought with ي given back.
 */
const LOST_WEAK_LETTER = 'ي';

/** A pattern's feminine ending, whose sound plural is in ات (مُفاعَلة / مُفاعَلات). */
const FEMININE = /ة$/u;

/**
 * A verb's present tense prefix, read as the alef of its past so that its root can be found ("ينسحب"
 * as "انسحب"); the first person's ا is that alef already.
 */
const PRESENT = leading(anyOf(TENSE_PREFIXES.replace('ا', '')), 3);

/**
 * Roots the patterns apply to as extracted: three letters, no hamza or alef first and no hamza or
 * weak letter after (those are read by rootReadings). A weak root changes its letters from one pattern to the
 * next (قال / يقول / قول), so its forms made by the plain patterns are other words ("بنا", "بن").
 */
const SOUND_ROOT = /^(?![اء])[\u0621-\u064A][^اويء]{2}$/u;

/**
 * The letters a root's hamza may be in matching form: its seats (أ إ آ ؤ ئ fold to ا و ي) or ء.
 * A first one only ا or ء (a word never begins with ؤ or ئ); a last one too, since a last و or ي
 * is a defective root's (دعي is د ع و, not د ع ء: ادعاء, not دعاء).
 */
const HAMZA_SEATS = /[اويء]/u;
const EDGE_HAMZA_SEATS = /[اء]/u;

/** A root as the families read it: its letters, and which families' patterns apply to it (`RootKind`). */
interface Root {
  letters: string;
  kind: RootKind;
}

/** A weak letter as the extractor gives it (often ي, or an alef, for و). */
const WEAK = /[اويى]/u;

/**
 * The readings of an extracted root the patterns apply to: itself when sound; each with one hamza
 * where it has a hamza's seat and its other letters are sound (ريس as ر ء س, امل as ء م ل: an
 * alef is never a root's first letter, a hamza is); hollow where its middle is weak and defective
 * where its last letter is, the rest sound (فيض as ف و ض: the extractor cannot tell و from ي).
 */
function rootReadings(root: string): Root[] {
  const letters = [...root];
  const hamzated = letters.flatMap((letter, i) => {
    if (!(i === 1 ? HAMZA_SEATS : EDGE_HAMZA_SEATS).test(letter)) return [];
    if (letters.some((other, j) => j !== i && HAMZA_SEATS.test(other))) return [];
    return [letters.map((l, j) => (j === i ? 'ء' : l)).join('')];
  });
  const [first, middle, last] = letters as [string, string, string];
  const hollow = WEAK.test(middle) && SOUND_ROOT.test(`${first}ب${last}`) ? ['و', 'ي'].map((w) => `${first}${w}${last}`) : [];
  const defective = WEAK.test(last) && SOUND_ROOT.test(`${first}${middle}ب`) ? [`${first}${middle}ي`] : [];
  return [
    ...[...(SOUND_ROOT.test(root) ? [root] : []), ...hamzated].map((r) => ({ letters: r, kind: 'sound' as const })),
    ...hollow.map((r) => ({ letters: r, kind: 'hollow' as const })),
    ...defective.map((r) => ({ letters: r, kind: 'defective' as const })),
  ];
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
  const extracted = new Set([term, term.replace(PRESENT, 'ا'), `${term}${LOST_WEAK_LETTER}`].flatMap(rootsOf).filter((r) => r.length === 3));
  const out = new Set<string>();
  for (const root of [...extracted].flatMap(rootReadings)) {
    for (const family of FAMILIES) {
      if (!(family.roots ?? ['sound']).includes(root.kind)) continue;
      // The root's letters the forms must hold: those the patterns write.
      const shown = [...root.letters].filter((_, i) => family.patterns.every((p) => p.includes('فعل'[i]!))).join('');
      const formOf = (pattern: string) => {
        const word = applyPattern(pattern, root.letters);
        const form = word === undefined ? undefined : stem(word);
        return form !== undefined && holdsRoot(form, shown) ? form : undefined;
      };
      const forms = family.patterns.map(formOf);
      // The term is one of them, or the plural in ات of one in ة, which stems apart ("مفاوضات" → "مفاوضا").
      const own = family.patterns.findIndex((p, i) => forms[i] === term || (FEMININE.test(p) && formOf(p.replace(FEMININE, 'ات')) === term));
      if (own < 0) continue;
      forms.forEach((form, i) => {
        if (form !== undefined && i !== own && form !== term) out.add(form);
      });
    }
  }
  return [...out];
}
