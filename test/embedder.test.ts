/**
 * The embedding loader against a real (tiny, generated) ONNX model and real transformers.js:
 * no mocks. Also covers the failure paths that must degrade to lexical mode quickly.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder, type Embedder } from '../src/embed/embedder.js';
import { makeTinyModel, preTokenize, TINY_MODEL_DIM } from '../scripts/tiny-model.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA_DIR = path.join(ROOT, 'data');

let tmp: string;
let modelDir: string;
let generationMs: number;
let embedder: Embedder;

const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array): number => Math.sqrt(dot(a, a));

async function dataText(): Promise<string> {
  const files = (await readdir(DATA_DIR)).filter((f) => f.endsWith('.txt')).sort();
  return readFile(path.join(DATA_DIR, files[0]!), 'utf8');
}

/** A TCP server that accepts connections and never answers: a hub that hangs. */
async function hangingServer(): Promise<{ url: string; connections: () => number; close: () => void }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((s) => {
    connections++;
    sockets.add(s);
    s.on('error', () => {}).on('close', () => sockets.delete(s)).resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = (): void => {
    server.close();
    sockets.forEach((s) => s.destroy()); // including idle keep-alive sockets undici may hold open
  };
  return { url: `http://127.0.0.1:${port}/`, connections: () => connections, close };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sanad-embedder-'));
  modelDir = path.join(tmp, 'tiny');
  const t0 = performance.now();
  await makeTinyModel(modelDir);
  generationMs = performance.now() - t0;
  const load = await loadEmbedder({ model: 'x', modelDir, cacheDir: path.join(tmp, 'cache') });
  if (!load.embedder) throw new Error(load.reason);
  embedder = load.embedder;
}, 60_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('tiny model', () => {
  it('is generated quickly, completely and deterministically', async () => {
    expect(generationMs).toBeLessThan(10_000);
    const again = path.join(tmp, 'again');
    await makeTinyModel(again);
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx']) {
      expect(Buffer.compare(await readFile(path.join(modelDir, f)), await readFile(path.join(again, f))), f).toBe(0);
    }
    const config = JSON.parse(await readFile(path.join(modelDir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'bert', hidden_size: TINY_MODEL_DIM });
  });

  it('has a vocabulary that matches the runtime BertNormalizer + BertPreTokenizer', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(modelDir, { local_files_only: true });
    const text = await dataText();
    // Every archive word is a whole token: what the generator normalised is what the tokenizer sees.
    expect(tokenizer.tokenize(text)).toEqual(preTokenize(text));
    expect(tokenizer.tokenize(text)).not.toContain('[UNK]');
    // Diacritics and hamza forms are folded the same way at run time.
    expect(tokenizer.tokenize('الأمريكيّة')).toEqual(tokenizer.tokenize('الامريكية'));
    expect(tokenizer.tokenize('query: passage: What')).toEqual(['query', ':', 'passage', ':', 'what']);
    // Unknown words fall back to characters rather than [UNK].
    expect(tokenizer.tokenize('زلزلزال')).toEqual(['ز', '##ل', '##ز', '##ل', '##ز', '##ا', '##ل']);
  });
});

describe('loadEmbedder with a local folder', () => {
  it('loads and embeds unit vectors of the model dimension', async () => {
    expect(embedder.dim).toBe(TINY_MODEL_DIM);
    expect(embedder.model).toBe(path.resolve(modelDir));
    const [p] = await embedder.embedPassages(['قال وزير الخارجية الروسي سيرجي لافروف']);
    const q = await embedder.embedQuery('ماذا قال لافروف؟');
    for (const v of [p!, q]) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v.length).toBe(TINY_MODEL_DIM);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(await embedder.embedPassages([])).toEqual([]);
  });

  it('gives the same vector for the same text, in any batch', async () => {
    const text = 'انسحاب القوات الأمريكية من أفغانستان';
    const a = await embedder.embedQuery(text);
    const b = await embedder.embedQuery(text);
    expect(Array.from(a)).toEqual(Array.from(b));
    // 40 passages of different lengths (3 batches, padded): each equals its embedding alone.
    const passages = (await dataText()).split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 40);
    const batched = await embedder.embedPassages(passages);
    expect(batched).toHaveLength(passages.length);
    for (const i of [0, 17, passages.length - 1]) {
      const [alone] = await embedder.embedPassages([passages[i]!]);
      expect(dot(batched[i]!, alone!)).toBeCloseTo(1, 5);
    }
  });

  it('puts a passage closer to a query that shares its words than to an unrelated one', async () => {
    const [passage] = await embedder.embedPassages([
      'قال وزير الخارجية الروسي سيرجي لافروف إن انسحاب القوات الأمريكية من أفغانستان هزيمة',
    ]);
    const related = await embedder.embedQuery('ماذا قال وزير الخارجية الروسي عن أفغانستان؟');
    const unrelated = await embedder.embedQuery('أسعار النفط في الأسواق العالمية');
    expect(dot(passage!, related)).toBeGreaterThan(dot(passage!, unrelated) + 0.2);
    // Inflected forms (light stem) stay close: "الوزير" vs "وزير".
    const inflected = await embedder.embedQuery('الوزير');
    const bare = await embedder.embedQuery('وزير');
    expect(dot(inflected, bare)).toBeGreaterThan(0.6);
  });

  it('loads the fp32 model.onnx when there is no model_quantized.onnx, with nearly the same vectors', async () => {
    const fp32Dir = path.join(tmp, 'fp32');
    await mkdir(path.join(fp32Dir, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx']) {
      await copyFile(path.join(modelDir, f), path.join(fp32Dir, f));
    }
    const load = await loadEmbedder({ model: 'x', modelDir: fp32Dir, cacheDir: path.join(tmp, 'cache') });
    expect(load.embedder, load.embedder ? '' : load.reason).not.toBeNull();
    const text = 'منظمة معاهدة الأمن الجماعي';
    const fp32 = await load.embedder!.embedQuery(text);
    const q8 = await embedder.embedQuery(text);
    expect(Array.from(fp32)).not.toEqual(Array.from(q8)); // really a different graph...
    expect(dot(fp32, q8)).toBeGreaterThan(0.99); // ...computing the same thing
  });

  it('names a missing folder in the reason', async () => {
    const missing = path.join(tmp, 'no-such-model');
    const load = await loadEmbedder({ model: 'x', modelDir: missing, cacheDir: path.join(tmp, 'cache') });
    expect(load.embedder).toBeNull();
    if (load.embedder === null) expect(load.reason).toContain(missing);
  });

  it('reports a folder with a broken graph instead of throwing', async () => {
    const broken = path.join(tmp, 'broken');
    await mkdir(path.join(broken, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
      await copyFile(path.join(modelDir, f), path.join(broken, f));
    }
    await writeFile(path.join(broken, 'onnx', 'model.onnx'), 'not an onnx file');
    const load = await loadEmbedder({ model: 'x', modelDir: broken, cacheDir: path.join(tmp, 'cache') });
    expect(load.embedder).toBeNull();
    if (load.embedder === null) expect(load.reason).toMatch(new RegExp(`${broken}.*could not be loaded`));
  });
});

