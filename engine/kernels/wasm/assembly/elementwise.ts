/**
 * Elementwise float32 / float64 kernels over contiguous arrays, rounding exactly as the JavaScript
 * kernels do. JavaScript computes in double and rounds once when it stores to a Float32Array; for
 * a + b, a − b, a·b and a / b of two floats that equals the float32 operation itself (a double has
 * more than twice a float's precision), so those use f32x4. With a double factor (x·s for an s
 * that is not a float) the lanes are widened to f64x2, computed as JavaScript does in double, and
 * narrowed once. Float32 a + α·b is one fused multiply-add, fmaf(b, α, a), as PyTorch's add kernel
 * computes it (float32-in-f64.ts: exact unless a lane lands on a midpoint, then redone exactly).
 *
 * An operand with step 0 is one value broadcast over all n (a scalar operand); step 1 is dense.
 */
import { fma, fmaExact, suspect } from './float32-in-f64';
import { demote2, promoteHigh } from './float32x4-fma';

/** Binary op codes (kept in step with ../elementwise.ts). */
const ADD: i32 = 0;
const SUB: i32 = 1;
const MUL: i32 = 2;
const DIV: i32 = 3;
/** a + α·b: float32 as fmaf(b, α, a) with α a float32 value; float64 as a + α·b (α an integer). */
const ADD_SCALED: i32 = 4;

/** Unary op codes. */
const RELU: i32 = 0;
/** x · s with s a float32 value (the float32 product is JavaScript's). */
const SCALE: i32 = 1;
/** x · s with s a double that is not a float32 value: widened, multiplied, narrowed. */
const SCALE_WIDE: i32 = 2;
const NEG: i32 = 3;

// @ts-ignore: decorator
@inline
function lanes(p: usize, step: i32, i: i32, splat: v128): v128 {
  return step ? v128.load(p + (<usize>i << 2)) : splat;
}

/** fmaf(b, α, a) on four floats, each rounded once (lanes on a double midpoint are redone exactly). */
// @ts-ignore: decorator
@inline
function addScaledFused(a: v128, b: v128, alpha: v128): v128 {
  const aLo = f64x2.promote_low_f32x4(a), aHi = promoteHigh(a);
  const bLo = f64x2.promote_low_f32x4(b), bHi = promoteHigh(b);
  suspect = i64x2.splat(0);
  let lo = fma(bLo, alpha, aLo), hi = fma(bHi, alpha, aHi);
  if (v128.any_true(suspect)) {
    lo = fmaExact(bLo, alpha, aLo);
    hi = fmaExact(bHi, alpha, aHi);
  }
  return demote2(lo, hi);
}

function binaryScalarF32(op: i32, x: f32, y: f32, alpha: f64): f32 {
  switch (op) {
    case ADD: return x + y;
    case SUB: return x - y;
    case MUL: return x * y;
    case DIV: return x / y;
    default: return <f32>f64x2.extract_lane(fmaExact(f64x2.splat(<f64>y), f64x2.splat(alpha), f64x2.splat(<f64>x)), 0);
  }
}

/** out[i] = op(a[i], b[i]) for i < n, float32 (ADD_SCALED: α must be a float32 value). */
export function binaryF32(op: i32, n: i32, a: usize, aStep: i32, b: usize, bStep: i32, out: usize, alpha: f64): void {
  const sa = v128.load32_splat(a), sb = v128.load32_splat(b), al = f64x2.splat(alpha);
  const vn = n & ~3;
  let i = 0;
  switch (op) {
    case ADD: for (; i < vn; i += 4) v128.store(out + (<usize>i << 2), f32x4.add(lanes(a, aStep, i, sa), lanes(b, bStep, i, sb))); break;
    case SUB: for (; i < vn; i += 4) v128.store(out + (<usize>i << 2), f32x4.sub(lanes(a, aStep, i, sa), lanes(b, bStep, i, sb))); break;
    case MUL: for (; i < vn; i += 4) v128.store(out + (<usize>i << 2), f32x4.mul(lanes(a, aStep, i, sa), lanes(b, bStep, i, sb))); break;
    case DIV: for (; i < vn; i += 4) v128.store(out + (<usize>i << 2), f32x4.div(lanes(a, aStep, i, sa), lanes(b, bStep, i, sb))); break;
    case ADD_SCALED: for (; i < vn; i += 4) v128.store(out + (<usize>i << 2), addScaledFused(lanes(a, aStep, i, sa), lanes(b, bStep, i, sb), al)); break;
  }
  for (; i < n; i++) {
    const x = load<f32>(a + (aStep ? <usize>i << 2 : 0)), y = load<f32>(b + (bStep ? <usize>i << 2 : 0));
    store<f32>(out + (<usize>i << 2), binaryScalarF32(op, x, y, alpha));
  }
}

