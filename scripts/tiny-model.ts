/**
 * A tiny, deterministic embedding model that transformers.js loads exactly like a hub model.
 *
 * The real model (multilingual-e5-small) cannot be downloaded here, so tests and offline demos use
 * this stand-in: a WordPiece tokenizer whose vocabulary comes from the archive's own words, and an
 * ONNX graph that is a single embedding lookup (`last_hidden_state = Gather(E, input_ids)`). The
 * pipeline's mean pooling + normalisation then gives a bag-of-words vector. Words sharing an Arabic
 * light stem or many character trigrams get close vectors, and frequent words get short vectors,
 * so the result ranks passages sensibly enough for end-to-end tests.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataType, encodeModel, floatTensor, int8Tensor, intAttr, valueInfo, type OnnxNode, type OnnxTensor } from './onnx/proto.js';

/** Default hidden size of the tiny model. */
export const TINY_MODEL_DIM = 64;

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
/** Vocabulary cap: the most frequent archive words (the bundled data has ~1,200 distinct words). */
const MAX_WORDS = 20_000;
/** Arabic article/preposition prefixes and plural/feminine suffixes, as WordPiece pieces. */
const AFFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', '##ات', '##ون', '##ين', '##ها', '##ية', '##هم'];
/** A few English words so English questions and the e5 prefixes "query: " / "passage: " tokenize. */
const ENGLISH =
  `query passage the a an of and or to in on at for from with by about as is are was were be been it this that
  these those what which who whom whose when where why how news article report said says say president minister
  government state country war peace army police attack killed people city year years day today yesterday week
  month new old first last world international united nations russia russian america american us usa china iran
  israel afghanistan taliban europe talks meeting security economy oil price market election vote`.split(/\s+/);

// Same character classes as the tokenizers' BertPreTokenizer: whitespace, and punctuation (Unicode P + ASCII symbols).
const PUNCT = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN = new RegExp(`[^\\s${PUNCT}]+|[${PUNCT}]`, 'gu');
const IS_PUNCT = new RegExp(`^[${PUNCT}]$`, 'u');

/**
 * What BertNormalizer (clean_text, lowercase, strip_accents) + BertPreTokenizer make of a text at run time,
 * replicated so the vocabulary holds the runtime forms: NFD + dropping combining marks removes Arabic
 * harakat and turns أ/إ/آ into ا, ؤ into و and ئ into ي.
 */
export function preTokenize(text: string): string[] {
  // BertNormalizer's clean_text drops U+0000 and U+FFFD by name, as here: matching that control character is the point.
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000\ufffd]|(?![\t\n\r])[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, '').replace(/\s/gu, ' ');
  const normalized = cleaned.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
  return normalized.match(PRE_TOKEN) ?? [];
}

/** Arabic light stem: drop a conjunction و, one article/preposition prefix and one plural/feminine suffix. */
export function lightStem(word: string): string {
  if (!/^[\u0600-\u06ff]+$/u.test(word)) return word;
  let s = word.length > 4 && word.startsWith('و') ? word.slice(1) : word;
  const prefix = ['بال', 'كال', 'فال', 'لل', 'ال', 'ب', 'ل'].find((p) => s.startsWith(p) && s.length - p.length >= 3);
  if (prefix) s = s.slice(prefix.length);
  const suffix = ['ات', 'ون', 'ين', 'ها', 'ة'].find((x) => s.endsWith(x) && s.length - x.length >= 3);
  return suffix ? s.slice(0, -suffix.length) : s;
}

/** Deterministic pseudo-random unit vector for a key (FNV-1a hash seeding a mulberry32 generator). */
function randomUnit(key: string, dim: number): Float64Array {
  let seed = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) seed = Math.imul(seed ^ key.charCodeAt(i), 0x01000193) >>> 0;
  const v = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    v[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return scaled(v, 1);
}

/** v rescaled to length `len` (in place). */
function scaled(v: Float64Array, len: number): Float64Array {
  const norm = Math.hypot(...v) || 1;
  for (let i = 0; i < v.length; i++) v[i] = (v[i]! / norm) * len;
  return v;
}

