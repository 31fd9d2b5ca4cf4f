/**
 * What a question says beyond its content words (issue 10, part 2): the kind of answer it asks for,
 * its rarest word, and words written another way (a number as a word). On a real SQLite index of a
 * small constructed archive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arabicAnalyzer } from '../src/analysis/analyzer.js';
import { askedKind, holdsKind } from '../src/analysis/answer-kind.js';
import type { Archive } from '../src/archive/archive.js';
import { bestExcerpt } from '../src/answer/excerpt.js';
import type { ArchiveStore } from '../src/index/store.js';
import { rankingOptions } from '../src/search/ranking-options.js';
import type { LearnedModel } from '../src/search/scorer.js';
import { searchPassages } from '../src/search/search.js';
import { constructedArchive } from './helpers.js';

describe('the kind of answer a question asks for', () => {
  it('reads it from the question word, standard, dialect and English', () => {
    expect(askedKind('متى دخلت طالبان كابول؟')).toBe('time');
    expect(askedKind('في أي عام انسحبت القوات؟')).toBe('time');
    expect(askedKind('امتى خرج الجيش؟')).toBe('time');
    expect(askedKind('كم عدد الجنود؟')).toBe('number');
    expect(askedKind('ما عدد القتلى؟')).toBe('number');
    expect(askedKind('How many soldiers?')).toBe('number');
    expect(askedKind('أين عقد الاجتماع؟')).toBe('place');
    expect(askedKind('في أي مدينة التقى الوزيران؟')).toBe('place');
    expect(askedKind('من استلم القاعدة؟')).toBe('person');
    expect(askedKind('Who took over the base?')).toBe('person');
    expect(askedKind('لماذا يرفض الكرملين الخطة؟')).toBe('reason');
    expect(askedKind('ليش رفضت موسكو؟')).toBe('reason');
    // Maghrebi, Iraqi and Gulf question words.
    expect(askedKind('شحال من عسكري مشا لأفغانستان؟')).toBe('number');
    expect(askedKind('شكد عدد الجنود؟')).toBe('number');
    expect(askedKind('شكون اللي وقع الاتفاق؟')).toBe('person');
    expect(askedKind('فوقاش دخلو لكابول؟')).toBe('time');
    expect(askedKind('منين جاو المقاتلين؟')).toBe('place');
    // Their words are the question's frame: not matched, and never named as missing from an answer.
    const analyzer = arabicAnalyzer();
    expect(analyzer.terms('شنو قال لافروف على طالبان ديال أفغانستان؟')).toEqual(analyzer.terms('لافروف طالبان أفغانستان'));
    expect(analyzer.terms('هوما عايزين إيه من روسيا؟')).toEqual(analyzer.terms('روسيا'));
    // A dialect word that is another word in matching form stays: أنهى "ended" (Egyptian انهي "which").
    expect(analyzer.terms('أنهى')).toHaveLength(1);
    expect(askedKind('ماذا قال لافروف عن طالبان؟')).toBeNull();
    // "من" is "who" only as the first word; elsewhere it is "from".
    expect(askedKind('ماذا قال لافروف عن الانسحاب من أفغانستان؟')).toBeNull();
  });

  it('finds dates, numbers, places, persons and reasons in news text', () => {
    expect(holdsKind('بعد ذلك وفي 15 أغسطس/ آب، دخل المتطرفون العاصمة', 'time')).toBe(true);
    expect(holdsKind('وصل الوفد في ١٤ آذار', 'time')).toBe(true);
    expect(holdsKind('وأعلن الكرملين يوم الخميس', 'time')).toBe(true);
    expect(holdsKind('مارس الوفد ضغوطا كبيرة', 'time')).toBe(false);
    expect(holdsKind('دخل المتطرفون العاصمة دون قتال', 'time')).toBe(false);
    expect(holdsKind('قتل ثلاثة جنود', 'number')).toBe(true);
    expect(holdsKind('نحو 30 ألف جندي', 'number')).toBe(true);
    expect(holdsKind('في عام 2021 انسحبت القوات', 'number')).toBe(false);
    // A duration answers "since when"; a quantity without a figure answers "how many".
    expect(holdsKind('انسحبت قبل أكثر من 10 أعوام من المنظمة', 'time')).toBe(true);
    expect(holdsKind('استمرت المحادثات ثلاث سنوات', 'time')).toBe(true);
    expect(holdsKind('غادر قبل عامين', 'time')).toBe(true);
    expect(holdsKind('يستغرق الأمر أعواما طويلة', 'time')).toBe(false);
    expect(holdsKind('حيث أنهم بالآلاف على الحدود', 'number')).toBe(true);
    expect(holdsKind('قتل عشرات المدنيين', 'number')).toBe(true);
    expect(holdsKind('قتل المدنيون في القصف', 'number')).toBe(false);
    expect(holdsKind('في مدينة مزار شريف شمال البلاد', 'place')).toBe(true);
    expect(holdsKind('وقال وزير الخارجية', 'person')).toBe(true);
    expect(holdsKind('رفضت موسكو الخطة بسبب المخاطر', 'reason')).toBe(true);
    expect(holdsKind('رفضت موسكو الخطة', 'reason')).toBe(false);
  });
});

describe('number words', () => {
  const analyzer = arabicAnalyzer();
  it('are read as their digits, with clitics, and never lost to the stop list', () => {
    expect(analyzer.terms('ثلاثة جنود')).toEqual(analyzer.terms('3 جنود'));
    expect(analyzer.terms('والعشرين')).toEqual(['20']);
    expect(analyzer.terms('مائة')).toEqual(analyzer.terms('مئة'));
    expect(analyzer.terms('لست أدري')).not.toContain('6');
    expect(analyzer.terms('الاثنين')).not.toContain('2'); // Monday
    // stopwords-iso's English list holds "10" and "39": digits are never a stop word.
    expect(analyzer.terms('10 جنود')).toEqual(['10', ...analyzer.terms('جنود')]);
    expect(analyzer.terms('عشرة جنود')).toEqual(analyzer.terms('10 جنود'));
    expect(analyzer.terms('39 قتيلا')).toContain('39');
  });

  it('read a number of several words as one value: hundreds, thousands, millions, compounds', () => {
    const value = (text: string) => analyzer.terms(text);
    expect(analyzer.terms('ثلاثة آلاف جندي')).toEqual(['3000', ...analyzer.terms('جندي')]);
    expect(analyzer.terms('3 آلاف جندي')).toEqual(analyzer.terms('3000 جندي'));
    expect(value('خمسمائة')).toEqual(['500']);
    expect(value('ثلاث مئة')).toEqual(['300']);
    expect(value('مليون دولار')).toEqual(['1000000', ...analyzer.terms('دولار')]); // no longer a stop word
    expect(value('3 ملايين')).toEqual(['3000000']);
    expect(value('ألفين')).toEqual(['2000']);
    expect(value('خمسة وعشرون')).toEqual(['25']);
    expect(value('مئة وخمسة وعشرون')).toEqual(['125']);
    expect(value('ثلاثة عشر ألفا')).toEqual(['13000']);
    expect(value('ثلاثة آلاف وخمسمئة')).toEqual(['3500']);
    expect(value('مليون وخمسمئة ألف')).toEqual(['1500000']);
    // Two numbers, not one: the same rank joined by و, digits then a word; words, not numbers.
    expect(value('ثلاثة وأربعة')).toEqual(['3', '4']);
    expect(value('عام 2021 وخمسة')).toEqual([...analyzer.terms('عام'), '2021', '5']);
    expect(value('ألفا كوندي')).not.toContain('1000'); // a name
    expect(value('آلاف المدنيين')).not.toContain('1000'); // thousands of: no number
    // "How many thousand" asks for a number: the frame, like كم.
    expect(value('كم ألف جندي')).toEqual(analyzer.terms('جندي'));
    // A question's words read together: the number is a term of each of its words.
    expect(analyzer.termsOfEach(['أرسلت', 'ثلاثة', 'آلاف', 'جندي'])).toEqual([analyzer.terms('أرسلت'), ['3000'], ['3000'], analyzer.terms('جندي')]);
  });

  it('read digits with thousands separators as one value, however written', () => {
    const value = (text: string) => analyzer.terms(text);
    for (const form of ['3,000', '٣٬٠٠٠', '3.000', 'ثلاثة آلاف', '3 آلاف']) expect(value(`${form} جندي`)).toEqual(value('3000 جندي'));
    expect(value('1,250,000')).toEqual(['1250000']);
    expect(value('10,000')).toEqual(['10000']);
    expect(value('10.000 جندي')).toEqual(value('10000 جندي'));
    expect(analyzer.termsOfEach(['أرسلت', '3,000', 'جندي'])).toEqual([analyzer.terms('أرسلت'), ['3000'], analyzer.terms('جندي')]);
  });

  it('read a decimal as one value: with a scale word its integer, alone one term in one spelling', () => {
    const value = (text: string) => analyzer.terms(text);
    // 2.5 million, not 2 and five million.
    for (const form of ['2.5 مليون', '٢٫٥ مليون', '2,5 مليون']) expect(value(form)).toEqual(['2500000']);
    expect(value('2.5 مليون')).not.toEqual(value('5 ملايين'));
    expect(value('1.5 مليار دولار')).toEqual(['1500000000', ...value('دولار')]);
    expect(value('2.5')).toHaveLength(1);
    for (const form of ['٢٫٥', '2,5', '2.50', '2.5%']) expect(value(form)).toEqual(value('2.5'));
    expect(value('2.5')).not.toEqual(value('2 5'));
    expect(value('1,250.5')).toEqual(value('1.250,5'));
  });

  it('leave dates, times and a comma ending a sentence as they were: their numbers one by one', () => {
    const value = (text: string) => analyzer.terms(text);
    expect(value('15/08/2021')).toEqual(['15', '08', '2021']);
    expect(value('15.08.2021')).toEqual(value('15/08/2021'));
    expect(value('10:30')).toEqual(value('10 30'));
    expect(value('عام 2021, 300 جندي')).toEqual(value('عام 2021 300 جندي'));
    expect(value('2021,300')).toEqual(['2021', '300']); // no group of thousands after four digits
  });
});

/** An article file of a title and one paragraph, as the constructed archives below hold them. */
const article = (title: string, body: string) => [title, '', body].join('\n\n');

