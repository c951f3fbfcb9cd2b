/**
 * SLEEF 3.5.1's float32 exp, log and tanh (the AVX2 + FMA build PyTorch 1.13 calls), PyTorch's
 * sigmoid, and the fused 1 − y² of tanh_backward, ported from the TypeScript emulations in
 * ../../sleef/ operation for operation, so every result has the same bits. exp, tanh and sigmoid
 * run four elements per f32x4 vector (exp-f32x4.ts, tanh-f32x4.ts over float32x4-fma.ts); log and
 * 1 − y² two per f64x2 vector, each float32 value held exactly in a double lane (float32-in-f64.ts
 * says why, and how the fused multiply-adds stay single-rounded). Lanes never mix, so a vector's
 * elements are independent, as in SLEEF.
 */
import { fmaf, fr, load1, load2, pow2, splat, store1, store2, suspect } from './float32-in-f64';
import { expf4, sigmoidf4 } from './exp-f32x4';
import { suspect4 } from './float32x4-fma';
import { tanhf4 } from './tanh-f32x4';

/** Op codes of sleefF32 (kept in step with ../sleef.ts). */
const EXP: i32 = 0;
const LOG: i32 = 1;
const TANH: i32 = 2;
/** PyTorch's vectorised sigmoid (exp-f32x4.ts). */
const SIGMOID: i32 = 3;
/** 1 − x² rounded once: tanh_backward's fused multiply-add. */
const ONE_MINUS_SQUARE: i32 = 4;

const INF: f64 = Infinity;

// logf (../../sleef/logf.ts)
const FLT_MIN: f64 = 1.1754943508222875e-38;
const TWO_64: f64 = 18446744073709551616.0;
const R_075: f64 = <f64><f32>(1 / 0.75);
const LN2_HI: f64 = <f64><f32>0.69314718246459960938;
const LN2_LO: f64 = <f64><f32>-1.904654323148236017e-09;
const P0: f64 = <f64><f32>0.3027294874;
const P1: f64 = <f64><f32>0.3996108174;
const P2: f64 = <f64><f32>0.666669488;

// @ts-ignore: decorator
@inline
function logf2(d0: v128, exact: bool): v128 {
  const tiny = f64x2.lt(d0, splat(FLT_MIN));
  const d = v128.bitselect(f64x2.mul(d0, splat(TWO_64)), d0, tiny);
  // e = ilogb(d / 0.75) from the exponent field; m = d · 2^−e, exact.
  // A product past FLT_MAX rounds to float32's infinity, whose exponent field reads as 128.
  let e64 = i64x2.sub(v128.and(i64x2.shr_u(fr(f64x2.mul(d, splat(R_075))), 52), i64x2.splat(0x7ff)), i64x2.splat(1023));
  e64 = v128.bitselect(i64x2.splat(128), e64, i64x2.gt_s(e64, i64x2.splat(128)));
  const m = f64x2.mul(d, i64x2.shl(i64x2.sub(i64x2.splat(1023), e64), 52));
  let e = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(e64, e64, 0, 2, 0, 2));
  e = v128.bitselect(f64x2.sub(e, splat(64)), e, tiny);

  let sx = fr(f64x2.mul(splat(LN2_HI), e));
  let sy = fmaf(splat(LN2_LO), e, fmaf(splat(LN2_HI), e, f64x2.neg(sx), exact), exact);

  const nx = fr(f64x2.add(splat(-1), m));
  let v = fr(f64x2.add(nx, splat(1)));
  const ny = fr(f64x2.add(fr(f64x2.sub(splat(-1), fr(f64x2.sub(nx, v)))), fr(f64x2.sub(m, v))));
  const dx = fr(f64x2.add(splat(1), m));
  v = fr(f64x2.sub(dx, splat(1)));
  const dy = fr(f64x2.add(fr(f64x2.sub(splat(1), fr(f64x2.sub(dx, v)))), fr(f64x2.sub(m, v))));

  const t = fr(f64x2.div(splat(1), dx));
  const xx = fr(f64x2.mul(nx, t));
  const u = fmaf(t, nx, f64x2.neg(xx), exact);
  const w = fmaf(f64x2.neg(dy), t, fmaf(f64x2.neg(dx), t, splat(1), exact), exact);
  const xy = fmaf(xx, w, fmaf(ny, t, u, exact), exact);

  const x2 = fr(f64x2.mul(xx, xx));
  let p = fmaf(splat(P0), x2, splat(P1), exact);
  p = fmaf(p, x2, splat(P2), exact);

  const x2x = f64x2.add(xx, xx), x2y = f64x2.add(xy, xy);
  let sum = fr(f64x2.add(sx, x2x));
  let err = fr(f64x2.add(fr(f64x2.add(fr(f64x2.add(fr(f64x2.sub(sx, sum)), x2x)), sy)), x2y));
  sx = sum;
  sy = err;
  const tail = fr(f64x2.mul(fr(f64x2.mul(x2, xx)), p));
  sum = fr(f64x2.add(sx, tail));
  err = fr(f64x2.add(fr(f64x2.add(fr(f64x2.sub(sx, sum)), tail)), sy));
  let r = fr(f64x2.add(sum, err));

  r = v128.bitselect(splat(INF), r, f64x2.eq(d0, splat(INF)));
  r = v128.bitselect(splat(-INF), r, f64x2.eq(d0, splat(0)));
  return v128.bitselect(splat(NaN), r, v128.or(f64x2.ne(d0, d0), f64x2.lt(d0, splat(0))));
}

