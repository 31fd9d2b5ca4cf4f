import { describe, expect, it } from 'vitest';
import { arabicAnalyzer, createAnalyzer } from '../src/analysis/analyzer.js';
import { loadSynonymGroups, parseSynonyms, synonymTable } from '../src/analysis/synonyms.js';

const analyzer = arabicAnalyzer();

describe('synonym file', () => {
  it('reads one group per line, with comments and blank lines', () => {
    const groups = parseSynonyms('# forces\nجيش قوات  جنود # soldiers\n\nاتفاق معاهدة\n');
    expect(groups).toEqual([
      { words: ['جيش', 'قوات', 'جنود'], line: 2 },
      { words: ['اتفاق', 'معاهدة'], line: 4 },
    ]);
  });

  it('names the line and the problem of a bad group', () => {
    expect(() => parseSynonyms('جيش قوات\nجيش, قوات\n')).toThrow('synonyms.txt:2: "جيش," is not a word');
    expect(() => parseSynonyms('\n\nجيش\n')).toThrow('synonyms.txt:3: a group needs at least two words');
    expect(() => parseSynonyms('جيش قوات جيش')).toThrow('synonyms.txt:1: "جيش" appears twice');
    expect(() => synonymTable(parseSynonyms('# x\nجيش في'), analyzer.terms)).toThrow('synonyms.txt:2: "في" is a stop word');
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
