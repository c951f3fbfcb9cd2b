/**
 * The WebAssembly elementwise kernels behind `Kernels.binary` (add, sub, mul, div) and
 * `Kernels.unary` (relu, scale, neg; float32 exp, log, tanh, sigmoid as SLEEF, tanh_backward's 1 − y²) for float32 / float64 operands that are contiguous or one
 * broadcast value (binary ops also row by row, for rows broadcast along a batch), plus contiguous
 * `copy` as one typed-array copy. Same bits as ../js.ts
 * (assembly/elementwise.ts says why); every other case is left to the JavaScript kernels.
 */
import type { NumericArray } from '../../dtype.ts';
import { isContiguousLayout, numelOf } from '../../shape.ts';
import type { BinaryOp, StridedView, UnaryOp } from '../types.ts';
import type { KernelExports } from './exports.ts';
import { align16, type KernelMemory } from './memory.ts';
import { wasmSleefUnary } from './sleef.ts';
import { RowIterator } from '../row-iterator.ts';
import { sameFloat, spanOf, type FloatArray } from './views.ts';

/** Op codes of assembly/elementwise.ts. */
const BINARY = { add: 0, sub: 1, mul: 2, div: 3, addScaled: 4 } as const;
const UNARY = { relu: 0, scale: 1, scaleWide: 2, neg: 3 } as const;

/** 1: contiguous, 0: one value broadcast everywhere, -1: anything else. */
function stepOf(v: StridedView): number {
  if (isContiguousLayout(v.shape, v.strides)) return 1;
  return v.strides.every((s) => s === 0) ? 0 : -1;
}

/** Copies n values of a contiguous (step 1) or broadcast (step 0) operand to byte address `at`. */
function copyIn(view: FloatArray, at: number, v: StridedView, step: number, n: number): void {
  const size = view.BYTES_PER_ELEMENT;
  if (step === 1) view.set(v.data.subarray(v.offset, v.offset + n), at / size);
  else view[at / size] = v.data[v.offset]!;
}

/**
 * The module's op code and the α it gets: a − α·b is a + (−α)·b, as the JS kernel computes it;
 * float32 a + α·b is fmaf(b, float(α), a) (PyTorch's add kernel), float64 only for an integer α
 * (a non-integer one is a double FMA, left to the JS kernel).
 */
function binaryCode(op: BinaryOp, alpha: number, data: FloatArray): { code: number; alpha: number } | null {
  switch (op) {
    case 'add':
    case 'sub': {
      if (alpha === 1) return { code: op === 'add' ? BINARY.add : BINARY.sub, alpha };
      const signed = op === 'add' ? alpha : -alpha;
      if (data instanceof Float32Array) return { code: BINARY.addScaled, alpha: Math.fround(signed) };
      return Number.isInteger(alpha) ? { code: BINARY.addScaled, alpha: signed } : null;
    }
    case 'mul':
      return { code: BINARY.mul, alpha };
    case 'div':
      return { code: BINARY.div, alpha };
    default:
      return null;
  }
}

/**
 * Rows shorter than this are left to the JavaScript kernel when an operand is broadcast along rows
 * (a bias added to a batch): each row is one call into the module.
 */
const MIN_ROW = 32;

/** out = op(a, b) in WebAssembly; false (nothing done) when the case is not one it covers. */
export function wasmBinary(wasm: KernelExports, mem: KernelMemory, op: BinaryOp, a: StridedView, b: StridedView, out: NumericArray, alpha: number): boolean {
  if (!sameFloat(a.data, out) || !sameFloat(b.data, out)) return false;
  const coded = binaryCode(op, alpha, a.data);
  if (coded === null) return false;
  const aStep = stepOf(a),
    bStep = stepOf(b);
  if (aStep < 0 || bStep < 0) return wasmBinaryRows(wasm, mem, coded, a, b, out);
  const n = numelOf(a.shape),
    size = out.BYTES_PER_ELEMENT;
  const aAt = align16(wasm.heapBase()),
    bAt = align16(aAt + (aStep ? n : 1) * size),
    outAt = align16(bAt + (bStep ? n : 1) * size);
  if (!mem.reserve(outAt + n * size)) return false;
  const view = size === 4 ? mem.f32 : mem.f64;
  copyIn(view, aAt, a, aStep, n);
  copyIn(view, bAt, b, bStep, n);
  (size === 4 ? wasm.binaryF32 : wasm.binaryF64)(coded.code, n, aAt, aStep, bAt, bStep, outAt, coded.alpha);
  out.set(view.subarray(outAt / size, outAt / size + n));
  return true;
}

