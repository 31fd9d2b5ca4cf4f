import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arabicAnalyzer } from '../src/analysis/analyzer.js';
import { readFileSync } from 'node:fs';
import { OWN_INITIALS_FILE, ownInitialLexicon, ownInitialStem, ownInitialWords } from '../src/analysis/own-initials.js';
import { spellHamza } from '../src/analysis/hamza.js';
import { rootsOf } from '../src/analysis/roots.js';
import { snowballStem } from '../src/analysis/terms.js';
import type { Archive } from '../src/archive/archive.js';
import type { ArchiveStore } from '../src/index/store.js';
import { queryTerms } from '../src/search/query.js';
import { DEFAULT_RANKING } from '../src/search/ranking-options.js';
import { searchPassages } from '../src/search/search.js';
import { constructedArchive } from './helpers.js';

const analyzer = arabicAnalyzer();
const terms = (text: string) => analyzer.terms(text);
const term = (word: string) => terms(word)[0]!;

describe('a word keeps the initial و ف ب ك that belongs to it', () => {
  it('stems every form of وزير to one term that keeps its و', () => {
    for (const w of ['وزير', 'الوزير', 'ووزير', 'وزيرة', 'والوزيرة', 'بالوزير']) expect(terms(w)).toEqual(['وزير']);
    expect(term('الوزراء')).toBe('وزراء');
    expect(term('وزارة')).toBe(term('الوزارة'));
    expect(term('وزارة').startsWith('و')).toBe(true);
  });

  it('keeps ف ب ك of its own, in every form of the word', () => {
    expect(term('فرنسا').startsWith('ف')).toBe(true);
    expect(term('بكين')).toBe('بكين');
    expect(term('وبكين')).toBe('بكين');
    for (const w of ['البيان', 'وبيان', 'فبيان']) expect(term(w)).toBe(term('بيان'));
    expect(term('بيان')).toBe('بيان');
    for (const w of ['بلاده', 'البلاد', 'للبلاد']) expect(term(w)).toBe('بلاد');
    expect(term('برنامج')).toBe(term('البرنامج'));
    expect(term('برنامج').startsWith('ب')).toBe(true);
    expect(term('وكالة').startsWith('و')).toBe(true);
    expect(term('وصول').startsWith('و')).toBe(true);
  });

  it('still reads off a conjunction or preposition written onto a word', () => {
    expect(term('وحكومة')).toBe(term('الحكومة'));
    expect(term('ودول')).toBe(term('دول'));
    expect(term('وبلد')).toBe(term('بلد'));
    expect(term('ومصر')).toBe(term('مصر'));
    expect(term('وأكد')).toBe(term('أكد'));
  });

  it('looks the lexicon up by first letters as if every word of it were stemmed', () => {
    const text = readFileSync(OWN_INITIALS_FILE, 'utf8');
    const words = ownInitialWords(text);
    const whole = new Set(words.map((w) => ownInitialStem(w, snowballStem)));
    // What the filing rests on: a stem begins with two letters of its word, within its first six.
    for (const w of words) expect(w.slice(0, 6), w).toContain(ownInitialStem(w, snowballStem).slice(0, 2));
    const lexicon = ownInitialLexicon(snowballStem, text);
    const probes = [...whole, ...words, ...words.map((w) => w.slice(0, -1)), 'وزير', 'زير', 'وحكوم', 'بلد'];
    for (const p of probes) expect(lexicon.has(p), p).toBe(whole.has(p));
    expect(whole.has('وزير')).toBe(true);
  });

  it('gives such a word its own root, shared with its other forms', () => {
    expect(rootsOf(term('وزير'))).toContain('وزر');
    expect(rootsOf(term('الوزراء'))).toContain('وزر');
    expect(rootsOf(term('وصول'))).toContain('وصل');
  });
});

