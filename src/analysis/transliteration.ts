/**
 * Arabic spellings of a foreign name written in Latin letters, to find the name in an Arabic
 * archive: "Lavrov" → لافروف, "Bagram" → باغرام, "Peskov" → بيسكوف, "Trump" → ترامب. Arabic news writes a foreign
 * name's vowels as long vowels or leaves them out, and one Latin letter may be one of two Arabic
 * ones (t: ت or ط, g: غ or ج), so a name has several spellings; the archive's own vocabulary says
 * which one it uses (the caller stems them as the archive's words were stemmed: ستارمر is indexed
 * as تارمر, and only a spelling stems to it).
 */

/** Arabic letters for Latin letters, two-letter sounds first ("ng" may be a plain n: واشنطن). */
const CONSONANTS: readonly [string, readonly string[]][] = [
  ['sh', ['ش']], ['ch', ['تش', 'ش']], ['th', ['ث', 'ذ', 'ت']], ['kh', ['خ']], ['gh', ['غ']], ['ph', ['ف']],
  ['dh', ['ذ']], ['zh', ['ج']], ['ck', ['ك']], ['ng', ['نغ', 'نج', 'ن']],
  ['b', ['ب']], ['c', ['ك', 'س']], ['d', ['د', 'ض']], ['f', ['ف']], ['g', ['غ', 'ج']], ['h', ['ه', 'ح']], ['j', ['ج']],
  ['k', ['ك', 'ق']], ['l', ['ل']], ['m', ['م']], ['n', ['ن']], ['p', ['ب']], ['q', ['ق']], ['r', ['ر']],
  ['s', ['س', 'ص']], ['t', ['ت', 'ط']], ['v', ['ف']], ['w', ['و']], ['x', ['كس']], ['z', ['ز', 'ظ']],
];

/** A vowel inside a name: written as its long vowel, or not written; a "u" may sound as a (ترامب). */
const VOWELS: Readonly<Record<string, readonly string[]>> = { a: ['ا', ''], e: ['ي', ''], i: ['ي', ''], o: ['و', ''], u: ['و', 'ا', ''], y: ['ي', ''] };

/** A vowel ending a name: "-a" as ا or ة (موسكا, غزة), a silent "-e". */
const FINAL_VOWELS: Readonly<Record<string, readonly string[]>> = { a: ['ا', 'ة', ''], e: ['', 'ي'], i: ['ي'], o: ['و'], u: ['و'], y: ['ي'] };

/**
 * Most spellings made of one name (each ambiguous letter multiplies them; the caller stems and
 * looks up each), and the longest name spelled: bounds on what a hostile question can cost.
 */
const MAX_SPELLINGS = 128;
const MAX_NAME_LETTERS = 14;

/** A spelling with the number of long vowels it writes (news writes most of them). */
export interface NameSpelling {
  arabic: string;
  vowels: number;
}

/**
 * The Arabic spellings a Latin-script name may have: a first vowel as alef (أشرف), doubled
 * letters as one, other vowels written or not; most written vowels first. None for a name longer
 * than MAX_NAME_LETTERS.
 */
export function nameSpellings(name: string): NameSpelling[] {
  const lower = name.toLowerCase().replace(/[^a-z]/gu, '').replace(/(.)\1/gu, '$1');
  if (lower.length > MAX_NAME_LETTERS) return [];
  let spellings: NameSpelling[] = [{ arabic: '', vowels: 0 }];
  const extend = (options: readonly string[]) => {
    spellings = spellings
      .flatMap((s) => options.map((o) => ({ arabic: s.arabic + o, vowels: s.vowels + (o !== '' && /^[اويى]$/u.test(o) ? 1 : 0) })))
      .slice(0, MAX_SPELLINGS);
  };
  for (let i = 0; i < lower.length; ) {
    const vowel = lower[i]!;
    if (i === 0 && 'aeiou'.includes(vowel)) {
      extend(['ا']);
      i++;
      continue;
    }
    const options = i === lower.length - 1 ? FINAL_VOWELS[vowel] : VOWELS[vowel];
    if (options !== undefined && !(vowel === 'y' && i === 0)) {
      extend(options);
      i++;
      continue;
    }
    const consonant = CONSONANTS.find(([latin]) => lower.startsWith(latin, i)) ?? (vowel === 'y' ? ['y', ['ي']] as const : undefined);
    if (consonant === undefined) {
      i++;
      continue;
    }
    extend(consonant[1]);
    i += consonant[0].length;
  }
  return spellings.filter((s) => s.arabic !== '').sort((a, b) => b.vowels - a.vowels);
}
