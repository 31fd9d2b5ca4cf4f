/**
 * Dense vectors in an HNSW graph (hnswlib-node), cosine space, labels = passage ids. The graph is a
 * cache of the vectors kept in the store: it is saved with temp file + rename together with the
 * store generation it reflects and its SHA-256, and rebuilt from the store when the two disagree
 * (after a crash) or the file is not the one saved (a damaged block would crash hnswlib's reader).
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import hnswlib from 'hnswlib-node';
import { replaceAtomically, writeFileAtomically } from './atomic-write.js';

const GRAPH_FILE = 'vectors.hnsw';
const STATE_FILE = 'vectors.json';
const INITIAL_CAPACITY = 1024;
/** Least HNSW search breadth (see `searchBreadth`). */
const MIN_SEARCH_BREADTH = 200;
/**
 * Stored vectors kept as Float32Array once read for an exact similarity: hnswlib's getPoint copies a
 * vector into a fresh JS array (~60 µs at 384 dimensions, 4 ms for a question's 65 candidates), and
 * the same passages are candidates for many questions. 1.5 KB each at 384 dimensions; the memo is
 * emptied past this many.
 */
const POINTS_KEPT = 20_000;

interface GraphState {
  generation: number;
  model: string;
  dim: number;
  count: number;
  /** SHA-256 of the graph file as written. */
  sha256: string;
}

