/**
 * Float32 sin and cos exactly as PyTorch 1.13 computes them on an AVX2 CPU: SLEEF 3.5.1's
 * Sleef_sinf8_u10 / Sleef_cosf8_u10 (xsinf_u1, xcosf_u1 in src/libm/sleefsimdsp.c, FMA build).
 *
 * ATen's sin/cos kernels hand each contiguous run to vml::vsin/vcos, which maps the SLEEF function
 * over 8-float vectors from the run's start (the last, partial vector padded with zeros). SLEEF
 * chooses the argument reduction once per vector: Cody–Waite when every lane is below 125 in
 * magnitude, Payne–Hanek (rempif) for all eight lanes otherwise — and the two can round a small
 * argument differently. So a result depends on its neighbours, and the row functions below keep
 * that 8-lane grouping.
 */
import { REMPITAB_SP } from './rempitab-sp.ts';
import { add2DD, add2DF, add2FF, addDF, addFD, addFF, fma32, mulDD, mulDDtoF, mulDF, mulFF, newF2, normalize, rintf, squ, type F2 } from './trig-df32.ts';

const f = Math.fround;

const M_1_PI_F = f(0.318309886183790671538);
const PI_A2F = f(3.1414794921875);
const PI_B2F = f(0.00011315941810607910156);
const PI_C2F = f(1.9841872589410058936e-9);
const TRIGRANGEMAX2F = 125;
const PI_HI = f(3.1415927410125732422);
const PI_LO = f(-8.7422776573475857731e-8);
const TWO_PI: F2 = { h: f(PI_HI * 2), l: f(PI_LO * 2) };
const HALF_PI_NEG_HI = f(PI_HI * -0.5);
const HALF_PI_NEG_LO = f(PI_LO * -0.5);
const C0 = f(2.6083159809786593541503e-6);
const C1 = f(-0.0001981069071916863322258);
const C2 = f(0.00833307858556509017944336);
const C3 = f(-0.166666597127914428710938);
const TWO_M64 = 2 ** -64;
const LANES = 8;

const bitsF = new Float32Array(1);
const bitsI = new Int32Array(bitsF.buffer);

// Registers, reused for every element.
const s = newF2(),
  t = newF2(),
  x = newF2(),
  y = newF2(),
  sq = newF2(),
  red = newF2();
let redQ = 0;

const signBit = (v: number): boolean => v < 0 || (v === 0 && 1 / v < 0);

/** rempisubf (FULL_FP_ROUNDING): v minus the nearest quarter, and 4·(that quarter − rint(v)). */
let subQ = 0;
function rempisub(v: number): number {
  const r4 = rintf(f(v * 4));
  subQ = Math.trunc(f(r4 - f(rintf(v) * 4)));
  return f(v - f(r4 * 0.25));
}

/** rempif: Payne–Hanek reduction of a finite |a| into `red` (a multiple of π/2 removed) and `redQ`. */
function rempif(a: number): void {
  bitsF[0] = a;
  let ex = ((bitsI[0]! >>> 23) & 0xff) - 0x7f - 25;
  if (ex > 90 - 25) a = f(a * TWO_M64);
  if (ex < 0) ex = 0;
  const i = ex * 4;
  mulFF(x, a, REMPITAB_SP[i]!);
  x.h = rempisub(x.h);
  let q = subQ;
  normalize(x, x);
  mulFF(y, a, REMPITAB_SP[i + 1]!);
  add2DD(x, x, y);
  x.h = rempisub(x.h);
  q += subQ;
  normalize(x, x);
  y.h = REMPITAB_SP[i + 2]!;
  y.l = REMPITAB_SP[i + 3]!;
  mulDF(y, y, a);
  add2DD(x, x, y);
  normalize(x, x);
  mulDD(red, x, TWO_PI);
  if (Math.abs(a) < f(0.7)) {
    red.h = a;
    red.l = 0;
  }
  redQ = q;
}

/** The shared polynomial: sin(t.h + t.l) for a reduced argument held in `t`. */
function poly(): number {
  squ(sq, t);
  const u = fma32(fma32(C0, sq.h, C1), sq.h, C2);
  addFF(s, C3, f(u * sq.h));
  mulDD(s, s, sq);
  addFD(s, 1, s);
  return mulDDtoF(t, s);
}