/** binaryF32 for doubles: every op straight in f64x2 (ADD_SCALED is a + α·b, rounded twice as JS does). */
export function binaryF64(op: i32, n: i32, a: usize, aStep: i32, b: usize, bStep: i32, out: usize, alpha: f64): void {
  const sa = v128.load64_splat(a), sb = v128.load64_splat(b), al = f64x2.splat(alpha);
  const vn = n & ~1;
  let i = 0;
  for (; i < vn; i += 2) {
    const x = aStep ? v128.load(a + (<usize>i << 3)) : sa, y = bStep ? v128.load(b + (<usize>i << 3)) : sb;
    let r: v128;
    switch (op) {
      case ADD: r = f64x2.add(x, y); break;
      case SUB: r = f64x2.sub(x, y); break;
      case MUL: r = f64x2.mul(x, y); break;
      case DIV: r = f64x2.div(x, y); break;
      default: r = f64x2.add(x, f64x2.mul(al, y));
    }
    v128.store(out + (<usize>i << 3), r);
  }
  for (; i < n; i++) {
    const x = load<f64>(a + (aStep ? <usize>i << 3 : 0)), y = load<f64>(b + (bStep ? <usize>i << 3 : 0));
    let r: f64;
    switch (op) {
      case ADD: r = x + y; break;
      case SUB: r = x - y; break;
      case MUL: r = x * y; break;
      case DIV: r = x / y; break;
      default: r = x + alpha * y;
    }
    store<f64>(out + (<usize>i << 3), r);
  }
}

/** out[i] = op(x[i]) for i < n, float32 (s: SCALE's factor). */
export function unaryF32(op: i32, n: i32, x: usize, out: usize, s: f64): void {
  const zero = f32x4.splat(0), s32 = f32x4.splat(<f32>s), s64 = f64x2.splat(s);
  const vn = n & ~3;
  let i = 0;
  for (; i < vn; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    let r: v128;
    switch (op) {
      // v > 0 or NaN keeps v (NaN propagates); everything else, -0 included, becomes +0.
      case RELU: r = v128.bitselect(v, zero, v128.or(f32x4.gt(v, zero), f32x4.ne(v, v))); break;
      case SCALE: r = f32x4.mul(v, s32); break;
      case SCALE_WIDE: r = demote2(f64x2.mul(f64x2.promote_low_f32x4(v), s64), f64x2.mul(promoteHigh(v), s64)); break;
      default: r = f32x4.neg(v);
    }
    v128.store(out + (<usize>i << 2), r);
  }
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    let r: f32;
    switch (op) {
      case RELU: r = v > 0 || v != v ? v : 0; break;
      case SCALE: r = v * <f32>s; break;
      case SCALE_WIDE: r = <f32>(<f64>v * s); break;
      default: r = -v;
    }
    store<f32>(out + (<usize>i << 2), r);
  }
}

/** unaryF32 for doubles (SCALE and SCALE_WIDE are the same there). */
export function unaryF64(op: i32, n: i32, x: usize, out: usize, s: f64): void {
  const zero = f64x2.splat(0), s64 = f64x2.splat(s);
  const vn = n & ~1;
  let i = 0;
  for (; i < vn; i += 2) {
    const v = v128.load(x + (<usize>i << 3));
    let r: v128;
    switch (op) {
      case RELU: r = v128.bitselect(v, zero, v128.or(f64x2.gt(v, zero), f64x2.ne(v, v))); break;
      case SCALE: case SCALE_WIDE: r = f64x2.mul(v, s64); break;
      default: r = f64x2.neg(v);
    }
    v128.store(out + (<usize>i << 3), r);
  }
  for (; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    let r: f64;
    switch (op) {
      case RELU: r = v > 0 || v != v ? v : 0; break;
      case SCALE: case SCALE_WIDE: r = v * s; break;
      default: r = -v;
    }
    store<f64>(out + (<usize>i << 3), r);
  }
}