/** The file's SHA-256, read in chunks on libuv's thread pool (the file may be gigabytes): for readers. */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** The same, read here in chunks: for the writer, which saves off any event loop that answers. */
function fileSha256Sync(path: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let n; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * HNSW's search breadth (ef) for the `k` nearest: twice k, at least MIN_SEARCH_BREADTH. Recall
 * falls as the graph grows at a fixed breadth: on a million clustered 384-d vectors (`npm run bench
 * -- --dense-only`), recall@10 is 0.869 at ef 64, 0.948 at 100, 0.992 at 150 and 0.998 at 200
 * (search p50 1.2 ms, p95 2.0 ms); on 10k it is 0.967 at 64 and 0.992 at 200, for half a millisecond
 * more. A millisecond is little beside a question's embedding (~18 ms).
 */
export function searchBreadth(k: number): number {
  return Math.max(MIN_SEARCH_BREADTH, 2 * k);
}


/** Where a graph is rebuilt from and checked against: the store's vectors. */
export interface VectorSource {
  vectorIds(): number[];
  vectors(): Iterable<{ id: number; vector: Float32Array }>;
}

/** The in-memory graph plus what it takes to keep it in step with the store. */
export class VectorIndex {
  /** The store generation this graph reflects (-1: none yet). */
  generation = -1;
  private graph: hnswlib.HierarchicalNSW;
  private live = new Set<number>();
  private dirty = false;
  private readonly points = new Map<number, Float32Array>();

  private constructor(private readonly dir: string, readonly model: string, readonly dim: number) {
    this.graph = VectorIndex.emptyGraph(dim);
  }

  private static emptyGraph(dim: number): hnswlib.HierarchicalNSW {
    const g = new hnswlib.HierarchicalNSW('cosine', dim);
    g.initIndex({ maxElements: INITIAL_CAPACITY, m: 16, efConstruction: 200, randomSeed: 42, allowReplaceDeleted: true });
    return g;
  }

  /**
   * The saved graph when it is the one saved for `generation`, model and dim (its checksum holds
   * and the store's live vectors are the ones it counted), else null. The file is read on libuv's
   * thread pool (hnswlib's async readIndex): it is large (~40 ms at 20k vectors, seconds at a
   * million), and the bot reopens it after every upload.
   */
  static async load(dir: string, model: string, dim: number, generation: number, store: VectorSource): Promise<VectorIndex | null> {
    const index = new VectorIndex(dir, model, dim);
    const state = index.readState();
    const file = join(dir, GRAPH_FILE);
    if (!state || state.generation !== generation || state.model !== model || state.dim !== dim || !existsSync(file)) return null;
    try {
      if ((await fileSha256(file)) !== state.sha256) return null;
      const g = new hnswlib.HierarchicalNSW('cosine', dim);
      await g.readIndex(file, true);
      // The graph's own id list still holds markDeleted labels; the store says which are live.
      const live = store.vectorIds();
      if (live.length !== state.count) return null;
      index.graph = g;
      index.live = new Set(live);
      index.generation = generation;
      return index;
    } catch {
      return null;
    }
  }

  /**
   * The saved graph (see `load`), or one rebuilt from the store's vectors when there is none that
   * matches. Returns the index and whether it had to be rebuilt.
   */
  static async open(dir: string, model: string, dim: number, generation: number, store: VectorSource): Promise<{ index: VectorIndex; rebuilt: boolean }> {
    const saved = await VectorIndex.load(dir, model, dim, generation, store);
    if (saved) return { index: saved, rebuilt: false };
    const index = new VectorIndex(dir, model, dim);
    for (const { id, vector } of store.vectors()) index.add(id, vector);
    index.dirty = true;
    index.generation = generation;
    return { index, rebuilt: true };
  }

  private readState(): GraphState | null {
    try {
      return JSON.parse(readFileSync(join(this.dir, STATE_FILE), 'utf8')) as GraphState;
    } catch {
      return null;
    }
  }

  get size(): number {
    return this.live.size;
  }

  add(id: number, vector: Float32Array): void {
    if (vector.length !== this.dim) throw new Error(`vector of dimension ${vector.length}, index has ${this.dim}`);
    this.points.delete(id);
    if (this.live.has(id)) this.graph.markDelete(id);
    if (this.graph.getCurrentCount() >= this.graph.getMaxElements()) this.graph.resizeIndex(this.graph.getMaxElements() * 2);
    this.graph.addPoint(Array.from(vector), id, true);
    this.live.add(id);
    this.dirty = true;
  }

  remove(id: number): void {
    if (!this.live.delete(id)) return;
    this.points.delete(id);
    this.graph.markDelete(id);
    this.dirty = true;
  }

  /**
   * The `k` nearest passages by cosine similarity (1 = same direction). `ef` is the graph search's
   * breadth (default: `searchBreadth`); the bench sweeps it.
   */
  search(vector: Float32Array, k: number, ef = searchBreadth(k)): { id: number; similarity: number }[] {
    const n = Math.min(k, this.live.size);
    if (n === 0) return [];
    this.graph.setEf(Math.max(ef, n));
    const { neighbors, distances } = this.graph.searchKnn(Array.from(vector), n);
    return neighbors.map((id, i) => ({ id, similarity: 1 - distances[i]! }));
  }

  /**
   * Exact cosine similarity of `vector` (unit length) to each live passage of `ids`: candidates that
   * only the lexical side found still get a similarity, so hybrid ranking compares like with like.
   */
  similarities(vector: Float32Array, ids: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    for (const id of ids) {
      if (!this.live.has(id)) continue;
      const stored = this.point(id);
      let dot = 0;
      for (let k = 0; k < this.dim; k++) dot += vector[k]! * stored[k]!;
      out.set(id, dot);
    }
    return out;
  }

  /** A live passage's stored vector, unit length (the cosine space normalises on insert). */
  private point(id: number): Float32Array {
    let point = this.points.get(id);
    if (!point) {
      if (this.points.size >= POINTS_KEPT) this.points.clear();
      point = Float32Array.from(this.graph.getPoint(id));
      this.points.set(id, point);
    }
    return point;
  }

  /** Persist the graph for store generation `generation`, crash-safely; no-op when nothing changed. */
  save(generation: number): void {
    if (!this.dirty && this.readState()?.generation === generation) return;
    let sha256 = '';
    // The checksum is of the temp file: of the bytes hnswlib wrote, before they become the graph.
    replaceAtomically(join(this.dir, GRAPH_FILE), (temp) => {
      this.graph.writeIndexSync(temp);
      sha256 = fileSha256Sync(temp);
    });
    const state: GraphState = { generation, model: this.model, dim: this.dim, count: this.live.size, sha256 };
    writeFileAtomically(join(this.dir, STATE_FILE), JSON.stringify(state));
    this.generation = generation;
    this.dirty = false;
  }
}
