import { describe, expect, it } from 'vitest';
import { arabicAnalyzer } from '../src/analysis/analyzer.js';
import { rootsOf } from '../src/analysis/roots.js';

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

  it('gives such a word its own root, shared with its other forms', () => {
    expect(rootsOf(term('وزير'))).toContain('وزر');
    expect(rootsOf(term('الوزراء'))).toContain('وزر');
    expect(rootsOf(term('وصول'))).toContain('وصل');
  });
});
