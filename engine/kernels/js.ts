/**
 * The plain-JavaScript kernels. Each op's loop is written out once per row (a switch per row, not
 * per element); contiguous operands become a single row, so the common case is one tight loop.
 */
import { cascadeSum } from './cascade-sum.ts';
import { erf } from './erf.ts';
import { fmaf } from './sleef/fma32-midpoint.ts';
import { fma } from '../random/fma.ts';
import type { NumericArray } from '../dtype.ts';
import { contiguousStrides, isContiguousLayout, numelOf } from '../shape.ts';
import { gemm } from './gemm.ts';
import { RowIterator } from './row-iterator.ts';
import { isSleefUnaryOp, sleefUnary } from './sleef/unary-f32.ts';
import { expdRow } from './sleef/exp-f64.ts';
import { sleefLog10f } from './sleef/log10f.ts';
import { sleefPowf } from './sleef/powf.ts';
import { tanhfRow } from './sleef/tanhf.ts';
import { cosfRow, sinfRow } from './sleef/trigf.ts';
import type { BinaryOp, Kernels, StridedView, UnaryOp } from './types.ts';

/** torch.round: halves go to the even neighbour. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const sigmoid = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));

function unaryRow(op: UnaryOp, n: number, x: NumericArray, xi: number, xs: number, out: NumericArray, oi: number, p0: number, p1: number): void {
  switch (op) {
    case 'copy':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = x[xi];
      return;
    case 'neg':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = -x[xi];
      return;
    case 'exp':
      // float64: SLEEF's vector exp, as PyTorch's CPU kernel (Math.exp differs in the last bit now and then).
      if (out instanceof Float64Array) return expdRow(n, x, xi, xs, out, oi);
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.exp(x[xi]);
      return;
    case 'log':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.log(x[xi]);
      return;
    case 'sqrt':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.sqrt(x[xi]);
      return;
    case 'tanh':
      // float32: SLEEF's vector tanh, as PyTorch's CPU kernel (Math.tanh rounded to float differs in the last bit).
      if (out instanceof Float32Array) return tanhfRow(n, x, xi, xs, out, oi);
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.tanh(x[xi]);
      return;
    case 'sigmoid':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = sigmoid(x[xi]);
      return;
    case 'relu':
      for (let j = 0; j < n; j++, xi += xs) {
        const v = x[xi];
        out[oi + j] = v > 0 || v !== v ? v : 0;
      }
      return;
    case 'abs':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.abs(x[xi]);
      return;
    case 'sign':
      for (let j = 0; j < n; j++, xi += xs) {
        const v = x[xi];
        out[oi + j] = v > 0 ? 1 : v < 0 ? -1 : v;
      }
      return;
    case 'reciprocal':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = 1 / x[xi];
      return;
    case 'notZero':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = x[xi] !== 0 ? 1 : 0;
      return;
    case 'logicalNot':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = x[xi] === 0 ? 1 : 0;
      return;
    case 'bitwiseNot':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = -x[xi] - 1;
      return;
    case 'sin':
      // float32: SLEEF's vector sin in 8-lane groups from the row's start, as PyTorch's vml::vsin.
      if (out instanceof Float32Array) return sinfRow(n, x, xi, xs, out, oi);
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.sin(x[xi]);
      return;
    case 'cos':
      if (out instanceof Float32Array) return cosfRow(n, x, xi, xs, out, oi);
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.cos(x[xi]);
      return;
    case 'asin':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.asin(x[xi]);
      return;
    case 'rsqrt':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = 1 / Math.sqrt(x[xi]);
      return;
    case 'floor':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.floor(x[xi]);
      return;
    case 'ceil':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.ceil(x[xi]);
      return;
    case 'round':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = roundHalfEven(x[xi]);
      return;
    case 'trunc':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.trunc(x[xi]);
      return;
    case 'log1p':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.log1p(x[xi]);
      return;
    case 'expm1':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.expm1(x[xi]);
      return;
    case 'log2':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.log2(x[xi]);
      return;
    case 'log10':
      // float32: SLEEF's vector log10, as PyTorch's CPU kernel (Math.log10 rounded to float differs in the last bit).
      if (out instanceof Float32Array) for (let j = 0; j < n; j++, xi += xs) out[oi + j] = sleefLog10f(Math.fround(x[xi]));
      else for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.log10(x[xi]);
      return;
    case 'erf':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = erf(x[xi]);
      return;
    case 'isnan':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = x[xi] !== x[xi] ? 1 : 0;
      return;
    case 'isinf':
      for (let j = 0; j < n; j++, xi += xs) {
        const v = x[xi];
        out[oi + j] = v === Infinity || v === -Infinity ? 1 : 0;
      }
      return;
    case 'isfinite':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Number.isFinite(x[xi]) ? 1 : 0;
      return;
    case 'clamp':
      // NaN propagates, as in PyTorch; min is applied before max so min > max gives max.
      for (let j = 0; j < n; j++, xi += xs) {
        const v = x[xi];
        out[oi + j] = v !== v ? v : Math.min(Math.max(v, p0), p1);
      }
      return;
    case 'powScalar': {
      // PyTorch special-cases these exponents with plain arithmetic (x*x*x rounds twice in float32).
      const r = out instanceof Float32Array ? Math.fround : (v: number): number => v;
      if (p0 === 2)
        for (let j = 0; j < n; j++, xi += xs) {
          const v = x[xi];
          out[oi + j] = v * v;
        }
      else if (p0 === 3)
        for (let j = 0; j < n; j++, xi += xs) {
          const v = x[xi];
          out[oi + j] = r(v * v) * v;
        }
      else if (p0 === 0.5) for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.sqrt(x[xi]);
      else if (p0 === -0.5) for (let j = 0; j < n; j++, xi += xs) out[oi + j] = 1 / r(Math.sqrt(x[xi]));
      else if (p0 === -1) for (let j = 0; j < n; j++, xi += xs) out[oi + j] = 1 / x[xi];
      else if (p0 === -2)
        for (let j = 0; j < n; j++, xi += xs) {
          const v = x[xi];
          out[oi + j] = 1 / r(v * v);
        }
      else if (out instanceof Float32Array) {
        // PowKernel.cpp: contiguous runs go 16 at a time through SLEEF's vector powf (the exponent
        // cast to float); the tail, and strided input, through std::pow in double.
        const vectorEnd = xs === 1 ? n - (n % 16) : 0;
        const exponent = Math.fround(p0);
        for (let j = 0; j < n; j++, xi += xs) out[oi + j] = j < vectorEnd ? sleefPowf(x[xi], exponent) : Math.pow(x[xi], p0);
      } else for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.pow(x[xi], p0);
      return;
    }
    case 'scalarPow':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = Math.pow(p0, x[xi]);
      return;
    case 'scale':
      for (let j = 0; j < n; j++, xi += xs) out[oi + j] = x[xi] * p0;
      return;
    case 'oneMinusSquare':
      // float32: ATen's tanh_backward fuses 1 − y·y into one fnmadd, rounded once.
      if (out instanceof Float32Array)
        for (let j = 0; j < n; j++, xi += xs) {
          const v = x[xi];
          out[oi + j] = fmaf(-v, v, 1);
        }
      else
        for (let j = 0; j < n; j++, xi += xs) {
          const v = x[xi];
          out[oi + j] = 1 - v * v;
        }
      return;
  }
}

/**
 * a + alpha·b as PyTorch's add kernel computes it: `vec::fmadd(b, alpha, a)` (and the contracted
 * scalar loop), one rounding, with alpha cast to the tensor's dtype; integers exactly.
 */
