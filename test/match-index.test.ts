/**
 * hasTerm and meetsAtAll answer a large set (a passage's terms, the archive's vocabulary) by
 * lookups in an index of the set built once (issue 11); they must answer exactly as the scan of
 * each term they replace. A set of one term is always scanned, so the reference is: some term of
 * the set, alone, meets the question term.
 */
import { describe, expect, it } from 'vitest';
import { hasTerm, meetsAtAll } from '../src/analysis/match.js';
import { rng } from '../scripts/prng.js';

// Proclitics, verb prefixes, suffix letters and a few others: the letters the rules are about.
const LETTERS = [...'وفبلكسيتنااتكمنهويةكبرطقدعلح'];

describe('form matching on large sets', () => {
  it('answers as the scan of each term does', () => {
    const random = rng(11);
    const word = () => {
      const n = 2 + Math.floor(random() * 6);
      return Array.from({ length: n }, () => LETTERS[Math.floor(random() * LETTERS.length)]!).join('');
    };
    const stems = Array.from({ length: 40 }, word);
    // Terms of the set are often a shared stem with letters added before or after, as real ones are.
    const related = () => {
      const stem = stems[Math.floor(random() * stems.length)]!;
      const before = random() < 0.4 ? LETTERS[Math.floor(random() * 8)]! : '';
      const after = random() < 0.6 ? word().slice(0, 1 + Math.floor(random() * 3)) : '';
      return `${before}${stem}${after}`;
    };
    let checked = 0;
    let met = 0;
    for (let round = 0; round < 60; round++) {
      const set = new Set(Array.from({ length: 16 + Math.floor(random() * 80) }, related));
      for (let q = 0; q < 40; q++) {
        const term = random() < 0.8 ? related() : word();
        const expected = set.has(term) || [...set].some((t) => hasTerm(new Set([t]), term));
        expect(hasTerm(set, term), `${term} in ${[...set].join(' ')}`).toBe(expected);
        const alternatives = [term, related()];
        const any = [...set].some((t) => meetsAtAll(new Set([t]), { alternatives }));
        expect(meetsAtAll(set, { alternatives })).toBe(any);
        checked++;
        if (expected) met++;
      }
    }
    expect(checked).toBe(2400);
    // Both outcomes are well represented.
    expect(met).toBeGreaterThan(300);
    expect(checked - met).toBeGreaterThan(300);
  });
});
