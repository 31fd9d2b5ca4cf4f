/**
 * The vector side: sanad's VectorIndex (HNSW, cosine) over `n` random 384-d vectors, clustered like
 * sentence embeddings are (a vector is one of 1,000 topic directions plus as much noise again), against
 * exact search by brute force: build time, search time with sanad's own parameters, recall@10.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { searchBreadth, VectorIndex } from '../../src/index/vector-index.js';
import { rng } from '../prng.js';
import { latencyStats, peakRssMB } from './stats.js';

const DIM = 384;
const TOPICS = 1000;
const QUERIES = 200;
const EXACT_TIMED = 5;
/** Search breadths (HNSW ef) measured besides sanad's own. */
const EF_SWEEP = [64, 100, 150, 200, 300, 400];

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const k = 1 / Math.sqrt(s || 1);
  for (let i = 0; i < v.length; i++) v[i]! *= k;
  return v;
}

/** Unit vectors: a topic direction plus isotropic noise of the same norm. */
function makeVectors(count: number, topics: Float32Array, random: () => number): Float32Array {
  const g = gaussian(random);
  const out = new Float32Array(count * DIM);
  const sigma = 1 / Math.sqrt(DIM);
  for (let i = 0; i < count; i++) {
    const t = Math.floor(random() * TOPICS) * DIM;
    const v = out.subarray(i * DIM, (i + 1) * DIM);
    for (let d = 0; d < DIM; d++) v[d] = topics[t + d]! + g() * sigma;
    normalize(v);
  }
  return out;
}

/** The exact top 10 of each query by inner product (vectors are unit length: cosine). */
function exactTop10(base: Float32Array, n: number, queries: Float32Array, q: number): number[][] {
  const best = Array.from({ length: q }, () => ({ ids: new Int32Array(10).fill(-1), sims: new Float32Array(10).fill(-Infinity) }));
  for (let i = 0; i < n; i++) {
    const off = i * DIM;
    for (let j = 0; j < q; j++) {
      const qo = j * DIM;
      let s = 0;
      for (let d = 0; d < DIM; d++) s += base[off + d]! * queries[qo + d]!;
      const b = best[j]!;
      if (s <= b.sims[9]!) continue;
      let k = 9;
      while (k > 0 && b.sims[k - 1]! < s) {
        b.sims[k] = b.sims[k - 1]!;
        b.ids[k] = b.ids[k - 1]!;
        k--;
      }
      b.sims[k] = s;
      b.ids[k] = i;
    }
  }
  return best.map((b) => [...b.ids]);
}

export async function denseBench(n: number) {
  const random = rng(384 + n);
  const g = gaussian(random);
  const topics = new Float32Array(TOPICS * DIM);
  for (let t = 0; t < TOPICS; t++) {
    const v = topics.subarray(t * DIM, (t + 1) * DIM);
    for (let d = 0; d < DIM; d++) v[d] = g();
    normalize(v);
  }
  const base = makeVectors(n, topics, random);
  const queries = makeVectors(QUERIES, topics, random);

  const dir = mkdtempSync(join(tmpdir(), 'sanad-dense-'));
  try {
    const { index } = await VectorIndex.open(dir, 'bench', DIM, -1, { vectorIds: () => [], vectors: () => [] });
    let t = performance.now();
    for (let i = 0; i < n; i++) index.add(i, base.subarray(i * DIM, (i + 1) * DIM));
    const buildSeconds = (performance.now() - t) / 1000;

    const times: number[] = [];
    const found: number[][] = [];
    for (let j = 0; j < QUERIES; j++) {
      const qv = queries.subarray(j * DIM, (j + 1) * DIM);
      t = performance.now();
      const hits = index.search(qv, 10);
      times.push(performance.now() - t);
      found.push(hits.map((h) => h.id));
    }
    t = performance.now();
    const truth = exactTop10(base, n, queries, QUERIES);
    const recall = (found: number[][]) => found.reduce((sum, ids, j) => sum + ids.filter((id) => truth[j]!.includes(id)).length, 0) / (QUERIES * 10);
    // Recall and time at other search breadths than sanad's, for choosing it.
    const sweep = EF_SWEEP.map((ef) => {
      const at: number[] = [];
      const hits = Array.from({ length: QUERIES }, (_, j) => {
        const t0 = performance.now();
        const ids = index.search(queries.subarray(j * DIM, (j + 1) * DIM), 10, ef).map((h) => h.id);
        at.push(performance.now() - t0);
        return ids;
      });
      return { ef, search: latencyStats(at), recallAt10: recall(hits) };
    });
    const exactAllMs = performance.now() - t;
    const exactTimes: number[] = [];
    for (let j = 0; j < EXACT_TIMED; j++) {
      t = performance.now();
      exactTop10(base, n, queries.subarray(j * DIM, (j + 1) * DIM), 1);
      exactTimes.push(performance.now() - t);
    }
    return {
      n,
      dim: DIM,
      queries: QUERIES,
      buildSeconds,
      search: latencyStats(times),
      recallAt10: recall(found),
      ef: searchBreadth(10),
      sweep,
      exact: latencyStats(exactTimes),
      exactBatchMsPerQuery: exactAllMs / QUERIES,
      peakRssMB: peakRssMB(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