function scaledAddRow(
  n: number,
  a: NumericArray,
  ai: number,
  as: number,
  b: NumericArray,
  bi: number,
  bs: number,
  out: NumericArray,
  oi: number,
  alpha: number,
): void {
  if (out instanceof Float32Array) {
    const alpha32 = Math.fround(alpha);
    for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = fmaf(b[bi]!, alpha32, a[ai]!);
  } else if (out instanceof Float64Array && !Number.isInteger(alpha)) {
    for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = fma(b[bi], alpha, a[ai]);
  } else for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] + alpha * b[bi];
}

function binaryRow(
  op: BinaryOp,
  n: number,
  a: NumericArray,
  ai: number,
  as: number,
  b: NumericArray,
  bi: number,
  bs: number,
  out: NumericArray,
  oi: number,
  alpha: number,
): void {
  switch (op) {
    case 'add':
      if (alpha === 1) for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] + b[bi];
      else scaledAddRow(n, a, ai, as, b, bi, bs, out, oi, alpha);
      return;
    case 'sub':
      if (alpha === 1) for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] - b[bi];
      else scaledAddRow(n, a, ai, as, b, bi, bs, out, oi, -alpha);
      return;
    case 'mul':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] * b[bi];
      return;
    case 'div':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] / b[bi];
      return;
    case 'pow':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = Math.pow(a[ai], b[bi]);
      return;
    case 'eq':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] === b[bi] ? 1 : 0;
      return;
    case 'ne':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] !== b[bi] ? 1 : 0;
      return;
    case 'lt':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] < b[bi] ? 1 : 0;
      return;
    case 'le':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] <= b[bi] ? 1 : 0;
      return;
    case 'gt':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] > b[bi] ? 1 : 0;
      return;
    case 'ge':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] >= b[bi] ? 1 : 0;
      return;
    case 'maximum':
      for (let j = 0; j < n; j++, ai += as, bi += bs) {
        const x = a[ai],
          y = b[bi];
        out[oi + j] = x !== x || y !== y ? NaN : x > y ? x : y;
      }
      return;
    case 'minimum':
      for (let j = 0; j < n; j++, ai += as, bi += bs) {
        const x = a[ai],
          y = b[bi];
        out[oi + j] = x !== x || y !== y ? NaN : x < y ? x : y;
      }
      return;
    case 'logicalAnd':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] !== 0 && b[bi] !== 0 ? 1 : 0;
      return;
    case 'logicalXor':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = (a[ai] !== 0) !== (b[bi] !== 0) ? 1 : 0;
      return;
    case 'floorDivide':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = Math.floor(a[ai] / b[bi]);
      return;
    case 'remainder':
      for (let j = 0; j < n; j++, ai += as, bi += bs) {
        const x = a[ai],
          y = b[bi];
        const r = x % y;
        out[oi + j] = r !== 0 && r < 0 !== y < 0 ? r + y : r;
      }
      return;
    case 'bitwiseAnd':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] & b[bi];
      return;
    case 'bitwiseOr':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] | b[bi];
      return;
    case 'bitwiseXor':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] ^ b[bi];
      return;
    case 'logicalOr':
      for (let j = 0; j < n; j++, ai += as, bi += bs) out[oi + j] = a[ai] !== 0 || b[bi] !== 0 ? 1 : 0;
      return;
  }
}

