/**
 * The kind of answer a question asks for, and whether a text holds an answer of that kind.
 * "متى" wants a date or time, "كم" a number, "أين" a place, "من" a person or body, "لماذا" a
 * reason. The question word itself is a stop word (it is on every page), so it never meets a
 * passage; this is what it still says. The rules are general marks of Arabic news writing (digits,
 * month and day names, number words, place nouns, titles, causal connectives), not a list of
 * the archive's answers: they tell "may hold the answer" from "cannot", nothing finer.
 */
import { AMBIGUOUS_MONTH_NAMES, MONTH_NUMBERS, WEEKDAY_NAMES } from './calendar.js';
import { normalizeArabic } from './normalize.js';
import { numberWordValue } from './numbers.js';
import { anyOf, ARTICLE, CONJUNCTIONS, leading, PREPOSITIONS } from './affixes.js';

export type AnswerKind = 'time' | 'number' | 'place' | 'person' | 'reason';

/** Split normalised text into words (letters and digits) for the word lists below. */
const wordsOf = (normalized: string): string[] => normalized.match(/[\p{L}\p{N}]+/gu) ?? [];

/** Normalise and split into words. */
const words = (text: string): string[] => wordsOf(normalizeArabic(text));

const set = (list: string) => new Set(list.split(/\s+/u).filter(Boolean).map((w) => normalizeArabic(w)));

/** Which (or "in which") + a noun of the kind: "في أي عام", "أي مدينة", "which city". */
const WHICH_NOUNS: ReadonlyMap<AnswerKind, ReadonlySet<string>> = new Map([
  ['time', set('عام العام سنة السنة يوم اليوم شهر تاريخ وقت ساعة year date day month time')],
  ['place', set('مدينة بلد دولة مكان منطقة عاصمة محافظة ولاية city country place region capital')],
  ['number', set('عدد')],
]);

/** Question words of each kind, standard and dialect, Arabic and English (checked in this order). */
const QUESTION_WORDS: readonly [AnswerKind, ReadonlySet<string>][] = [
  ['time', set('متى متي امتى امتي ايمتى ايمتا امتا فوقاش وقتاش when')],
  ['place', set('أين اين وين فين منين where')],
  ['number', set('كم بكم كام بكام قديش اديش قداش شحال شكد اشكد')],
  ['reason', set('لماذا ليش ليه علاش لشو why')],
  ['person', set('مين منو شكون who whom')],
];

/**
 * The kind of answer `question` asks for, or null (a "what" or "how" question asks for no one kind).
 * "من" counts as "who" only as the question's first word: elsewhere it is "from".
 */
export function askedKind(question: string): AnswerKind | null {
  const written = words(question);
  const ws = written.map((w) => w.replace(CONJUNCTION, ''));
  for (const [i, w] of ws.entries()) {
    const next = ws[i + 1];
    if ((w === 'اي' || w === 'which' || w === 'what') && next) {
      for (const [kind, nouns] of WHICH_NOUNS) if (nouns.has(next)) return kind;
    }
    if (w === 'how' && (next === 'many' || next === 'much')) return 'number';
    if ((w === 'ما' || w === 'what') && next === 'عدد') return 'number';
  }
  // As written too: فوقاش "when" begins with its own ف.
  for (const [kind, list] of QUESTION_WORDS) if (ws.some((w, i) => list.has(w) || list.has(written[i]!))) return kind;
  return ws[0] === 'من' ? 'person' : null;
}

/** Every word of a month's name that names no other thing (كانون, تشرين… of the two-word names too). */
const MONTHS = new Set([...MONTH_NUMBERS.keys()].flatMap((m) => m.split(' ')).filter((w) => w !== 'الثاني' && w !== 'الاول' && !AMBIGUOUS_MONTH_NAMES.has(w)));
const DAYS: ReadonlySet<string> = new Set(WEEKDAY_NAMES);
/** Words that place an event in time. */
const TIME_WORDS = set('اليوم أمس غدا الليلة صباح صباحا مساء مساء الساعة منذ today yesterday tomorrow');
const PLACE_WORDS = set(`مدينة العاصمة عاصمة محافظة ولاية إقليم منطقة بلدة قرية مطار ميناء قاعدة حدود الحدود
  شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط`);
