/**
 * hasTerm and meetsAtAll answer a large set (a passage's terms) by lookups in an index of the set
 * built once (issue 11); they must answer exactly as the scan of each term they replace. A set of
 * one term is always scanned, so the reference is: some term of the set, alone, meets the question
 * term. The archive's vocabulary is consulted by lookups in the store (inVocabulary, variants):
 * they must answer as meetsAtAll and isSpellingVariant over the whole vocabulary, after terms
 * enter and after they leave.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTerm, inVocabulary, meetsAtAll } from '../src/analysis/match.js';
import { isSpellingVariant, spellingVariants } from '../src/analysis/variants.js';
import { ArchiveStore, type NewArticle } from '../src/index/store.js';
import { rng } from '../scripts/prng.js';

// Proclitics, verb prefixes, suffix letters and a few others: the letters the rules are about.
const LETTERS = [...'وفبلكسيتنااتكمنهويةكبرطقدعلح'];

/** Random terms over LETTERS: `word` unrelated, `related` a shared stem with letters added before or after, as real terms often are. */
function randomTerms(seed: number) {
  const random = rng(seed);
  const word = () => {
    const n = 2 + Math.floor(random() * 6);
    return Array.from({ length: n }, () => LETTERS[Math.floor(random() * LETTERS.length)]!).join('');
  };
  const stems = Array.from({ length: 40 }, word);
  const related = () => {
    const stem = stems[Math.floor(random() * stems.length)]!;
    const before = random() < 0.4 ? LETTERS[Math.floor(random() * 8)]! : '';
    const after = random() < 0.6 ? word().slice(0, 1 + Math.floor(random() * 3)) : '';
    return `${before}${stem}${after}`;
  };
  return { random, word, related };
}

describe('form matching on large sets', () => {
  it('answers as the scan of each term does', () => {
    const { random, word, related } = randomTerms(11);
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

describe("the archive's vocabulary, by lookups in the store", () => {
  /** One passage per file holding `terms`, written as the indexer writes them. */
  const article = (file: string, terms: string[]): NewArticle => ({
    parsed: { file, part: 0, title: file, date: null, source: null, section: null, paragraphs: [] },
    titleTerms: [],
    passages: [{ position: 0, text: terms.join(' '), hash: file, terms, vector: null }],
  });

  it('answers as meetsAtAll and isSpellingVariant over the whole vocabulary, as terms enter and leave', () => {
    const { random, word, related } = randomTerms(23);
    const dir = mkdtempSync(join(tmpdir(), 'sanad-vocabulary-'));
    const store = new ArchiveStore(join(dir, 'sanad.sqlite'));
    try {
      const files = new Map<string, string[]>();
      store.batch(() => {
        for (let i = 0; i < 30; i++) {
          const terms = Array.from({ length: 6 }, () => (random() < 0.8 ? related() : word()));
          files.set(`f${i}.txt`, terms);
          store.replaceFile(`f${i}.txt`, String(i), [article(`f${i}.txt`, terms)]);
        }
        // Names spelled one way, asked below spelled another; and two words of one root that are not variants.
        files.set('names.txt', ['كابول', 'سيرغي', 'اميرك', 'مقبول', 'كاتب']);
        store.replaceFile('names.txt', 'names', [article('names.txt', files.get('names.txt')!)]);
      });
      const asked = ['كابل', 'سيرجي', 'امريك', 'مقبل', 'كتاب'];
      let met = 0;
      let variants = 0;
      const check = () => {
        const whole = new Set([...files.values()].flat());
        for (let q = 0; q < 300; q++) {
          const alternatives = random() < 0.5 ? [related()] : [word(), word()];
          const expected = meetsAtAll(whole, { alternatives });
          expect(inVocabulary(store.vocabulary, { alternatives }), alternatives.join(' ')).toBe(expected);
          if (expected) met++;
        }
        for (const term of [...asked, ...Array.from({ length: 200 }, related)]) {
          const found = spellingVariants(term, store.vocabulary).sort();
          expect(found).toEqual([...whole].filter((t) => isSpellingVariant(term, t)).sort());
          variants += found.length;
        }
      };
      check();
      // Half the files leave, and their terms with them where no other file holds them.
      for (let i = 0; i < 30; i += 2) {
        store.removeFile(`f${i}.txt`);
        files.delete(`f${i}.txt`);
      }
      check();
      // Both outcomes are well represented, and the three names' variants are found both times.
      expect(met).toBeGreaterThan(100);
      expect(600 - met).toBeGreaterThan(100);
      expect(variants).toBeGreaterThanOrEqual(6);
      store.removeFile('names.txt');
      expect(spellingVariants('كابل', store.vocabulary)).toEqual([]);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
