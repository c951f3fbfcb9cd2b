/**
 * SLEEF 3.5.1's float32 exp, log and tanh (the AVX2 + FMA build PyTorch 1.13 calls), PyTorch's
 * sigmoid, and the fused 1 − y² of tanh_backward, ported from the TypeScript emulations in
 * ../../sleef/ operation for operation, so every result has the same bits. Each runs four elements
 * per f32x4 vector (exp-f32x4.ts, log-f32x4.ts, tanh-f32x4.ts over float32x4-fma.ts).
 */
import { expf4, sigmoidf4 } from './exp-f32x4';
import { fmaf4, suspect4 } from './float32x4-fma';
import { logf4 } from './log-f32x4';
import { tanhf4 } from './tanh-f32x4';

/** Op codes of sleefF32 (kept in step with ../sleef.ts). */
const EXP: i32 = 0;
const LOG: i32 = 1;
const TANH: i32 = 2;
/** PyTorch's vectorised sigmoid (exp-f32x4.ts). */
const SIGMOID: i32 = 3;
/** 1 − x² rounded once: tanh_backward's fused multiply-add. */
const ONE_MINUS_SQUARE: i32 = 4;

/** Whether op has FMAs that flag lanes (only 1 − y²: the SLEEF kernels' need no check). */
// @ts-ignore: decorator
@inline
function checked(op: i32): bool {
  return op == ONE_MINUS_SQUARE;
}

/** One op on four float32 lanes (`exact`: the redo of a flagged vector). */
// @ts-ignore: decorator
@inline
function apply4(op: i32, x: v128, exact: bool): v128 {
  switch (op) {
    case EXP: return expf4(x);
    case TANH: return tanhf4(x);
    case LOG: return logf4(x);
    case ONE_MINUS_SQUARE: return fmaf4(f32x4.neg(x), x, f32x4.splat(1), exact);
    default: return sigmoidf4(x);
  }
}

/**
 * Eight elements as two independent f32x4 vectors (their dependency chains overlap), redone with
 * exactly rounded FMAs if one was flagged.
 */
// @ts-ignore: decorator
@inline
function step4(op: i32, x: usize, out: usize): void {
  const a = v128.load(x), b = v128.load(x + 16);
  suspect4 = i64x2.splat(0);
  let ra = apply4(op, a, false);
  let rb = apply4(op, b, false);
  if (checked(op) && v128.any_true(suspect4)) {
    ra = apply4(op, a, true);
    rb = apply4(op, b, true);
  }
  v128.store(out, ra);
  v128.store(out + 16, rb);
}

/** One f32x4 vector of up to four elements at p (lanes past `count` are zero and not stored). */
// @ts-ignore: decorator
@inline
function partial4(op: i32, count: i32, p: usize, o: usize): void {
  let v = f32x4.splat(0);
  v = f32x4.replace_lane(v, 0, load<f32>(p));
  if (count > 1) v = f32x4.replace_lane(v, 1, load<f32>(p, 4));
  if (count > 2) v = f32x4.replace_lane(v, 2, load<f32>(p, 8));
  if (count > 3) v = f32x4.replace_lane(v, 3, load<f32>(p, 12));
  suspect4 = i64x2.splat(0);
  let r = apply4(op, v, false);
  if (checked(op) && v128.any_true(suspect4)) r = apply4(op, v, true);
  store<f32>(o, f32x4.extract_lane(r, 0));
  if (count > 1) store<f32>(o, f32x4.extract_lane(r, 1), 4);
  if (count > 2) store<f32>(o, f32x4.extract_lane(r, 2), 8);
  if (count > 3) store<f32>(o, f32x4.extract_lane(r, 3), 12);
}

/** out[i] = op(x[i]) for i < n on f32x4 vectors. */
// @ts-ignore: decorator
@inline
function run4(op: i32, n: i32, x: usize, out: usize): void {
  const octets = n & ~7;
  let i = 0;
  for (; i < octets; i += 8) step4(op, x + (<usize>i << 2), out + (<usize>i << 2));
  for (; i < n; i += 4) partial4(op, min(4, n - i), x + (<usize>i << 2), out + (<usize>i << 2));
}

/** out[i] = op(x[i]) for i < n, float32 (x may be out, for in place). */
export function sleefF32(op: i32, n: i32, x: usize, out: usize): void {
  // One loop per op, so each inlines its own arithmetic.
  switch (op) {
    case EXP: return run4(EXP, n, x, out);
    case LOG: return run4(LOG, n, x, out);
    case TANH: return run4(TANH, n, x, out);
    case SIGMOID: return run4(SIGMOID, n, x, out);
    default: return run4(ONE_MINUS_SQUARE, n, x, out);
  }
}
