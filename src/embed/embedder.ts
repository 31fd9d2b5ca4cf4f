/**
 * Sentence embeddings through transformers.js (ONNX Runtime on the CPU), with the e5 conventions:
 * "passage: " / "query: " prefixes, mean pooling, L2 normalisation.
 *
 * Loading never throws and never hangs: the archive must still answer lexically when the model
 * cannot be had (offline, broken folder, EMBEDDING_MODEL=none), so every failure becomes
 * `{ embedder: null, reason }` with a one-line reason for the log.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { combineWindows, meanPool, tokenWindows } from './windows.js';

/** Turns texts into unit-length vectors; cosine similarity is then a plain dot product. */
export interface Embedder {
  /** Identity of the model: the hub id, or the absolute folder when loaded from MODEL_DIR. */
  readonly model: string;
  /** Vector length. */
  readonly dim: number;
  /** Embed archive passages ("passage: " prefix), in batches. */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /** Embed a question ("query: " prefix). */
  embedQuery(text: string): Promise<Float32Array>;
  /** Release the model (its session, or its thread); the embedder is not used afterwards. */
  dispose(): Promise<void>;
}

export type EmbedderLoad = { embedder: Embedder } | { embedder: null; reason: string };

export interface LoadEmbedderOptions {
  /** Hub id (e.g. Xenova/multilingual-e5-small), or 'none' for lexical-only mode. */
  model: string;
  /** Local model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/); nothing is downloaded. */
  modelDir?: string;
  /** Where hub downloads are cached, so a model fetched once works offline afterwards. */
  cacheDir: string;
  /** Give up on a hub download that makes no progress for this long (default 15 s). */
  timeoutMs?: number;
}

