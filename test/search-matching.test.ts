import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arabicAnalyzer } from '../src/analysis/analyzer.js';
import type { Alternatives } from '../src/analysis/match.js';
import { rootsOf } from '../src/analysis/roots.js';
import { loadSynonymGroups } from '../src/analysis/synonyms.js';
import type { Archive } from '../src/archive/archive.js';
import type { ArchiveStore } from '../src/index/store.js';
import { queryTerms } from '../src/search/query.js';
import { DEFAULT_RANKING } from '../src/search/ranking-options.js';
import { searchPassages } from '../src/search/search.js';
import { constructedArchive } from './helpers.js';

const analyzer = arabicAnalyzer();
const terms = (text: string) => analyzer.terms(text);
const stems = (text: string) => new Set(terms(text));
const hasTerm = (set: ReadonlySet<string>, term: string) => analyzer.hasTerm(set, term);
const matchStrength = (set: ReadonlySet<string>, query: Alternatives) => analyzer.matchStrength(set, query, DEFAULT_RANKING);
const { synonymCredit: SYNONYM_CREDIT, rootCredit: ROOT_CREDIT } = DEFAULT_RANKING;
const SYNONYM_GROUPS = loadSynonymGroups().map((g) => g.words);

describe('question terms', () => {
  it('drops the question frame: question words, reporting verbs, frame nouns', () => {
    expect(terms('ماذا قال لافروف عن طالبان؟')).toEqual(terms('لافروف طالبان'));
    expect(terms('ما موقف الكرملين من نشر القوات؟')).toEqual(terms('الكرملين نشر القوات'));
    expect(terms('إيش أكد المتحدث بخصوص الانتخابات؟')).toEqual(terms('المتحدث الانتخابات'));
    expect(terms('متى بدأ الانسحاب ومتى ينتهي؟')).toEqual(terms('بدأ الانسحاب ينتهي'));
  });
});

describe('stem matching', () => {
  it('meets a form with a suffix or a proclitic the stemmer left on', () => {
    expect(hasTerm(stems('الصيني'), terms('الصين')[0]!)).toBe(true);
    expect(hasTerm(stems('البريطانية'), terms('بريطانيا')[0]!)).toBe(true);
    expect(hasTerm(stems('لأفغانستان'), terms('أفغانستان')[0]!)).toBe(true);
    expect(hasTerm(stems('خطته'), terms('الخطة')[0]!)).toBe(true);
    expect(hasTerm(stems('سترسل'), terms('يرسل')[0]!)).toBe(true);
  });

  it('does not meet a longer word that merely begins with the term', () => {
    expect(hasTerm(stems('كوريلا'), terms('كوريا')[0]!)).toBe(false);
    expect(hasTerm(stems('انتخابات'), terms('أنتوني')[0]!)).toBe(false);
  });

  it('credits a synonym less than the word itself', () => {
    const query = { alternatives: [...terms('خروج'), ...terms('انسحاب')] };
    expect(matchStrength(stems('الخروج'), query)).toBe(1);
    expect(matchStrength(stems('الانسحاب'), query)).toBe(SYNONYM_CREDIT);
    expect(matchStrength(stems('الاجتماع'), query)).toBe(0);
  });

  it('credits another form of the same root less than a synonym', () => {
    expect(ROOT_CREDIT).toBeLessThan(SYNONYM_CREDIT);
    const advise = { alternatives: terms('ينصح') };
    expect(matchStrength(stems('نصيحة'), advise)).toBe(ROOT_CREDIT);
    const armed = { alternatives: terms('مسلحين') };
    expect(matchStrength(stems('الأسلحة'), armed)).toBe(ROOT_CREDIT);
    expect(matchStrength(stems('الاجتماع'), advise)).toBe(0);
    expect(matchStrength(stems('2021 Kabul'), advise)).toBe(0);
  });
});

describe('synonym groups', () => {
  it('every word of every group is one matching term (none lost to the stop list or split in two)', () => {
    const broken = SYNONYM_GROUPS.flat().filter((w) => terms(w).length !== 1);
    expect(broken).toEqual([]);
  });

  it('every group joins at least two different terms', () => {
    const idle = SYNONYM_GROUPS.filter((g) => new Set(g.flatMap((w) => terms(w))).size < 2);
    expect(idle).toEqual([]);
  });
});