/** xsinf_u1's Cody–Waite path (every lane of the vector below 125). */
function sinSmall(d: number): number {
  const u = rintf(f(d * M_1_PI_F));
  add2FF(t, fma32(u, -PI_A2F, d), f(u * -PI_B2F));
  addDF(t, t, f(u * -PI_C2F));
  const r = poly();
  if (d === 0 && 1 / d < 0) return d;
  return (u & 1) === 1 ? -r : r;
}

/** xsinf_u1's Payne–Hanek path. */
function sinLarge(d: number): number {
  if (!Number.isFinite(d)) return NaN;
  rempif(d);
  const q = ((redQ & 3) * 2 + (red.h > 0 ? 2 : 1)) >> 2;
  if ((redQ & 1) === 1) {
    const neg = signBit(red.h);
    y.h = neg ? -HALF_PI_NEG_HI : HALF_PI_NEG_HI;
    y.l = neg ? -HALF_PI_NEG_LO : HALF_PI_NEG_LO;
    add2DD(red, red, y);
  }
  normalize(t, red);
  const r = poly();
  if (d === 0 && 1 / d < 0) return d;
  return (q & 1) === 1 ? -r : r;
}

/** xcosf_u1's Cody–Waite path. */
function cosSmall(d: number): number {
  const dq = fma32(rintf(fma32(d, M_1_PI_F, -0.5)), 2, 1);
  add2FF(t, d, f(dq * f(-PI_A2F * 0.5)));
  add2DF(t, t, f(dq * f(-PI_B2F * 0.5)));
  add2DF(t, t, f(dq * f(-PI_C2F * 0.5)));
  const r = poly();
  return (dq & 2) === 0 ? -r : r;
}

/** xcosf_u1's Payne–Hanek path. */
function cosLarge(d: number): number {
  if (!Number.isFinite(d)) return NaN;
  rempif(d);
  const q = ((redQ & 3) * 2 + (red.h > 0 ? 8 : 7)) >> 1;
  if ((redQ & 1) === 0) {
    const neg = !(red.h > 0);
    y.h = neg ? -HALF_PI_NEG_HI : HALF_PI_NEG_HI;
    y.l = neg ? -HALF_PI_NEG_LO : HALF_PI_NEG_LO;
    add2DD(red, red, y);
  }
  normalize(t, red);
  const r = poly();
  return (q & 2) === 0 ? -r : r;
}

/** Does every lane of the 8-float vector starting at element j of the row take the fast path? */
function allSmall(n: number, x: ArrayLike<number>, xi: number, xs: number, j: number): boolean {
  const end = Math.min(j + LANES, n);
  for (let k = j, p = xi + j * xs; k < end; k++, p += xs) {
    if (!(Math.abs(x[p]!) < TRIGRANGEMAX2F)) return false;
  }
  return true;
}

type Lane = (d: number) => number;

function row(small: Lane, large: Lane, n: number, x: ArrayLike<number>, xi: number, xs: number, out: Float32Array, oi: number): void {
  for (let j = 0; j < n; j += LANES) {
    const lane = allSmall(n, x, xi, xs, j) ? small : large;
    const end = Math.min(j + LANES, n);
    for (let k = j, p = xi + j * xs; k < end; k++, p += xs) out[oi + k] = lane(f(x[p]!));
  }
}

/** sin over a row of n float32 values (input stride xs), vectors of 8 counted from the row's start. */
export function sinfRow(n: number, x: ArrayLike<number>, xi: number, xs: number, out: Float32Array, oi: number): void {
  row(sinSmall, sinLarge, n, x, xi, xs, out, oi);
}

/** cos over a row, as sinfRow. */
export function cosfRow(n: number, x: ArrayLike<number>, xi: number, xs: number, out: Float32Array, oi: number): void {
  row(cosSmall, cosLarge, n, x, xi, xs, out, oi);
}

/** Single-lane forms, for callers that know which reduction PyTorch's vector took. */
export const sinf = (d: number): number => (Math.abs(d) < TRIGRANGEMAX2F ? sinSmall(d) : sinLarge(d));
export const cosf = (d: number): number => (Math.abs(d) < TRIGRANGEMAX2F ? cosSmall(d) : cosLarge(d));