/** Frequent words get shorter vectors, so they weigh less in the mean-pooled text vector (a soft IDF). */
const weight = (count: number): number => Math.max(1, count) ** -0.2;

/** Word vector: light stem (dominant) + character trigrams + the word itself, shortened for frequent words. */
function wordVector(word: string, count: number, dim: number): Float64Array {
  const v = randomUnit(`stem:${lightStem(word)}`, dim);
  const padded = `<${word}>`;
  const grams = new Float64Array(dim);
  for (let i = 0; i + 3 <= padded.length; i++) {
    randomUnit(`tri:${padded.slice(i, i + 3)}`, dim).forEach((x, k) => (grams[k]! += x));
  }
  scaled(grams, 0.5).forEach((x, k) => (v[k]! += x));
  randomUnit(`word:${word}`, dim).forEach((x, k) => (v[k]! += 0.3 * x));
  return scaled(v, weight(count));
}

/**
 * Characters (the spelling of unknown words) share one "unknown word" direction, so an unknown word
 * matches other unknown words a little and real words not at all, instead of randomly.
 */
function charVector(tok: string, dim: number): Float64Array {
  const v = scaled(randomUnit('unknown', dim), 0.9);
  randomUnit(`char:${tok}`, dim).forEach((x, k) => (v[k]! += 0.3 * x));
  return scaled(v, 0.05);
}