describe('loadEmbedder without a model', () => {
  it("returns null for model 'none'", async () => {
    expect(await loadEmbedder({ model: 'none', cacheDir: path.join(tmp, 'cache') })).toEqual({
      embedder: null,
      reason: 'EMBEDDING_MODEL=none: lexical mode',
    });
  });

  it('returns null quickly for a hub id that cannot be downloaded', async () => {
    const t0 = performance.now();
    const load = await loadEmbedder({
      model: 'Xenova/multilingual-e5-small',
      cacheDir: await mkdtemp(path.join(tmp, 'cache-')),
      timeoutMs: 3000,
    });
    expect(performance.now() - t0).toBeLessThan(3000 + 2000);
    expect(load.embedder).toBeNull();
    if (load.embedder === null) expect(load.reason).toMatch(/^embedding model Xenova\/multilingual-e5-small unavailable.*lexical mode$/);
  }, 15_000);

  it('loads a hub id from cacheDir without the network', async () => {
    // transformers.js's file cache keeps hub files at <cacheDir>/<owner>/<name>/<file>.
    const cacheDir = path.join(tmp, 'cache-hit');
    const cached = path.join(cacheDir, 'Xenova', 'multilingual-e5-small');
    await mkdir(path.join(cached, 'onnx'), { recursive: true });
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
      await copyFile(path.join(modelDir, f), path.join(cached, f));
    }
    const { url, connections, close } = await hangingServer();
    const originalHost = env.remoteHost;
    env.remoteHost = url; // any network use would hang here and fail the 1 s budget
    try {
      const load = await loadEmbedder({ model: 'Xenova/multilingual-e5-small', cacheDir, timeoutMs: 1000 });
      expect(load.embedder, load.embedder ? '' : load.reason).not.toBeNull();
      expect(load.embedder!.model).toBe('Xenova/multilingual-e5-small');
      expect(load.embedder!.dim).toBe(TINY_MODEL_DIM);
      const text = 'وزير الخارجية';
      expect(dot(await load.embedder!.embedQuery(text), await embedder.embedQuery(text))).toBeCloseTo(1, 5);
      expect(connections()).toBe(0);
    } finally {
      env.remoteHost = originalHost;
      close();
    }
  });

  it('gives up on a hub that accepts connections but never answers', async () => {
    const { url, connections, close } = await hangingServer();
    const originalHost = env.remoteHost;
    env.remoteHost = url;
    try {
      const t0 = performance.now();
      const load = await loadEmbedder({ model: 'Xenova/multilingual-e5-small', cacheDir: path.join(tmp, 'cache-hang'), timeoutMs: 1500 });
      const elapsed = performance.now() - t0;
      expect(elapsed).toBeGreaterThan(1400);
      expect(elapsed).toBeLessThan(1500 + 2000);
      expect(load.embedder).toBeNull();
      if (load.embedder === null) expect(load.reason).toMatch(/\(offline\?\): no progress for 1.5 s/);
      expect(connections()).toBeGreaterThan(0); // it really waited on our silent server
    } finally {
      env.remoteHost = originalHost;
      close();
    }
  }, 15_000);

  it('does not keep the process alive after giving up', async () => {
    const { url, close } = await hangingServer();
    const script = `
      import { env } from '@huggingface/transformers';
      const { loadEmbedder } = await import('./src/embed/embedder.ts');
      env.remoteHost = ${JSON.stringify(url)};
      const load = await loadEmbedder({ model: 'Xenova/multilingual-e5-small', cacheDir: ${JSON.stringify(path.join(tmp, 'cache-child'))}, timeoutMs: 1000 });
      console.log(load.embedder === null ? load.reason : 'loaded');`;
    try {
      const t0 = performance.now();
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await new Promise<number | null>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.on('exit', (c) => (clearTimeout(kill), resolve(c)));
      });
      expect(code).toBe(0);
      expect(out).toMatch(/unavailable \(offline\?\): no progress/);
      expect(performance.now() - t0).toBeLessThan(15_000);
    } finally {
      close();
    }
  }, 30_000);
});