describe('another form of the question\'s word', () => {
  const forms = (word: string) => analyzer.forms(term(word));

  it('joins a broken plural and its singular, a derived verb, its present and its verbal noun', () => {
    expect(forms('وزير')).toContain(term('وزراء'));
    expect(forms('الوزراء')).toContain(term('وزير'));
    expect(forms('منطقة')).toContain(term('مناطق'));
    expect(forms('أطفال')).toContain(term('طفل'));
    expect(forms('سلاح')).toContain(term('أسلحة'));
    expect(forms('الجنود')).toContain(term('جندي'));
    expect(forms('عواصم')).toContain(term('عاصمة'));
    expect(forms('مشروع')).toContain(term('مشاريع'));
    expect(forms('انسحب')).toContain(term('الانسحاب'));
    expect(forms('ينسحب')).toContain(term('انسحاب'));
    expect(forms('الاجتماع')).toContain(term('يجتمع'));
    expect(forms('استخدام')).toContain(term('استخدم'));
    expect(forms('يهاجم')).toContain(term('مهاجمة'));
  });

  it('leaves apart the words a pattern shares with another word', () => {
    expect(forms('عامل')).not.toContain(term('عمل')); // فاعل / فعلة: "work"
    expect(forms('طالبان')).not.toContain(term('طلاب')); // a verb "طالب" / "students"
    expect(forms('دفع')).not.toContain(term('دفاع')); // "push" / "defence"
    expect(forms('علم')).not.toContain(term('تعليم')); // "flag" / "teaching"
    expect(forms('وزير')).not.toContain(term('وزر')); // "minister" / "burden"
    expect(forms('ملك')).not.toContain(term('أمل')); // "املك" read as "امل" + ك
  });

  it('seats a hamza by its vowel and the one before it, as news writes it', () => {
    const cases: [string, string][] = [
      ['رَءِيس', 'رئيس'], ['رُءَساء', 'رؤساء'], ['سُءال', 'سؤال'], ['أَسْءِلَة', 'أسئلة'], ['مَسْءَلَة', 'مسألة'],
      ['مَساءِل', 'مسائل'], ['رَءْس', 'رأس'], ['رُءُوس', 'رؤوس'], ['سَاءِل', 'سائل'], ['تَساءَلَ', 'تساءل'],
      ['ابْتَدَءَ', 'ابتدأ'], ['يَبْتَدِءُ', 'يبتدئ'], ['ابْتِداء', 'ابتداء'], ['اسْتِءْناف', 'استئناف'],
      ['أَءْثار', 'آثار'], ['إِءْمان', 'إيمان'], ['بَيْءَة', 'بيئة'], ['تَفاءُل', 'تفاؤل'],
    ];
    for (const [voweled, written] of cases) expect(spellHamza(voweled), voweled).toBe(written);
  });

  it('joins the forms of a root with a hamza, on whatever seat each form puts it', () => {
    expect(forms('رئيس')).toContain(term('رؤساء'));
    expect(forms('الرؤساء')).toContain(term('الرئيس'));
    expect(forms('سؤال')).toContain(term('أسئلة'));
    expect(forms('الأسئلة')).toContain(term('السؤال'));
    expect(forms('رأس')).toContain(term('رؤوس'));
    expect(forms('آمال')).toContain(term('أمل'));
    expect(forms('سائل')).toContain(term('سوائل'));
    // Not another word that the folded letters happen to spell.
    expect(forms('رئيس')).not.toContain(term('رايس')); // Rice
    expect(forms('آمال')).not.toContain(term('مال')); // money
    expect(forms('آثار')).not.toContain(term('ثار')); // revolted
  });

  it('joins the forms of a root with a weak middle: kept as a consonant, or turned into a vowel', () => {
    // و kept: form III, its verbal noun and its reciprocal VI; a plural of فَعْل.
    expect(forms('المفاوضات')).toContain(term('يفاوض'));
    expect(forms('المفاوضات')).toContain(term('التفاوض'));
    expect(forms('يفاوض')).toContain(term('مفاوضة'));
    expect(forms('الأقوال')).toContain(term('قول'));
    // Turned into a vowel: forms VII, VIII and X.
    expect(forms('الاختيار')).toContain(term('يختار'));
    expect(forms('يختار')).toContain(term('اختيار'));
    expect(forms('اغتيال')).toContain(term('اغتال'));
    expect(forms('يستقيل')).toContain(term('استقالة'));
    expect(forms('انهيار')).toContain(term('ينهار'));
    // A sound root is not read as a weak one: ارتفاع (ر ف ع) is not ارتاع "was alarmed".
    expect(forms('ارتفاع')).not.toContain(term('ارتاع'));
    expect(forms('ارتفاع')).toContain(term('يرتفع'));
  });

  it('joins the derived verbs of a root with a weak last letter to their verbal nouns in اء', () => {
    expect(forms('انتهى')).toContain(term('الانتهاء'));
    expect(forms('ينتهي')).toContain(term('انتهاء'));
    expect(forms('انقضاء')).toContain(term('انقضى'));
    expect(forms('استدعى')).toContain(term('استدعاء'));
    expect(forms('اعتدى')).toContain(term('الاعتداء'));
    expect(forms('أنهى')).toContain(term('إنهاء'));
    // A last و or ي is the weak letter, not a hamza: ادعى "claimed" is no دعاء "prayer".
    expect(forms('ادعى')).toContain(term('ادعاء'));
    expect(forms('ادعى')).not.toContain(term('دعاء'));
  });

  it('joins a bare verb over a weak root to its other tense, as hunspell-ar lists them', () => {
    expect(forms('يزور')).toContain(term('زار'));
    expect(forms('زار')).toContain(term('تزور'));
    expect(forms('يدعو')).toContain(term('دعا'));
    expect(forms('دعا')).toContain(term('دعت'));
    expect(forms('يبدو')).toContain(term('بدا'));
    expect(forms('يطير')).toContain(term('طار'));
    expect(forms('يبيع')).toContain(term('باع'));
    // The same letters, another verb: يطور "develops" is طوّر's, not طار's; يزود "supplies" is not زاد's.
    expect(forms('يطور')).not.toContain(term('طار'));
    expect(forms('طار')).not.toContain(term('يطور'));
    expect(forms('يزود')).not.toContain(term('زاد'));
    // A present of two verbs joins neither: يعد "promises" (وعد), "counts" (عدّ), "prepares" (أعدّ).
    expect(forms('يعد')).not.toContain(term('وعد'));
    // Nor does a present that is also a noun: يهود "Jews", يزيد Yazid.
    expect(forms('اليهود')).toEqual(forms('يهود'));
    expect(forms('يهود')).not.toContain(term('هاد'));
    expect(forms('يزيد')).not.toContain(term('زاد'));
    // Nor one the analyzer stems as another root's word: يصلي "prays" is stemmed as يصل "arrives",
    // يدعى "is called" as يدع "leaves" (ودع), يجري "runs" as يجر "drags" (جرّ).
    expect(forms('يصل')).not.toContain(term('صلى'));
    expect(forms('يدع')).not.toContain(term('دعا'));
    expect(forms('جرى')).not.toContain(term('يجري'));
  });

  describe('on a real index', () => {
    let archive: Archive;
    let store: ArchiveStore;
    let close: () => void;
    const article = (title: string, body: string) => [title, '', 'وكالة الأنباء التجريبية - 12 مارس 2024', '', body].join('\n');

    beforeAll(async () => {
      ({ archive, store, close } = await constructedArchive({
        'pullout.txt': article('البنتاغون يعلن نهاية المهمة', 'أعلن البنتاغون اكتمال انسحاب آخر جندي أمريكي من القاعدة الجوية مساء الجمعة.'),
        'arrivals.txt': article('تعزيزات جديدة', 'يصل الجنود الجدد إلى القاعدة الجوية الأسبوع المقبل ويتسلمون مهامهم من الوحدات السابقة.'),
        'ministers.txt': article('أزمة اللاجئين', 'اجتمع وزراء الخارجية العرب في القاهرة لبحث أزمة اللاجئين، وصدر عن الاجتماع بيان ختامي يدعو إلى دعم الدول المضيفة وتوفير التمويل اللازم لبرامج الإغاثة والتعليم والصحة في المخيمات قبل حلول فصل الشتاء.'),
        'embassy.txt': article('سفارة', 'اجتمع السفير الروسي بموظفي وزارة الخارجية في القاهرة، وتناول اجتماع الخارجية زيارة الوفد.'),
        'summit.txt': article('قمة أفريقية', 'استعرض رؤساء الدول الأفريقية في أديس أبابا أزمة الغذاء في القارة وسبل تمويل مشاريع الري الجديدة.'),
        'talks.txt': article('نقابات', 'استؤنفت المفاوضات بين الحكومة ونقابة المعلمين حول الأجور بعد توقف دام شهرين كاملين.'),
        'weather.txt': article('طقس', 'تشهد البلاد موجة حر شديدة مع ارتفاع درجات الحرارة في معظم المدن الساحلية.'),
        'visit.txt': article('جولة آسيوية', 'زار الوفد الياباني بكين مطلع مايو الماضي في جولة شملت عدة مدن صينية ومصانع للسيارات الكهربائية.'),
        'welcome.txt': article('استقبال', 'استقبلت بكين الوفد الياباني مطلع مايو.'),
      }));
    });
    afterAll(() => close());

    it('reads a question word with its forms the archive holds, at the form credit', () => {
      const [minister] = queryTerms('وزير', store, analyzer, DEFAULT_RANKING);
      expect(minister!.forms).toEqual([term('وزراء')]);
      expect(analyzer.matchStrength(new Set(terms('وزراء الخارجية')), minister!, DEFAULT_RANKING)).toBe(DEFAULT_RANKING.formCredit);
      expect(DEFAULT_RANKING.formCredit).toBeGreaterThan(DEFAULT_RANKING.rootCredit);
      const [president] = queryTerms('رئيس', store, analyzer, DEFAULT_RANKING);
      expect(president!.forms).toEqual([term('رؤساء')]);
    });

    it('reads a form the archive holds only with a suffix the stemmer left on', () => {
      // "المفاوضات" is indexed as "مفاوضا": the form "مفاوضة" of "يفاوض" is in the archive.
      const [negotiates] = queryTerms('يفاوض', store, analyzer, DEFAULT_RANKING);
      expect(negotiates!.forms).toContain(term('مفاوضة'));
      expect(analyzer.matchStrength(new Set(terms('استؤنفت المفاوضات')), negotiates!, DEFAULT_RANKING)).toBe(DEFAULT_RANKING.formCredit);
    });

    it('ranks first the passage that says the question\'s words in other forms', async () => {
      // The question's verb and plural are a verbal noun and a singular in the answer; the other
      // passage holds the plural as written but says nothing of a withdrawal (the synonym groups
      // already join ينسحب / انسحاب: its forms must not lower that credit).
      const { hits } = await searchPassages('متى ينسحب الجنود من القاعدة الجوية؟', { store, embedder: null, vectors: null });
      expect(hits[0]!.passage.text).toContain('اكتمال انسحاب آخر جندي');
      // The singular asked, the plural written: it counts for more than a word of its root (وزارة)
      // in the passage's coverage, and the answer cites it.
      const question = 'ماذا ناقش اجتماع وزير الخارجية في القاهرة؟';
      const found = (await searchPassages(question, { store, embedder: null, vectors: null })).hits;
      const minister = (h: (typeof found)[number]) => analyzer.matchStrength(h.passageTerms, queryTerms('وزير', store, analyzer, DEFAULT_RANKING)[0]!, DEFAULT_RANKING);
      const plural = found.find((h) => h.passage.text.includes('اجتمع وزراء الخارجية العرب'))!;
      const ministry = found.find((h) => h.passage.text.includes('وزارة الخارجية في القاهرة'))!;
      expect(minister(plural)).toBeGreaterThan(minister(ministry));
      const answer = await archive.ask(question);
      expect(answer.answered).toBe(true);
      expect(answer.results.some((r) => r.text.includes('اجتمع وزراء الخارجية العرب'))).toBe(true);
    });

    it('answers a question in the present with the passage that says it in the past, of a weak verb', async () => {
      const [visits] = queryTerms('يزور', store, analyzer, DEFAULT_RANKING);
      expect(visits!.forms).toContain(term('زار'));
      // Met as another form of the word, no longer only as a word of its root.
      expect(analyzer.matchStrength(new Set(terms('زار الوفد')), visits!, DEFAULT_RANKING)).toBe(DEFAULT_RANKING.formCredit);
      // Both passages hold the delegation and the city; the shorter one would rank first on them alone.
      const answer = await archive.ask('متى يزور الوفد الياباني بكين؟');
      expect(answer.results[0]!.text).toContain('زار الوفد الياباني');
    });
  });
});
