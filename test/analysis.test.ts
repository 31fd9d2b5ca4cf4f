import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arabicAnalyzer, createAnalyzer } from '../src/analysis/analyzer.js';
import { loadSynonymGroups, synonymTable } from '../src/analysis/synonyms.js';
import { parseWordGroups } from '../src/analysis/word-groups.js';
import { isSpellingVariant } from '../src/analysis/variants.js';
import { openArchive, type Archive } from '../src/archive/archive.js';
import { tempArchive, testConfig } from './helpers.js';

const analyzer = arabicAnalyzer();

describe('synonym file', () => {
  it('reads one group per line, with comments and blank lines', () => {
    const groups = parseWordGroups('# forces\nجيش قوات  جنود # soldiers\n\nاتفاق معاهدة\n', 'synonyms.txt');
    expect(groups).toEqual([
      { words: ['جيش', 'قوات', 'جنود'], line: 2 },
      { words: ['اتفاق', 'معاهدة'], line: 4 },
    ]);
  });

  it('names the line and the problem of a bad group', () => {
    expect(() => parseWordGroups('جيش قوات\nجيش, قوات\n', 'synonyms.txt')).toThrow('synonyms.txt:2: "جيش," is not a word');
    expect(() => parseWordGroups('\n\nجيش\n', 'synonyms.txt')).toThrow('synonyms.txt:3: a group needs at least two words');
    expect(() => parseWordGroups('جيش قوات جيش', 'synonyms.txt')).toThrow('synonyms.txt:1: "جيش" appears twice');
    expect(() => synonymTable(parseWordGroups('# x\nجيش في', 'synonyms.txt'), analyzer.terms)).toThrow('synonyms.txt:2: "في" is a stop word');
  });

  it('loads the project file: every group joins at least two different terms', () => {
    const groups = loadSynonymGroups();
    expect(groups.length).toBeGreaterThan(20);
    const idle = groups.filter((g) => new Set(g.words.flatMap((w) => analyzer.terms(w))).size < 2).map((g) => g.line);
    expect(idle).toEqual([]);
  });

  it('synonyms can be turned off', () => {
    const [army] = analyzer.terms('جيش');
    expect(analyzer.synonyms(army!)).toContain(analyzer.terms('قوات')[0]);
    expect(createAnalyzer({ synonymGroups: false }).synonyms(army!)).toEqual([]);
  });
});

describe('spellings of one name', () => {
  const stem = (w: string) => analyzer.terms(w)[0]!;
  const variant = (a: string, b: string) => isSpellingVariant(stem(a), stem(b));

  it('meets a name spelled with a long vowel or not, in another place, or with غ for ج', () => {
    expect(variant('كابل', 'كابول')).toBe(true);
    expect(variant('سيرجي', 'سيرغي')).toBe(true);
    expect(variant('أمريكي', 'أميركي')).toBe(true);
    expect(variant('الأمريكية', 'الأميركية')).toBe(true);
  });

  it('keeps apart the words one root makes with long vowels and pattern letters', () => {
    for (const [a, b] of [['كتاب', 'كاتب'], ['مقبل', 'مقبول'], ['منطق', 'مناطق'], ['قاعدة', 'قواعد'], ['أمير', 'أمور'], ['ترويج', 'ترويكا'], ['تواصل', 'توصل'], ['تشدد', 'تشديد'], ['عمال', 'عامل']]) {
      expect(variant(a!, b!), `${a} / ${b}`).toBe(false);
    }
    expect(variant('جبل', 'كابل')).toBe(false);
  });

  describe('on the seed archive', () => {
    let archive: Archive;
    beforeAll(async () => {
      archive = await openArchive(testConfig(tempArchive()), pino({ level: 'silent' }));
      await archive.index();
    });
    afterAll(() => archive.close());

    it('a question spelling Kabul كابل finds the passage that spells it كابول', async () => {
      const answer = await archive.ask('متى دخلت طالبان كابل؟', { top: 3 });
      expect(answer.results[0]!.text).toContain('دخل المتطرفون العاصمة كابول');
    });

    it('a name spelled another way is not "missing" from passages that spell it the archive\'s way', async () => {
      const answer = await archive.ask('ماذا قال سيرجي لافروف عن أفغانستان؟', { top: 3 });
      expect(answer.answered).toBe(true);
      expect(answer.unmatched).toEqual([]);
    });
  });
});
