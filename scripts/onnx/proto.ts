/**
 * The slice of the ONNX protobuf schema that sanad's model builders write (the tiny test model and the
 * offline e5 conversion), with helpers for tensors, nodes and value infos. ONNX is protobuf, so a
 * hand-declared subset of onnx.proto encodes a valid model without pulling in an ML framework.
 */
import protobuf from 'protobufjs';

const onnxSchema = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: { type: 'int64', id: 1 },
            producer_name: { type: 'string', id: 2 },
            producer_version: { type: 'string', id: 3 },
            doc_string: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            opset_import: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
          },
        },
        OperatorSetIdProto: { fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } } },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            op_type: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
            domain: { type: 'string', id: 7 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 }, // AttributeType: 1 = FLOAT, 2 = INT, 7 = INTS
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            data_type: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            raw_data: { type: 'bytes', id: 9 },
          },
        },
        ValueInfoProto: { fields: { name: { type: 'string', id: 1 }, type: { type: 'TypeProto', id: 2 } } },
        TypeProto: {
          fields: { tensor_type: { type: 'Tensor', id: 1 } },
          nested: {
            Tensor: { fields: { elem_type: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } } },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } },
          nested: {
            Dimension: { fields: { dim_value: { type: 'int64', id: 1 }, dim_param: { type: 'string', id: 2 } } },
          },
        },
      },
    },
  },
};

const ModelProto = protobuf.Root.fromJSON(onnxSchema).lookupType('onnx.ModelProto');

/** ONNX TensorProto.DataType codes used here. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT64: 7 } as const;

export type Attribute = { name: string; f?: number; i?: number; ints?: number[]; type: number };
export interface OnnxNode {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute?: Attribute[];
  /** Operator set of a non-standard op (e.g. 'com.microsoft' for ONNX Runtime's contrib ops); default ONNX. */
  domain?: string;
}
export interface OnnxTensor {
  name: string;
  data_type: number;
  dims: number[];
  raw_data: Uint8Array;
}

/** An INT attribute. */
export const intAttr = (name: string, i: number): Attribute => ({ name, i, type: 2 });
/** A FLOAT attribute. */
export const floatAttr = (name: string, f: number): Attribute => ({ name, f, type: 1 });
/** An INTS attribute. */
export const intsAttr = (name: string, ints: number[]): Attribute => ({ name, ints, type: 7 });

/** A float32 initializer (ONNX raw_data is little-endian, as is every platform Node runs on here). */
export function floatTensor(name: string, dims: number[], values: Float32Array): OnnxTensor {
  return { name, data_type: DataType.FLOAT, dims, raw_data: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
}

/** An int8 initializer. */
export function int8Tensor(name: string, dims: number[], values: Int8Array): OnnxTensor {
  return { name, data_type: DataType.INT8, dims, raw_data: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
}

/** A uint8 initializer (e.g. packed 4-bit weights). */
export function uint8Tensor(name: string, dims: number[], values: Uint8Array): OnnxTensor {
  return { name, data_type: DataType.UINT8, dims, raw_data: values };
}

/** An int64 initializer. */
export function int64Tensor(name: string, dims: number[], values: number[]): OnnxTensor {
  return { name, data_type: DataType.INT64, dims, raw_data: new Uint8Array(BigInt64Array.from(values, BigInt).buffer) };
}

/** A graph input or output with named (dynamic) or fixed dimensions. */
export function valueInfo(name: string, elemType: number, dims: (string | number)[]): object {
  const dim = dims.map((d) => (typeof d === 'string' ? { dim_param: d } : { dim_value: d }));
  return { name, type: { tensor_type: { elem_type: elemType, shape: { dim } } } };
}

export interface OnnxModel {
  producer: string;
  doc: string;
  /** Default-domain opset version. */
  opset: number;
  /** Further operator sets the graph uses, e.g. { domain: 'com.microsoft', version: 1 }. */
  extraOpsets?: { domain: string; version: number }[];
  graph: { name: string; node: OnnxNode[]; initializer: OnnxTensor[]; input: object[]; output: object[] };
}

/** Encode a model as ONNX bytes (IR version 8). */
export function encodeModel(m: OnnxModel): Uint8Array {
  return ModelProto.encode(
    ModelProto.fromObject({
      ir_version: 8,
      producer_name: m.producer,
      producer_version: '1',
      doc_string: m.doc,
      opset_import: [{ domain: '', version: m.opset }, ...(m.extraOpsets ?? [])],
      graph: m.graph,
    }),
  ).finish();
}