describe('a number written in words, the passage writing digits (real index)', () => {
  const troops = (number: string) =>
    article('تعزيزات', `أرسلت الحكومة ${number} جندي إلى المنطقة الحدودية بعد الاشتباكات الأخيرة. وقال مسؤول عسكري إن التعزيزات ستبقى هناك حتى يعود الهدوء.`);
  const question = 'هل أرسلت الحكومة ثلاثة آلاف جندي إلى المنطقة الحدودية؟';
  let digits: Awaited<ReturnType<typeof constructedArchive>>;
  let separated: Awaited<ReturnType<typeof constructedArchive>>;

  beforeAll(async () => {
    digits = await constructedArchive({
      'troops.txt': troops('3000'),
      'observers.txt': article('مراقبون', 'أرسلت الحكومة ثلاثة مراقبين وآلاف الأطنان من المساعدات إلى المنطقة الحدودية. ولم يتفق الطرفان على موعد لجولة جديدة من المحادثات.'),
    });
    separated = await constructedArchive({
      'troops.txt': troops('3,000'),
      'few.txt': article('تعزيزات محدودة', 'أرسلت الحكومة 500 جندي إلى المنطقة الحدودية.'),
    });
  });
  afterAll(() => {
    digits.close();
    separated.close();
  });

  it('meets the digits, above a passage holding the phrase\'s words apart', async () => {
    const answer = await digits.archive.ask(question);
    expect(answer.results[0]!.text).toContain('3000 جندي');
  });

  it('meets "3,000": the number is no missing word, and the passage is quoted as written', async () => {
    const answer = await separated.archive.ask(question);
    expect(answer.results[0]!.text).toContain('3,000 جندي');
    expect(answer.unmatched).toEqual([]);
  });
});

