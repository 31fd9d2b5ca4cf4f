/**
 * How Arabic writes a hamza: on alef (أ إ آ), on waw (ؤ), on a dotless yaa (ئ) or alone (ء),
 * chosen by its own vowel and the vowel before it. A root with a hamza (ر ء س, س ء ل) therefore
 * changes its letter from one form to the next, رئيس / رؤساء, سؤال / أسئلة, and a pattern applied
 * to such a root must seat the hamza by these rules to spell the word news writes.
 */

const FATHA = '\u064E';
const DAMMA = '\u064F';
const KASRA = '\u0650';
const SUKUN = '\u0652';
const MARKS = /[\u064B-\u0652]/u;

/** A letter and the vowel after it (a, u, i, or none: sukun), or for a long vowel's letter, that long vowel. */
type Vowel = 'a' | 'u' | 'i' | '0' | 'aa' | 'uu' | 'ii';

interface Unit {
  letter: string;
  vowel: Vowel;
}

function units(voweled: string): Unit[] {
  const out: Unit[] = [];
  for (const ch of voweled) {
    const last = out.at(-1);
    if (MARKS.test(ch)) {
      if (last === undefined) continue;
      if (ch === FATHA) last.vowel = 'a';
      else if (ch === DAMMA) last.vowel = 'u';
      else if (ch === KASRA) last.vowel = 'i';
      else if (ch === SUKUN) last.vowel = '0';
      continue;
    }
    // An unmarked ا, or و / ي after their own short vowel, is a long vowel's letter.
    const long = ch === 'ا' ? 'aa' : ch === 'و' && last?.vowel === 'u' ? 'uu' : ch === 'ي' && last?.vowel === 'i' ? 'ii' : '0';
    out.push({ letter: ch, vowel: long });
  }
  return out;
}

/** Whether a letter is a hamza already seated (the seat of one written before it). */
const isHamza = (letter: string) => 'ءأإآؤئ'.includes(letter);

/** The seat of the hamza at `i` among `us`, by the rules of Arabic spelling. */
function seat(us: readonly Unit[], i: number): string {
  const own = us[i]!.vowel;
  if (i === 0) return own === 'i' ? 'إ' : 'أ';
  const before = us[i - 1]!;
  const prev: Vowel = before.letter === 'ي' && before.vowel === '0' ? 'ii' : before.vowel;
  if (i === us.length - 1) return prev === 'a' ? 'أ' : prev === 'u' ? 'ؤ' : prev === 'i' ? 'ئ' : 'ء';
  if (own === 'i' || prev === 'i' || prev === 'ii') return 'ئ';
  if (own === 'u' || prev === 'u') return 'ؤ';
  if (prev === 'aa' || prev === 'uu') return 'ء';
  return 'أ';
}

/**
 * `voweled` (a word with its short vowels and sukun marked, ء for each hamza) as news writes it:
 * each hamza on its seat, no vowel marks. A hamza with sukun after a hamza lengthens the first
 * one's vowel (أَأْمَنَ → آمن, إِئْمان → إيمان), and a seated أ before the long ā is آ (أَفْعال over
 * ء ث ر → آثار).
 */
export function spellHamza(voweled: string): string {
  const us = units(voweled);
  const out: string[] = [];
  us.forEach((u, i) => {
    if (u.letter !== 'ء') return void out.push(u.letter);
    if (i > 0 && isHamza(out.at(-1)!) && u.vowel === '0') {
      if (out.at(-1) === 'أ') out[out.length - 1] = 'آ';
      else out.push(out.at(-1) === 'إ' ? 'ي' : 'و');
      return;
    }
    out.push(seat(us, i));
  });
  // أ before the long ā: آ (the ا written as the madda).
  return out.join('').replace(/أا/gu, 'آ');
}