/**
 * The same op row by row, for operands whose innermost rows are dense or one broadcast value but
 * whose rows are not laid out back to back (a [batch, n] activation plus an [n] bias, a row of a
 * larger tensor): each operand's span is copied in once, one call per row. False when the rows are
 * short or an operand's span is far larger than what the op reads.
 */
function wasmBinaryRows(
  wasm: KernelExports,
  mem: KernelMemory,
  coded: { code: number; alpha: number },
  a: StridedView,
  b: StridedView,
  out: NumericArray,
): boolean {
  const n = numelOf(a.shape);
  const rows = new RowIterator(a.shape, [a.strides, b.strides], [a.offset, b.offset]);
  const aStep = rows.rowStride(0),
    bStep = rows.rowStride(1);
  if (rows.rowLength < MIN_ROW || aStep < 0 || aStep > 1 || bStep < 0 || bStep > 1) return false;
  const A = spanOf(a),
    B = spanOf(b);
  const aLength = A.hi - A.lo + 1,
    bLength = B.hi - B.lo + 1;
  if (aLength > 2 * n || bLength > 2 * n) return false;
  const size = out.BYTES_PER_ELEMENT;
  const aAt = align16(wasm.heapBase()),
    bAt = align16(aAt + aLength * size),
    outAt = align16(bAt + bLength * size);
  if (!mem.reserve(outAt + n * size)) return false;
  const view = size === 4 ? mem.f32 : mem.f64;
  view.set(a.data.subarray(A.lo, A.hi + 1), aAt / size);
  view.set(b.data.subarray(B.lo, B.hi + 1), bAt / size);
  const run = size === 4 ? wasm.binaryF32 : wasm.binaryF64;
  const rowBytes = rows.rowLength * size;
  for (let r = 0; r < rows.rows; r++, rows.next()) {
    const aRow = aAt + (rows.offsets[0]! - A.lo) * size,
      bRow = bAt + (rows.offsets[1]! - B.lo) * size;
    run(coded.code, rows.rowLength, aRow, aStep, bRow, bStep, outAt + r * rowBytes, coded.alpha);
  }
  out.set(view.subarray(outAt / size, outAt / size + n));
  return true;
}

/** out = op(x) in WebAssembly (or, for a contiguous copy, one typed-array copy); false when not covered. */
export function wasmUnary(wasm: KernelExports, mem: KernelMemory, op: UnaryOp, x: StridedView, out: NumericArray, p0: number): boolean {
  if (op === 'copy') {
    if (!isContiguousLayout(x.shape, x.strides)) return false;
    // TypedArray.set converts each element as an indexed store does, so any dtype pair is exact.
    out.set(x.data.subarray(x.offset, x.offset + numelOf(x.shape)));
    return true;
  }
  if (
    (op === 'exp' || op === 'log' || op === 'tanh' || op === 'sigmoid' || op === 'oneMinusSquare') &&
    x.data instanceof Float32Array &&
    out instanceof Float32Array
  ) {
    return isContiguousLayout(x.shape, x.strides) && wasmSleefUnary(wasm, mem, op, x.data, x.offset, out, numelOf(x.shape));
  }
  const code =
    op === 'relu'
      ? UNARY.relu
      : op === 'neg'
        ? UNARY.neg
        : op === 'scale'
          ? Math.fround(p0) === p0 || Number.isNaN(p0)
            ? UNARY.scale
            : UNARY.scaleWide
          : null;
  if (code === null || !sameFloat(x.data, out) || !isContiguousLayout(x.shape, x.strides)) return false;
  const n = numelOf(x.shape),
    size = out.BYTES_PER_ELEMENT;
  const xAt = align16(wasm.heapBase()),
    outAt = align16(xAt + n * size);
  if (!mem.reserve(outAt + n * size)) return false;
  const view = size === 4 ? mem.f32 : mem.f64;
  copyIn(view, xAt, x, 1, n);
  (size === 4 ? wasm.unaryF32 : wasm.unaryF64)(code, n, xAt, outAt, p0);
  out.set(view.subarray(outAt / size, outAt / size + n));
  return true;
}