// @ts-ignore: decorator
@inline
function apply(op: i32, x: v128, exact: bool): v128 {
  switch (op) {
    case LOG: return logf2(x, exact);
    default: return fmaf(f64x2.neg(x), x, splat(1), exact);
  }
}

/**
 * Two vectors (four elements) bit for bit: the fast path, or the exact one where a fused step may
 * have rounded twice. Two independent vectors per step let the CPU overlap their dependency chains.
 */
// @ts-ignore: decorator
@inline
function step(op: i32, x: usize, out: usize): void {
  const a = load2(x), b = load2(x + 8);
  suspect = i64x2.splat(0);
  let ra = apply(op, a, false);
  let rb = apply(op, b, false);
  if (v128.any_true(suspect)) {
    ra = apply(op, a, true);
    rb = apply(op, b, true);
  }
  store2(out, ra);
  store2(out + 8, rb);
}

/** exp, tanh or sigmoid on four float32 lanes (`exact`: the redo of a flagged vector). */
// @ts-ignore: decorator
@inline
function apply4(op: i32, x: v128, exact: bool): v128 {
  switch (op) {
    case EXP: return expf4(x, exact);
    case TANH: return tanhf4(x);
    default: return sigmoidf4(x, exact);
  }
}

/**
 * Eight elements as two independent f32x4 vectors (their dependency chains overlap), redone with
 * exactly rounded FMAs if one was flagged (never, for tanh: its FMAs need no check).
 */
// @ts-ignore: decorator
@inline
function step4(op: i32, x: usize, out: usize): void {
  const a = v128.load(x), b = v128.load(x + 16);
  suspect4 = i64x2.splat(0);
  let ra = apply4(op, a, false);
  let rb = apply4(op, b, false);
  if (op != TANH && v128.any_true(suspect4)) {
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
  if (op != TANH && v128.any_true(suspect4)) r = apply4(op, v, true);
  store<f32>(o, f32x4.extract_lane(r, 0));
  if (count > 1) store<f32>(o, f32x4.extract_lane(r, 1), 4);
  if (count > 2) store<f32>(o, f32x4.extract_lane(r, 2), 8);
  if (count > 3) store<f32>(o, f32x4.extract_lane(r, 3), 12);
}

/** out[i] = op(x[i]) for i < n on f32x4 vectors: exp, tanh, sigmoid. */
// @ts-ignore: decorator
@inline
function run4(op: i32, n: i32, x: usize, out: usize): void {
  const octets = n & ~7;
  let i = 0;
  for (; i < octets; i += 8) step4(op, x + (<usize>i << 2), out + (<usize>i << 2));
  for (; i < n; i += 4) partial4(op, min(4, n - i), x + (<usize>i << 2), out + (<usize>i << 2));
}

/** The last one to three elements, a vector at a time. */
function tail(op: i32, n: i32, i: i32, x: usize, out: usize): void {
  for (; i < n; i += 2) {
    const v = i + 1 < n ? load2(x + (<usize>i << 2)) : load1(x + (<usize>i << 2));
    suspect = i64x2.splat(0);
    let r = apply(op, v, false);
    if (v128.any_true(suspect)) r = apply(op, v, true);
    if (i + 1 < n) store2(out + (<usize>i << 2), r);
    else store1(out + (<usize>i << 2), r);
  }
}

/** out[i] = op(x[i]) for i < n, float32 (x may be out, for in place). */
export function sleefF32(op: i32, n: i32, x: usize, out: usize): void {
  const quads = n & ~3;
  let i = 0;
  switch (op) {
    // One loop per op, so each inlines its own arithmetic.
    case EXP: return run4(EXP, n, x, out);
    case TANH: return run4(TANH, n, x, out);
    case SIGMOID: return run4(SIGMOID, n, x, out);
    case LOG: for (; i < quads; i += 4) step(LOG, x + (<usize>i << 2), out + (<usize>i << 2)); break;
    default: for (; i < quads; i += 4) step(ONE_MINUS_SQUARE, x + (<usize>i << 2), out + (<usize>i << 2));
  }
  tail(op, n, i, x, out);
}
