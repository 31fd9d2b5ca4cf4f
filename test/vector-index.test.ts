/**
 * The HNSW side on a real hnswlib graph: exact similarities of any passage (those the graph search
 * did not return), kept in step as vectors are replaced and removed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorIndex } from '../src/index/vector-index.js';
import { rng } from '../scripts/prng.js';

const DIM = 32;

function unitVectors(n: number, seed: number): Float32Array[] {
  const random = rng(seed);
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: DIM }, () => random() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('VectorIndex.similarities', () => {
  it('are the exact cosines, and follow a passage whose vector is replaced or removed', async () => {
    const none = { vectorIds: () => [], vectors: () => [] };
    const { index } = await VectorIndex.open(mkdtempSync(join(tmpdir(), 'sanad-vectors-')), 'test', DIM, 0, none);
    const vectors = unitVectors(50, 7);
    vectors.forEach((v, id) => index.add(id, v));
    const [query, replacement] = unitVectors(2, 8) as [Float32Array, Float32Array];
    const ids = vectors.map((_, id) => id);
    const first = index.similarities(query, ids);
    for (const id of ids) expect(first.get(id)).toBeCloseTo(dot(query, vectors[id]!), 5);
    // The graph search reports the same similarities for what it returns.
    for (const { id, similarity } of index.search(query, 10)) expect(similarity).toBeCloseTo(first.get(id)!, 5);

    index.add(3, replacement);
    index.remove(4);
    const after = index.similarities(query, ids);
    expect(after.get(3)).toBeCloseTo(dot(query, replacement), 5);
    expect(after.get(3)).not.toBeCloseTo(first.get(3)!, 3);
    expect(after.has(4)).toBe(false);
    expect(after.get(5)).toBe(first.get(5));
  });
});
