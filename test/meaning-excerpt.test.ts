/**
 * Excerpts by meaning (src/answer/meaning-excerpt.ts) on the tiny model: the sentence closest to the
 * question is quoted, and a passage quoted again reuses its sentence vectors instead of running the
 * model again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excerptByMeaning } from '../src/answer/meaning-excerpt.js';
import { loadEmbedder, type Embedder } from '../src/embed/embedder.js';
import { rankingOptions } from '../src/search/ranking-options.js';
import { tinyModel } from './helpers.js';

const SENTENCES = [
  'قال وزير الخارجية الروسي إن انسحاب القوات الأمريكية من أفغانستان هو اعتراف بفشل المهمة.',
  'زار ممثلو المنظمة الحدود الطاجيكية الأفغانية.',
  'وتابع وزير الخارجية الروسي أن تنظيم داعش الإرهابي يعزز وجوده في الأجزاء الشمالية من أفغانستان.',
];
const PASSAGE = SENTENCES.join(' ');

describe('excerptByMeaning', () => {
  it('quotes the sentence closest to the question, embedding a passage’s sentences once however often it is quoted', async () => {
    const dir = await tinyModel();
    const load = await loadEmbedder({ model: 'tiny', modelDir: dir, cacheDir: join(dir, 'cache') });
    if (!load.embedder) throw new Error(load.reason);
    const real = load.embedder;
    let runs = 0;
    const counted: Embedder = {
      model: real.model,
      dim: real.dim,
      embedQuery: (text) => real.embedQuery(text),
      embedPassages: (texts) => (runs++, real.embedPassages(texts)),
      dispose: () => real.dispose(),
    };
    // Each sentence's own vector as the "question": that sentence must be the one quoted.
    const questions = await real.embedPassages(SENTENCES);
    const options = rankingOptions({ minExcerptWords: 0 });
    for (const [i, question] of questions.entries()) {
      const excerpt = await excerptByMeaning(PASSAGE, question, counted, options);
      expect(excerpt.text).toBe(SENTENCES[i]);
      expect(PASSAGE.slice(excerpt.start, excerpt.end)).toBe(excerpt.text);
    }
    expect(runs).toBe(1);
    // Another passage is embedded on its own.
    await excerptByMeaning(`${SENTENCES[1]} ${SENTENCES[0]}`, questions[0]!, counted, options);
    expect(runs).toBe(2);
  }, 60_000);
});
