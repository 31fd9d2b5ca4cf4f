/** The one table of Arabic's leading affixes (src/analysis/affixes.ts) and the rules built from it. */
import { describe, expect, it } from 'vitest';
import { anyOf, ARTICLE, CONJUNCTIONS, FUTURE, leading, PREPOSITIONS, TENSE_PREFIXES, TO_THE } from '../src/analysis/affixes.js';

describe('leading affixes', () => {
  it('reads off a conjunction, a preposition and the article in the order Arabic writes them', () => {
    const clitics = leading(`${anyOf(CONJUNCTIONS)}?${anyOf(PREPOSITIONS)}?(?:${ARTICLE})?`, 3);
    expect('وبالقوات'.replace(clitics, '')).toBe('قوات');
    expect('فالحكومة'.replace(clitics, '')).toBe('حكومة');
    expect('القوات'.replace(clitics, '')).toBe('قوات');
    expect('بوالقوات'.replace(clitics, '')).toBe('والقوات'); // a preposition before a conjunction is not Arabic
  });

  it('leaves at least the rest a rule asks for', () => {
    expect('لست'.replace(leading(anyOf(PREPOSITIONS), 3), '')).toBe('لست'); // "I am not", not "to six"
    expect('لست'.replace(leading(anyOf(PREPOSITIONS), 2), '')).toBe('ست');
  });

  it('knows ل before the article, and a verb’s future and tense prefixes', () => {
    expect('وللقوات'.replace(leading(`${anyOf(CONJUNCTIONS)}?${TO_THE}`, 3), '')).toBe('قوات');
    const verb = leading(`${FUTURE}?${anyOf(TENSE_PREFIXES)}`, 3);
    expect(['سترسل', 'يرسل', 'نرسل', 'ارسل'].map((w) => w.replace(verb, ''))).toEqual(['رسل', 'رسل', 'رسل', 'رسل']);
    expect('سيل'.replace(verb, '')).toBe('سيل');
  });
});