const PERSON_WORDS = set(`الرئيس رئيس وزير وزيرة الوزير وزارة المتحدث الناطق السفير الأمين قائد الجنرال مستشار نائب الملك الأمير
  حركة حكومة الحكومة منظمة مجلس وكالة البرلمان حزب الجيش جماعة هيئة لجنة محكمة شركة
  president minister spokesman ministry government agency council`);
/** Units of time: after a number they make a duration ("قبل 10 أعوام", "منذ ثلاث سنوات"), an answer to متى / منذ متى. */
const TIME_UNITS = set(`عام أعوام سنة سنوات سنين شهر أشهر شهور أسبوع أسابيع يوم أيام ساعة ساعات دقيقة دقائق عقد عقود قرن
  year years month months week weeks day days hour hours decade decades`);
/** A unit of time in the dual is a duration by itself ("منذ عامين", "قبل شهرين"). */
const DUAL_TIME_UNITS = set('عامين عامان سنتين سنتان شهرين شهران أسبوعين أسبوعان يومين يومان ساعتين ساعتان عقدين عقدان');
/** Quantities without a figure, still an answer to كم: "بالآلاف", "عشرات الجنود", "hundreds". */
const VAGUE_QUANTITIES = set('عشرات مئات آلاف الاف ملايين مليارات بضع بضعة dozens hundreds thousands millions billions');
const REASON_WORDS = set('بسبب لأن لانه لأنه لأنها نظرا نتيجة بهدف أجل لأجل لكي كي إثر جراء بفعل بدافع أدى يؤدي because due');

/** Clitics read off a word here, each where two letters or more are left. */
const CONJUNCTION = leading(anyOf(CONJUNCTIONS), 2);
const PREPOSITION = leading(anyOf(PREPOSITIONS), 2);
const THE = leading(ARTICLE, 2);

/** A word without the clitics news writing puts on it (و, ف, ب, ل, ك, ال). */
function bareForms(word: string): string[] {
  const forms = [word];
  const noConj = word.replace(CONJUNCTION, '');
  const noPrep = noConj.replace(PREPOSITION, '');
  const noArticle = noPrep.replace(THE, '');
  for (const f of [noConj, noPrep, noArticle]) if (!forms.includes(f)) forms.push(f);
  return forms;
}

const isDigits = (w: string | undefined) => w !== undefined && /^\d+$/u.test(w);
const isYear = (w: string) => /^(1[89]|20)\d\d$/u.test(w);
const isNumber = (w: string) => isDigits(w) || numberWordValue(w) !== null;

/** Whether `text` holds an answer of `kind` (a date, a number, a place, a person or body, a reason). */
export function holdsKind(text: string, kind: AnswerKind): boolean {
  const normalized = normalizeArabic(text);
  const ws = wordsOf(normalized);
  // A word is checked against several lists: its bare forms are read off once.
  const forms = new Map<string, string[]>();
  const has = (list: ReadonlySet<string>, w: string) => {
    let f = forms.get(w);
    if (!f) forms.set(w, (f = bareForms(w)));
    return f.some((x) => list.has(x));
  };
  switch (kind) {
    case 'time':
      if (/\d{1,2}:\d\d|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}/u.test(normalized)) return true;
      return ws.some(
        (w, i) =>
          isYear(w) ||
          has(MONTHS, w) ||
          has(DAYS, w) ||
          has(TIME_WORDS, w) ||
          has(DUAL_TIME_UNITS, w) ||
          (has(TIME_UNITS, w) && i > 0 && isNumber(ws[i - 1]!)) ||
          (has(AMBIGUOUS_MONTH_NAMES, w) && (isDigits(ws[i - 1]) || isDigits(ws[i + 1]))),
      );
    case 'number':
      return ws.some((w) => (isDigits(w) && !isYear(w)) || numberWordValue(w) !== null || has(VAGUE_QUANTITIES, w));
    case 'place':
      return ws.some((w) => has(PLACE_WORDS, w));
    case 'person':
      return ws.some((w) => has(PERSON_WORDS, w));
    case 'reason':
      return ws.some((w) => has(REASON_WORDS, w));
  }
}