type Transformers = typeof import('@huggingface/transformers');

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * ONNX Runtime session settings: one intra-op thread per core (ORT's default), but idle threads sleep
 * instead of spinning. A query runs ~200 small ops one after another; spinning threads that wait
 * between them compete for the same 2 shared cores with the thread doing the work, the bot and the
 * indexer (measured under load: question embedding ~2× slower with spinning; docs/tuning-history.md, "Hybrid mode,
 * with multilingual-e5-small").
 */
const SESSION_OPTIONS = { extra: { session: { intra_op: { allow_spinning: '0' } } } };

class PipelineEmbedder implements Embedder {
  private readonly maxLength: number;

  constructor(
    readonly model: string,
    readonly dim: number,
    private readonly extract: FeatureExtractionPipeline,
    private readonly Tensor: Transformers['Tensor'],
  ) {
    const limit = Number(extract.tokenizer.model_max_length);
    this.maxLength = Number.isFinite(limit) && limit >= 3 && limit <= 8192 ? limit : 512;
  }

  /**
   * Unit vectors for texts of any length: long ones are embedded by windows (see windows.ts). Each
   * window is a run of its own: the model costs the same per token whatever the batch, so a batch
   * only adds the padding of its shorter rows (a window padded to its batch's longest costs as much
   * as the longest).
   */
  private async run(texts: string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (const text of texts) {
      const windows = tokenWindows(this.extract.tokenizer.encode(text), this.maxLength);
      const pooled: Float64Array[] = [];
      for (const { ids } of windows) {
        const dims = [1, ids.length];
        const out = await this.extract.model({
          input_ids: new this.Tensor('int64', BigInt64Array.from(ids, BigInt), dims),
          attention_mask: new this.Tensor('int64', new BigInt64Array(ids.length).fill(1n), dims),
        });
        pooled.push(meanPool(out.last_hidden_state.data as Float32Array, 0, ids.length, ids.length, this.dim));
      }
      vectors.push(combineWindows(pooled, windows.map((w) => w.weight), this.dim));
    }
    return vectors;
  }

  async embedPassages(texts: string[]): Promise<Float32Array[]> {
    return this.run(texts.map((t) => `passage: ${t}`));
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return (await this.run([`query: ${text}`]))[0]!;
  }

  dispose(): Promise<void> {
    return this.extract.dispose();
  }
}

/** First line of an error (and of its cause, which holds e.g. ENOTFOUND for fetch), kept short for a log line. */
function shortCause(err: unknown): string {
  const line = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
  const cause = err instanceof Error && err.cause !== undefined ? ` (${line(err.cause)})` : '';
  const text = line(err) + cause;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

class LoadTimeout extends Error {}

/**
 * Build the pipeline and check it embeds (a folder can look right and still hold a broken graph).
 * With `idleMs` (network loads), the wait between progress events is bounded: on expiry `onTimeout`
 * runs (to abort downloads) and the promise rejects, so a slow but moving download still succeeds.
 * The timer is unref'd so it never keeps the process alive by itself. Local loads are not timed: they
 * cannot stall, and a big model's session set-up on a slow machine must not be mistaken for a hang.
 */
async function buildPipeline(
  tf: Transformers,
  model: string,
  options: { dtype: 'q8' | 'fp32'; local_files_only: boolean; cache_dir: string },
  idleMs?: number,
  onTimeout: () => void = () => {},
): Promise<{ extract: FeatureExtractionPipeline; dim: number }> {
  let timer: NodeJS.Timeout | undefined;
  let fail: (e: Error) => void = () => {};
  const timedOut = new Promise<never>((_, reject) => (fail = reject));
  const arm = (): void => {
    if (idleMs === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      onTimeout();
      fail(new LoadTimeout(`no progress for ${idleMs / 1000} s`));
    }, idleMs);
    timer.unref();
  };
  arm();
  try {
    const load = (async () => {
      const extract = await tf.pipeline('feature-extraction', model, { ...options, session_options: SESSION_OPTIONS, progress_callback: () => arm() });
      const probe = await extract(['query: probe'], { pooling: 'mean', normalize: true });
      const dim = probe.dims.length === 2 ? (probe.dims[1] ?? 0) : 0;
      if (dim <= 0) throw new Error(`unexpected output shape [${probe.dims.join(', ')}]`);
      return { extract, dim };
    })();
    return await Promise.race([load, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The model folder's JSON files, read by transformers.js. */
const MODEL_JSON_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

function isJsonFile(file: string): boolean {
  try {
    JSON.parse(readFileSync(file, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Load from a local folder only; explains precisely what is missing. */
async function loadFromDir(tf: Transformers, opts: LoadEmbedderOptions, dir: string): Promise<EmbedderLoad> {
  const fail = (why: string): EmbedderLoad => ({ embedder: null, reason: `model folder ${dir} ${why}; running in lexical mode` });
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return fail('not found');
  const missing = MODEL_JSON_FILES.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length > 0) return fail(`is missing ${missing.join(', ')}`);
  // Read before any native code starts: a damaged file failing inside transformers.js while
  // onnxruntime is still creating its session can abort the whole process, not just this load.
  const damaged = MODEL_JSON_FILES.find((f) => !isJsonFile(path.join(dir, f)));
  if (damaged) return fail(`has a damaged ${damaged} (not valid JSON): copy the model again`);
  // q8 is what the hub's Xenova exports ship as model_quantized.onnx; plain model.onnx is the fp32 fallback.
  const dtype = existsSync(path.join(dir, 'onnx', 'model_quantized.onnx'))
    ? 'q8'
    : existsSync(path.join(dir, 'onnx', 'model.onnx'))
      ? 'fp32'
      : null;
  if (!dtype) return fail('has no onnx/model_quantized.onnx or onnx/model.onnx');
  // An absolute path is not a valid hub id, so transformers.js reads it as a folder (a relative
  // "a/b" would be taken as a hub id and looked up under env.localModelPath instead).
  tf.env.allowLocalModels = true;
  tf.env.allowRemoteModels = false;
  try {
    const { extract, dim } = await buildPipeline(tf, dir, { dtype, local_files_only: true, cache_dir: opts.cacheDir });
    return { embedder: new PipelineEmbedder(dir, dim, extract, tf.Tensor) };
  } catch (err) {
    return fail(`could not be loaded: ${shortCause(err)}`);
  }
}

/**
 * Load a hub model: from the cache when present (works offline), else download it. The download goes
 * through an abortable fetch, so a stalled or unreachable hub fails within `timeoutMs` and leaves no
 * socket that would keep the process alive.
 */
async function loadFromHub(tf: Transformers, opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const idleMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const options = { dtype: 'q8' as const, cache_dir: opts.cacheDir };
  // pipeline() pre-scans files without forwarding cache_dir/local_files_only, so the globals must agree.
  tf.env.cacheDir = opts.cacheDir;
  tf.env.allowLocalModels = true;
  tf.env.allowRemoteModels = false;
  try {
    const { extract, dim } = await buildPipeline(tf, opts.model, { ...options, local_files_only: true });
    return { embedder: new PipelineEmbedder(opts.model, dim, extract, tf.Tensor) };
  } catch {
    // Not cached (or incomplete): try the hub.
  }

  const originalFetch = (plainFetch ??= tf.env.fetch);
  const abort = new AbortController();
  tf.env.fetch = (input: string | URL, init?: RequestInit) => originalFetch(input, { ...init, signal: abort.signal });
  tf.env.allowRemoteModels = true;
  try {
    const { extract, dim } = await buildPipeline(tf, opts.model, { ...options, local_files_only: false }, idleMs, () =>
      abort.abort(),
    );
    tf.env.fetch = originalFetch;
    return { embedder: new PipelineEmbedder(opts.model, dim, extract, tf.Tensor) };
  } catch (err) {
    // Abort whatever is still in flight; the aborting fetch stays installed so late requests fail at once.
    abort.abort();
    const offline = err instanceof LoadTimeout || /fetch failed|ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|abort/i.test(shortCause(err));
    return {
      embedder: null,
      reason: `embedding model ${opts.model} unavailable${offline ? ' (offline?)' : ''}: ${shortCause(err)}; running in lexical mode`,
    };
  } finally {
    tf.env.allowRemoteModels = false; // nothing else should reach the network once loading is over
  }
}

/** transformers.js's own fetch, captured before any of our abortable wrappers replace it. */
let plainFetch: Transformers['env']['fetch'] | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Load the embedding model described by `opts`. Never throws, never hangs: returns `{ embedder: null, reason }`
 * with a one-line reason when no model can be had. Calls are serialised because transformers.js is
 * configured through process-wide `env` settings.
 */
export function loadEmbedder(opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const run = queue.then(() => loadEmbedderNow(opts));
  queue = run.catch(() => undefined);
  return run;
}

/** The answer when no model is wanted (EMBEDDING_MODEL=none), or null: nothing is loaded for it. */
export function noModelWanted(opts: LoadEmbedderOptions): EmbedderLoad | null {
  return opts.model === 'none' ? { embedder: null, reason: 'EMBEDDING_MODEL=none: lexical mode' } : null;
}

async function loadEmbedderNow(opts: LoadEmbedderOptions): Promise<EmbedderLoad> {
  const none = noModelWanted(opts);
  if (none) return none;
  let tf: Transformers;
  try {
    tf = await import('@huggingface/transformers'); // loaded lazily: lexical mode never pays for ONNX Runtime
  } catch (err) {
    return { embedder: null, reason: `cannot load @huggingface/transformers: ${shortCause(err)}; running in lexical mode` };
  }
  tf.env.logLevel = tf.LogLevel.ERROR; // its warnings (e.g. "Unable to load from local path") would only repeat our reason
  try {
    return opts.modelDir ? await loadFromDir(tf, opts, path.resolve(opts.modelDir)) : await loadFromHub(tf, opts);
  } catch (err) {
    return { embedder: null, reason: `embedding model ${opts.model} unavailable: ${shortCause(err)}; running in lexical mode` };
  }
}