/** Vocabulary (token → id) and embedding matrix built from every *.txt file in `dataDir`. */
async function buildModel(dataDir: string, dim: number): Promise<{ vocab: Map<string, number>; matrix: Float32Array }> {
  const counts = new Map<string, number>();
  const files = (await readdir(dataDir)).filter((f) => f.endsWith('.txt')).sort();
  for (const file of files) {
    for (const tok of preTokenize(await readFile(path.join(dataDir, file), 'utf8'))) {
      counts.set(tok, (counts.get(tok) ?? 0) + 1);
    }
  }
  const chars = new Set<string>([...'abcdefghijklmnopqrstuvwxyz0123456789:.,?!"\'()-ابتثجحخدذرسشصضطظعغفقكلمنهويةىء،؟']);
  for (const tok of counts.keys()) for (const ch of tok) chars.add(ch);
  const sortedChars = [...chars].sort();
  const stemCounts = new Map<string, number>();
  for (const [w, c] of counts) stemCounts.set(lightStem(w), (stemCounts.get(lightStem(w)) ?? 0) + c);
  const words = [...counts.entries()]
    .filter(([w]) => [...w].length > 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_WORDS)
    .map(([w]) => w);
  const tokens = [
    ...SPECIAL,
    ...sortedChars,
    ...sortedChars.filter((c) => !IS_PUNCT.test(c)).map((c) => `##${c}`),
    ...ENGLISH,
    ...words,
    // Unseen inflections of known stems split as affix + stem, e.g. "بالوزير" → "بال" "##وزير".
    ...AFFIXES,
    ...words.map((w) => `##${lightStem(w)}`).filter((t) => /^##[\u0600-\u06ff]{3,}$/u.test(t)),
  ];
  const vocab = new Map<string, number>();
  for (const t of tokens) if (!vocab.has(t)) vocab.set(t, vocab.size);

  const matrix = new Float32Array(vocab.size * dim);
  for (const [tok, id] of vocab) {
    let v: Float64Array;
    const stem = tok.slice(2);
    if (tok === '[PAD]') v = new Float64Array(dim);
    // Special tokens are tiny but not zero, so even an empty text has a normalisable vector.
    else if (SPECIAL.includes(tok)) v = scaled(randomUnit('special', dim), 0.01);
    // Prefixes, punctuation and affixes carry (almost) no meaning.
    else if (tok === 'query' || tok === 'passage' || IS_PUNCT.test(tok) || AFFIXES.includes(tok)) {
      v = scaled(randomUnit(`punct:${tok}`, dim), 0.01);
    } else if ([...tok.replace(/^##/, '')].length === 1) v = charVector(tok, dim);
    else if (tok.startsWith('##')) v = scaled(randomUnit(`stem:${stem}`, dim), weight(stemCounts.get(stem) ?? 1));
    else v = wordVector(tok, counts.get(tok) ?? 1, dim);
    matrix.set(v, id * dim);
  }
  return { vocab, matrix };
}

/**
 * ONNX model bytes: `last_hidden_state = Gather(E, input_ids)`. With `quantize`, E is stored as int8 with
 * one scale and dequantized after the lookup, like a real q8 export (and 4x smaller).
 * attention_mask and token_type_ids are declared, as in a BERT export, but unused.
 */
function onnxModel(matrix: Float32Array, dim: number, quantize: boolean): Uint8Array {
  const rows = matrix.length / dim;
  const initializer: OnnxTensor[] = [];
  const node: OnnxNode[] = [];
  const gather = (table: string, out: string): OnnxNode => ({
    name: 'embed', op_type: 'Gather', input: [table, 'input_ids'], output: [out], attribute: [intAttr('axis', 0)],
  });
  if (quantize) {
    const scale = matrix.reduce((m, x) => Math.max(m, Math.abs(x)), 0) / 127 || 1;
    initializer.push(
      int8Tensor('embeddings_q', [rows, dim], Int8Array.from(matrix, (x) => Math.round(x / scale))),
      floatTensor('scale', [], Float32Array.of(scale)),
      int8Tensor('zero_point', [], new Int8Array(1)),
    );
    node.push(gather('embeddings_q', 'gathered'), {
      name: 'dequantize', op_type: 'DequantizeLinear', input: ['gathered', 'scale', 'zero_point'], output: ['last_hidden_state'],
    });
  } else {
    initializer.push(floatTensor('embeddings', [rows, dim], matrix));
    node.push(gather('embeddings', 'last_hidden_state'));
  }
  const seq = ['batch_size', 'sequence_length'];
  return encodeModel({
    producer: 'sanad-tiny-model',
    doc: 'Tiny deterministic bag-of-words embedding model for tests and offline demos.',
    opset: 13,
    graph: {
      name: 'tiny_embedder',
      node,
      initializer,
      input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => valueInfo(n, DataType.INT64, seq)),
      output: [valueInfo('last_hidden_state', DataType.FLOAT, [...seq, dim])],
    },
  });
}

/** tokenizer.json in the Hugging Face tokenizers format: BERT normaliser, pre-tokenizer, WordPiece, [CLS] … [SEP]. */
function tokenizerJson(vocab: Map<string, number>): object {
  const id = (t: string): number => vocab.get(t)!;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((t) => ({
      id: id(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab),
    },
  };
}

/**
 * Write the tiny model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx,
 * onnx/model_quantized.onnx) into `outDir`, built from the *.txt files in `opts.dataDir` (default: the
 * project's data/). Output is byte-for-byte deterministic for the same data; takes well under a second.
 */
export async function makeTinyModel(outDir: string, opts: { dataDir?: string; dim?: number } = {}): Promise<void> {
  const dim = opts.dim ?? TINY_MODEL_DIM;
  const { vocab, matrix } = await buildModel(opts.dataDir ?? DEFAULT_DATA_DIR, dim);
  const json = (o: object): string => `${JSON.stringify(o, null, 1)}\n`;
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: dim,
    vocab_size: vocab.size,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    pad_token_id: 0,
    _comment: 'sanad tiny test model: last_hidden_state is a plain embedding lookup',
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: true,
    model_max_length: 512,
    clean_up_tokenization_spaces: true,
    cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]',
  };
  await mkdir(path.join(outDir, 'onnx'), { recursive: true });
  await Promise.all([
    writeFile(path.join(outDir, 'config.json'), json(config)),
    writeFile(path.join(outDir, 'tokenizer.json'), json(tokenizerJson(vocab))),
    writeFile(path.join(outDir, 'tokenizer_config.json'), json(tokenizerConfig)),
    writeFile(path.join(outDir, 'onnx', 'model.onnx'), onnxModel(matrix, dim, false)),
    writeFile(path.join(outDir, 'onnx', 'model_quantized.onnx'), onnxModel(matrix, dim, true)),
  ]);
}
