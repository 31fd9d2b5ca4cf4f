/**
 * Passage vectors do not depend on how the embedder groups its model runs: a call of mixed lengths
 * (short, long, over the model limit, repeated) gives each text what transformers.js's own pipeline
 * gives it in one padded batch (mean pooling over the real tokens, normalised), and what the text
 * gets when embedded alone. On the real tiny model, and on e5 when SANAD_E5_MODEL_DIR is set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder } from '../src/embed/embedder.js';
import { SEED_DIR, tinyModel } from './helpers.js';

const cosine = (a: Float32Array, b: Float32Array): number => {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    ab += x * b[i]!;
    aa += x * x;
    bb += b[i]! * b[i]!;
  });
  return ab / Math.sqrt(aa * bb);
};

/** The seed articles' paragraphs: from a short headline to a long paragraph. */
const paragraphs = readdirSync(SEED_DIR)
  .sort()
  .flatMap((f) => readFileSync(join(SEED_DIR, f), 'utf8').split(/\n\s*\n/u))
  .map((t) => t.trim())
  .filter(Boolean);
/** Longer than either model's 512-token limit: embedded by windows. */
const long = paragraphs.join(' ');

const sets = [
  { name: 'the tiny model', dir: () => tinyModel() },
  ...(process.env.SANAD_E5_MODEL_DIR ? [{ name: 'e5 (SANAD_E5_MODEL_DIR)', dir: async () => process.env.SANAD_E5_MODEL_DIR! }] : []),
];

describe.each(sets)('passage vectors on $name', ({ dir }) => {
  let modelDir: string;
  let embedder: Embedder;
  beforeAll(async () => {
    modelDir = await dir();
    const load = await loadEmbedder({ model: 'm', modelDir, cacheDir: join(modelDir, 'cache') });
    if (!load.embedder) throw new Error(load.reason);
    embedder = load.embedder;
  }, 120_000);
  afterAll(() => embedder.dispose());

  it('are what the pipeline gives the same texts in one padded batch', async () => {
    const texts = paragraphs.slice(0, 24);
    expect(new Set(texts.map((t) => t.length)).size).toBeGreaterThan(12);
    env.allowLocalModels = true;
    const extract = await pipeline('feature-extraction', modelDir, { dtype: 'q8', local_files_only: true });
    try {
      const padded = await extract(texts.map((t) => `passage: ${t}`), { pooling: 'mean', normalize: true });
      const reference = padded.tolist() as number[][];
      const vectors = await embedder.embedPassages(texts);
      expect(vectors).toHaveLength(texts.length);
      for (const [i, v] of vectors.entries()) expect(cosine(v, Float32Array.from(reference[i]!)), texts[i]).toBeGreaterThanOrEqual(0.9999);
    } finally {
      await extract.dispose();
    }
  }, 120_000);

  it('are in the order given, whatever else the call holds, and a repeated text gets its own copy', async () => {
    const texts = [paragraphs[3]!, long, paragraphs[0]!, paragraphs[3]!, paragraphs[7]!];
    const together = await embedder.embedPassages(texts);
    expect(together).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [alone] = await embedder.embedPassages([text]);
      expect(cosine(together[i]!, alone!)).toBeGreaterThanOrEqual(0.9999);
    }
    expect(cosine(together[0]!, together[2]!)).toBeLessThan(0.9999);
    expect(Array.from(together[3]!)).toEqual(Array.from(together[0]!));
    together[3]!.fill(0);
    expect(together[0]!.some((x) => x !== 0)).toBe(true);
  }, 120_000);
});