describe('ranking by what the question asks (real index)', () => {
  let archive: Archive;
  let store: ArchiveStore;
  const article = (title: string, body: string[]) => [title, '', ...body].join('\n\n');
  /** A scorer that ranks, and scores, by these weights alone. */
  const byRanking = (weights: LearnedModel['ranking']['weights']): LearnedModel => ({
    ranking: { weights, bias: -3 },
    found: { weights, bias: -3 },
    foundThreshold: 0.5,
    answers: { weights, bias: -3 },
    threshold: 0.5,
  });
  const search = (question: string, overrides = {}, scorer?: LearnedModel) =>
    searchPassages(question, { store, embedder: null, vectors: null, ranking: rankingOptions(overrides), scorer });

  let close: () => void;

  beforeAll(async () => {
    const lavrov = [
      'قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن بلاده تتابع الوضع في المنطقة عن كثب وتدعو إلى الحوار.',
      'وأضاف وزير الخارجية الروسي سيرغي لافروف في موسكو أن بلاده مستعدة للوساطة بين الأطراف المتنازعة.',
      'وأكد وزير الخارجية الروسي سيرغي لافروف في موسكو أن العلاقات مع الجيران تبقى أولوية لبلاده.',
    ];
    ({ archive, store, close } = await constructedArchive({
      'delegation-1.txt': article('زيارة رسمية', [
        'وصل الوفد الياباني إلى طهران لإجراء محادثات مع المسؤولين حول التعاون الاقتصادي.',
      ]),
      'delegation-2.txt': article('زيارة مؤجلة', [
        'وصل الوفد الياباني إلى طهران في 14 نوفمبر بعد أن تأجلت الزيارة مرتين بسبب انشغال الجانبين بملفات أخرى عالقة بينهما منذ سنوات طويلة من الخلافات التجارية والمالية.',
      ]),
      'port.txt': article('ميناء جديد', [
        'افتتحت الحكومة الميناء الجديد على ساحل البحر الأحمر بحضور كبار المسؤولين والسفراء الأجانب. '
          + 'وكان الميناء الجديد قد افتتح رسميا في 3 فبراير 2019 بعد سنوات من أعمال البناء.',
      ]),
      ...Object.fromEntries(lavrov.map((text, i) => [`lavrov-${i}.txt`, article(`لافروف ${i}`, [text])])),
      'wheat.txt': article('صادرات الحبوب', [
        'قال الروسي سيرغي لافروف في موسكو إن صادرات القمح إلى أفريقيا لن تتوقف رغم العقوبات الغربية.',
      ]),
      'soldiers.txt': article('هجوم على دورية', [
        'قتل 3 جنود في هجوم استهدف دورية عسكرية قرب الحدود الشرقية صباح أمس.',
        'وأصيب جنود آخرون في الهجوم على الدورية ونقلوا إلى مستشفى عسكري قريب من الحدود.',
      ]),
    }));
  });
  afterAll(() => close());

  it('tells the scorer which passages hold the kind of answer asked for, and a model weighing it prefers them', async () => {
    const question = 'متى وصل الوفد الياباني إلى طهران؟';
    const { hits } = await search(question);
    const dated = hits.find((h) => h.passage.text.includes('14 نوفمبر'))!;
    const undated = hits.find((h) => h.passage.text.includes('لإجراء محادثات'))!;
    expect(dated.coverage).toBe(undated.coverage);
    expect([dated.features.answerKind, undated.features.answerKind]).toEqual([1, 0]);
    const weighing = byRanking({ coverage: 5, answerKind: 1 });
    expect((await search(question, {}, weighing)).hits[0]!.passage.text).toContain('14 نوفمبر');
  });

  it('excerpts the sentence that holds the kind of answer asked for', async () => {
    const question = 'متى افتتح الميناء الجديد؟';
    const answer = await archive.ask(question);
    expect(answer.results[0]!.excerpt).toContain('3 فبراير 2019');
    // Both sentences hold the question's words; without the bonus the first one is quoted.
    const { hits, query, kind } = await search(question);
    const plain = bestExcerpt(hits[0]!.passage.text, query, arabicAnalyzer(), rankingOptions({ excerptKindBonus: 0 }), kind);
    expect(plain.text).not.toContain('3 فبراير 2019');
  });

  it('tells the scorer whether a passage holds the question\'s rarest word', async () => {
    const question = 'ماذا قال وزير الخارجية الروسي سيرغي لافروف في موسكو عن القمح؟';
    const { hits } = await search(question);
    const wheat = hits.find((h) => h.passage.text.includes('القمح'))!;
    const minister = hits.find((h) => h.passage.text.includes('وزير الخارجية'))!;
    // The minister's passages cover more of the question, all of it words every story here has.
    expect(minister.coverage).toBeGreaterThan(wheat.coverage);
    expect(wheat.features.rareWord).toBe(1);
    expect(minister.features.rareWord).toBe(0);
    const weighing = byRanking({ coverage: 5, rareWord: 2 });
    expect((await search(question, {}, weighing)).hits[0]).toMatchObject({ id: wheat.id });
  });

  it('answers a question that writes a number as a word, where the passage has digits', async () => {
    const answer = await archive.ask('كم جنديا قتل في الهجوم على الدورية، هل هم ثلاثة؟');
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.text).toContain('قتل 3 جنود');
    const { hits } = await search('ثلاثة جنود');
    expect(hits[0]!.passage.text).toContain('قتل 3 جنود');
    expect(hits[0]!.coverage).toBeGreaterThan(hits[1]?.coverage ?? 0);
  });
});
