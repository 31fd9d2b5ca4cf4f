/**
 * hasTerm and meetsAtAll answer by lookups in an index of the set, built once per set; they must
 * answer exactly as the rule they implement, held here as written in src/analysis/match.ts's module
 * comment and applied term by term. The archive's vocabulary is consulted by lookups in the store
 * (inVocabulary, variants): they must answer as meetsAtAll and isSpellingVariant over the whole
 * vocabulary, after terms enter and after they leave.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTerm, inVocabulary, meetsAtAll, MIN_PREFIX, PROCLITIC } from '../src/analysis/match.js';
import { rootsOf } from '../src/analysis/roots.js';
import { isSpellingVariant, spellingVariants } from '../src/analysis/variants.js';
import { ArchiveStore, type NewArticle } from '../src/index/store.js';
import { rng } from '../scripts/prng.js';

/** The rule, term by term: a final ت read as ه; equal, or one the other with 1–3 suffix letters after it, the shorter of MIN_PREFIX letters or more. */
const openTaa = (w: string) => (w.length >= MIN_PREFIX ? w.replace(/ت$/u, 'ه') : w);
const extendsWith = (longer: string, shorter: string) =>
  shorter.length >= MIN_PREFIX && longer.startsWith(shorter) && /^[اتكمنهوي]{1,3}$/u.test(longer.slice(shorter.length));
function sameWord(a: string, b: string): boolean {
  const [x, y] = [openTaa(a), openTaa(b)];
  return x === y || extendsWith(x, y) || extendsWith(y, x);
}
const VERB = /^س?[يتنا](?=\p{L}{3})/u;
/** A set holds a term: as written, or a term the same word as written, with a proclitic read off both, or a verb prefix read off both. */
function holds(set: ReadonlySet<string>, term: string): boolean {
  if (set.has(term)) return true;
  if (term.length < MIN_PREFIX) return false;
  const [bare, verb] = [term.replace(PROCLITIC, ''), term.replace(VERB, '')];
  return [...set].some((t) => sameWord(t, term) || sameWord(t.replace(PROCLITIC, ''), bare) || sameWord(t.replace(VERB, ''), verb));
}
/** Held in any form: one of the alternatives held, or a root shared. */
function heldAtAll(set: ReadonlySet<string>, alternatives: string[]): boolean {
  const roots = new Set(alternatives.flatMap(rootsOf));
  return alternatives.some((a) => holds(set, a)) || [...set].some((t) => rootsOf(t).some((r) => roots.has(r)));
}

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

describe('form matching by lookups', () => {
  it('answers as the rule applied term by term, on sets of one term to eighty', () => {
    const { random, word, related } = randomTerms(11);
    let checked = 0;
    let met = 0;
    for (let round = 0; round < 60; round++) {
      const set = new Set(Array.from({ length: 1 + Math.floor(random() * 80) }, related));
      for (let q = 0; q < 40; q++) {
        const term = random() < 0.8 ? related() : word();
        const expected = holds(set, term);
        expect(hasTerm(set, term), `${term} in ${[...set].join(' ')}`).toBe(expected);
        const alternatives = [term, related()];
        expect(meetsAtAll(set, { alternatives })).toBe(heldAtAll(set, alternatives));
        checked++;
        if (expected) met++;
      }
    }
    expect(checked).toBe(2400);
    // Both outcomes are well represented.
    expect(met).toBeGreaterThan(200);
    expect(checked - met).toBeGreaterThan(200);
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