const isDense = (v: StridedView): boolean => isContiguousLayout(v.shape, v.strides);

/**
 * float32 exp/log/sigmoid as PyTorch computes them (SLEEF, 16-wide blocks): gather into `out`
 * (float32 rounding of the input, as PyTorch's cast to the common dtype does), then transform
 * each inner row in place.
 */
function float32SleefUnary(op: 'exp' | 'log' | 'sigmoid', x: StridedView, out: Float32Array, n: number): void {
  if (isDense(x)) {
    if (x.data instanceof Float32Array) return sleefUnary(op, x.data, x.offset, out, 0, n, true);
    unaryRow('copy', n, x.data, x.offset, 1, out, 0, 0, 0);
    sleefUnary(op, out, 0, out, 0, n, true);
    return;
  }
  if (x.data instanceof Float32Array && isPermutedDense(x)) {
    // A transpose of a dense tensor: PyTorch's TensorIterator walks it (and the output it allocates
    // with the same layout) in memory order, so sigmoid's 16-blocks follow memory, not indices.
    const inMemoryOrder = new Float32Array(n);
    sleefUnary(op, x.data, x.offset, inMemoryOrder, 0, n, true);
    jsKernels.copy({ data: inMemoryOrder, shape: x.shape, strides: x.strides, offset: 0 }, out);
    return;
  }
  const it = new RowIterator(x.shape, [x.strides], [x.offset]);
  const xs = it.rowStride(0);
  for (let r = 0, oi = 0; r < it.rows; r++, oi += it.rowLength, it.next()) {
    unaryRow('copy', it.rowLength, x.data, it.offsets[0], xs, out, oi, 0, 0);
    sleefUnary(op, out, oi, out, oi, it.rowLength, xs === 1);
  }
}

/** Whether x's elements fill a block of memory with no gaps in some order of its dims (a permuted dense tensor). */
function isPermutedDense(x: StridedView): boolean {
  const dims = x.shape.map((size, d) => ({ size, stride: x.strides[d]! })).filter((d) => d.size !== 1);
  dims.sort((a, b) => b.stride - a.stride);
  let expected = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    if (dims[i]!.stride !== expected) return false;
    expected *= dims[i]!.size;
  }
  return true;
}
const isConstant = (v: StridedView): boolean => v.strides.every((s) => s === 0);

