/**
 * SLEEF 3.5.1's `Sleef_expf8_u10` (xexpf in src/libm/sleefsimdsp.c, AVX2 build with FMA), the
 * float32 exp PyTorch 1.13 uses for every element of `torch.exp` on x86 (ATen's vml `vexp` maps
 * `Vectorized<float>::exp` over whole and partial vectors alike, so there is no scalar tail) and
 * for the exp inside its vectorised softmax, log_softmax and sigmoid kernels.
 *
 * It is not correctly rounded (about 1 result in 10 differs from fround(Math.exp(x)) by an ulp),
 * so matching PyTorch's printed losses digit for digit needs this exact sequence of float32
 * operations: a Cody–Waite reduction by ln 2, a degree-6 polynomial in Horner form with fused
 * multiply-adds, and a two-step scale by 2^q.
 */
import { fmaf as fma32 } from './fma32-midpoint.ts';

const fr = Math.fround;
const R_LN2F = fr(1.442695040888963407359924681001892137426645954152985934135449406931);
const NEG_L2UF = -fr(0.693145751953125);
const NEG_L2LF = -fr(1.428606765330187045e-6);
const C0 = fr(0.000198527617612853646278381);
const C1 = fr(0.00139304355252534151077271);
const C2 = fr(0.00833336077630519866943359);
const C3 = fr(0.0416664853692054748535156);
const C4 = fr(0.166666671633720397949219);

/** 2^q for −126 ≤ q ≤ 127 (SLEEF's vpow2i writes q + 127 into the exponent field). */
const POW2 = new Float64Array(254);
for (let q = -126; q <= 127; q++) POW2[q + 126] = 2 ** q;
const pow2i = (q: number): number => POW2[q + 126]!;

/** Round half to even, as `vcvtps2dq` does under the default rounding mode. */
function rintEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && (r & 1) !== 0 ? r - 1 : r;
}

/** Sleef_expf_u10 for a float32 `d`; the result is a float32 value. */
export function sleefExpf(d: number): number {
  if (d !== d) return d;
  if (d < -104) return 0;
  if (d > 100) return Infinity;
  const q = rintEven(fr(d * R_LN2F));
  let s = fma32(q, NEG_L2UF, d);
  s = fma32(q, NEG_L2LF, s);
  let u = fma32(C0, s, C1);
  u = fma32(u, s, C2);
  u = fma32(u, s, C3);
  u = fma32(u, s, C4);
  u = fma32(u, s, 0.5);
  u = fr(1 + fma32(fr(s * s), u, s));
  const half = q >> 1;
  return fr(fr(u * pow2i(half)) * pow2i(q - half));
}