describe('searching a real index', () => {
  let archive: Archive;
  let store: ArchiveStore;
  const article = (title: string, body: string[]) => [title, '', 'وكالة الأنباء التجريبية - 12 مارس 2024', '', ...body.join('\n\n').split('\n')].join('\n');

  let close: () => void;

  beforeAll(async () => {
    ({ archive, store, close } = await constructedArchive({
      'bagram.txt': article('انسحاب من قاعدة باغرام', [
        'أكملت القوات الأمريكية انسحابها من قاعدة باغرام الجوية شمال كابول بعد عشرين عاما من الوجود العسكري هناك.',
        'وتسلمت وزارة الدفاع الأفغانية القاعدة بكامل معداتها وطائراتها بحسب بيان رسمي صدر صباح اليوم عن الوزارة في العاصمة.',
      ]),
      'tashkent.txt': article('لقاء عسكري في طشقند', [
        'التقى وزير الدفاع الأوزبكي قائد القيادة الوسطى للجيش الأميركي مايكل كوريلا في طشقند لبحث التعاون العسكري.',
        'وناقش الجانبان تدريب الضباط وتبادل الخبرات في مجال مكافحة الإرهاب على الحدود الجنوبية.',
      ]),
    }));
  });
  afterAll(() => close());

  it('reads a question word the way the archive spells it, and expands it to its synonyms', () => {
    const [bagram] = queryTerms('لباغرام', store, analyzer, DEFAULT_RANKING);
    expect(bagram!.alternatives[0]).toBe(terms('باغرام')[0]);
    const [exit] = queryTerms('لخروج', store, analyzer, DEFAULT_RANKING);
    expect(exit!.alternatives).toContain(terms('انسحاب')[0]);
    const [lavrov] = queryTerms('لافروف', store, analyzer, DEFAULT_RANKING);
    expect(lavrov!.alternatives).toEqual(terms('لافروف'));
  });

  it('answers a question worded with synonyms and dialect', async () => {
    const answer = await archive.ask('امتى خرج الجيش الأمريكي من باغرام؟');
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.text).toContain('أكملت القوات الأمريكية انسحابها');
    const dialect = await archive.ask('شو حكى الوزير الأوزبكي مع الأمريكان بطشقند؟');
    expect(dialect.results[0]!.text).toContain('التقى وزير الدفاع الأوزبكي');
  });

  it('prefers the passage holding another form of the question word\'s root', async () => {
    // Both Bagram passages name the base; only the second has "تسلمت" (took over), the root of "استلم".
    const { hits } = await searchPassages('من استلم القاعدة؟', { store, embedder: null, vectors: null });
    const [first, second] = hits;
    expect(first!.passage.text).toContain('وتسلمت وزارة الدفاع');
    expect(second!.passage.text).toContain('قاعدة باغرام');
    expect(first!.coverage).toBeGreaterThan(second!.coverage);
  });

  it('names the question words the cited passages do not hold, as the question wrote them', async () => {
    const nearMiss = await archive.ask('ماذا قال وزير الدفاع الأوزبكي عن الهجرة؟');
    expect(nearMiss.results[0]!.text).toContain('التقى وزير الدفاع الأوزبكي');
    expect(nearMiss.unmatched).toEqual(['الهجرة']);
    // Met through a synonym (الأمريكان / الأميركي) or a form of the root: not missing.
    const covered = await archive.ask('شو حكى الوزير الأوزبكي مع الأمريكان بطشقند؟');
    expect(covered.unmatched).toEqual([]);
    expect((await archive.ask('ماذا عن كوريا؟')).unmatched).toEqual([]);
  });

  it('never says a word is missing from the cited passages when another passage of the archive holds it', async () => {
    // One result only: the Bagram passage cited lacks some of the question's words, which the other passage holds.
    const answer = await archive.ask('من تسلم قاعدة باغرام بعد انسحاب القوات الأمريكية؟', { top: 1 });
    expect(answer.results).toHaveLength(1);
    expect(answer.unmatched).toEqual([]);
    // A word no passage holds is still named.
    const near = await archive.ask('من تسلم قاعدة باغرام بعد انسحاب القوات الأمريكية إلى اليابان؟', { top: 1 });
    expect(near.unmatched).toEqual(['اليابان']);
  });

  it('meets a term by its root through the archive\'s root table exactly as by reading each passage term\'s roots', () => {
    const query = queryTerms('من استلم القاعدة العسكرية وتدرب الضباط بعد الانسحاب؟', store, analyzer, DEFAULT_RANKING);
    // Every passage of the archive (ids are positive and few).
    const indexed = store.indexedTerms([...Array(50).keys()].map((i) => i + 1));
    expect(indexed.size).toBe(store.passageCount());
    let byRoot = 0;
    for (const { body, title } of indexed.values()) {
      for (const q of query) {
        for (const set of [body, title]) {
          const withTable = matchStrength(set, q);
          // The same term without the table: the roots of every term of the set are read instead.
          const withoutTable = matchStrength(set, { alternatives: q.alternatives, variants: q.variants, forms: q.forms });
          expect(withTable).toBe(withoutTable);
          if (withTable === ROOT_CREDIT) byRoot++;
        }
      }
    }
    expect(byRoot).toBeGreaterThan(0);
    // The table decides: a set meets a term by its root only through a root mate it holds.
    const rooted = query.find((q) => q.rootMates.size > 0)!;
    const mate = [...rooted.rootMates][0]!;
    expect(matchStrength(new Set([mate]), { alternatives: rooted.alternatives, rootMates: new Set() })).toBe(0);
  });

  it('answers a question holding an overlong word (no root to find, nothing thrown)', async () => {
    expect(rootsOf('كلمه'.repeat(300))).toEqual([]);
    const answer = await archive.ask(`متى انسحبت القوات من باغرام ${'كلمة'.repeat(300)}؟`);
    expect(answer.unmatched).toEqual(['كلمة'.repeat(300)]);
  });

  it('says not found when only a prefix of a name matches', async () => {
    expect((await archive.ask('ماذا عن كوريلا؟')).answered).toBe(true);
    expect((await archive.ask('ماذا عن كوريا؟')).answered).toBe(false);
  });
});