export const jsKernels: Kernels = {
  reduceDim(op, x, outer, size, inner, out) {
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i;
        let best = op === 'prod' ? 1 : x[base];
        let at = 0;
        if (op === 'prod') {
          for (let k = 0; k < size; k++) best *= x[base + k * inner];
        } else {
          const wantMax = op === 'max' || op === 'argmax';
          for (let k = 1; k < size && best === best; k++) {
            const v = x[base + k * inner];
            if (v !== v || (wantMax ? v > best : v < best)) {
              best = v;
              at = k;
            }
          }
        }
        out[o * inner + i] = op === 'argmax' || op === 'argmin' ? at : best;
      }
    }
  },

  cumsum(x, outer, size, inner, out) {
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let acc = 0;
        for (let k = 0; k < size; k++) {
          const at = o * size * inner + k * inner + i;
          acc += x[at];
          out[at] = acc;
        }
      }
    }
  },

  unary(op, x, out, p0, p1) {
    const n = numelOf(x.shape);
    if (n === 0) return;
    if (out instanceof Float32Array && isSleefUnaryOp(op)) return float32SleefUnary(op, x, out, n);
    if (isDense(x)) return unaryRow(op, n, x.data, x.offset, 1, out, 0, p0, p1);
    const it = new RowIterator(x.shape, [x.strides], [x.offset]);
    const xs = it.rowStride(0);
    for (let r = 0, oi = 0; r < it.rows; r++, oi += it.rowLength, it.next()) {
      unaryRow(op, it.rowLength, x.data, it.offsets[0], xs, out, oi, p0, p1);
    }
  },

  binary(op, a, b, out, alpha) {
    const n = numelOf(a.shape);
    if (n === 0) return;
    const aDense = isDense(a);
    if (aDense && isDense(b)) return binaryRow(op, n, a.data, a.offset, 1, b.data, b.offset, 1, out, 0, alpha);
    if (aDense && isConstant(b)) return binaryRow(op, n, a.data, a.offset, 1, b.data, b.offset, 0, out, 0, alpha);
    if (isConstant(a) && isDense(b)) return binaryRow(op, n, a.data, a.offset, 0, b.data, b.offset, 1, out, 0, alpha);
    const it = new RowIterator(a.shape, [a.strides, b.strides], [a.offset, b.offset]);
    const as = it.rowStride(0);
    const bs = it.rowStride(1);
    for (let r = 0, oi = 0; r < it.rows; r++, oi += it.rowLength, it.next()) {
      binaryRow(op, it.rowLength, a.data, it.offsets[0], as, b.data, it.offsets[1], bs, out, oi, alpha);
    }
  },

  where(cond, a, b, out) {
    const it = new RowIterator(cond.shape, [cond.strides, a.strides, b.strides], [cond.offset, a.offset, b.offset]);
    const cs = it.rowStride(0),
      as = it.rowStride(1),
      bs = it.rowStride(2);
    const c = cond.data,
      ad = a.data,
      bd = b.data;
    for (let r = 0, oi = 0; r < it.rows; r++, oi += it.rowLength, it.next()) {
      let ci = it.offsets[0],
        ai = it.offsets[1],
        bi = it.offsets[2];
      for (let j = 0; j < it.rowLength; j++, ci += cs, ai += as, bi += bs) out[oi + j] = c[ci] !== 0 ? ad[ai] : bd[bi];
    }
  },

  copy(src, out) {
    jsKernels.unary('copy', src, out, 0, 0);
  },

  scatter(dst, src) {
    const n = numelOf(dst.shape);
    if (n === 0) return;
    const d = dst.data;
    if (isDense(dst)) {
      // TypedArray.set converts each element as an indexed store does (and copies overlaps safely).
      d.set(src.subarray(0, n), dst.offset);
      return;
    }
    const it = new RowIterator(dst.shape, [dst.strides], [dst.offset]);
    const ds = it.rowStride(0);
    for (let r = 0, si = 0; r < it.rows; r++, it.next()) {
      let di = it.offsets[0];
      for (let j = 0; j < it.rowLength; j++, di += ds) d[di] = src[si++];
    }
  },

  sum(x, reduced, out) {
    // Floating sums round exactly as PyTorch's cascade sum does; integers are exact in any order.
    if (out instanceof Float32Array || out instanceof Float64Array) {
      cascadeSum(x, reduced, out);
      return;
    }
    const keptShape = x.shape.filter((_, d) => !reduced[d]);
    const keptStrides = contiguousStrides(keptShape);
    const outStrides: number[] = [];
    let k = 0;
    for (let d = 0; d < x.shape.length; d++) outStrides.push(reduced[d] ? 0 : keptStrides[k++]);
    const acc = new Float64Array(out.length);
    if (numelOf(x.shape) > 0) {
      const it = new RowIterator(x.shape, [x.strides, outStrides], [x.offset, 0]);
      const xs = it.rowStride(0);
      const os = it.rowStride(1);
      const data = x.data;
      for (let r = 0; r < it.rows; r++, it.next()) {
        let xi = it.offsets[0];
        const oi = it.offsets[1];
        if (os === 0) {
          let s = 0;
          for (let j = 0; j < it.rowLength; j++, xi += xs) s += data[xi];
          acc[oi] += s;
        } else {
          for (let j = 0; j < it.rowLength; j++, xi += xs) acc[oi + j * os] += data[xi];
        }
      }
    }
    for (let i = 0; i < acc.length; i++) out[i] = acc[i];
  },

  matmul(a, b, out, startFromOut = false) {
    gemm(a, b, out, startFromOut);
  },
};
