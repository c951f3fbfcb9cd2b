/**
 * SLEEF 3.5.1's `Sleef_logf8_u10` (xlogf_u1 in src/libm/sleefsimdsp.c, AVX2 build with FMA), the
 * float32 log PyTorch 1.13 uses for every element of `torch.log` on x86 (ATen's vml `vlog` maps
 * `Vectorized<float>::log` over whole and partial vectors) and inside log_softmax.
 *
 * The mantissa m (scaled into [0.75, 1.5)) goes through x = (m−1)/(m+1) in double-float
 * (two-float) arithmetic, then log = e·ln2 + 2x + x³·P(x²), summed in double-float and rounded
 * once at the end. Every step is a float32 operation (fma32 where SLEEF fuses).
 */
import { fmaf as fma32 } from './fma32-midpoint.ts';

import { logOutsideDomain, reduceForLog, reduced } from './log-reduce.ts';

const fr = Math.fround;
const LN2_HI = fr(0.69314718246459960938);
const LN2_LO = fr(-1.904654323148236017e-9);
const P0 = fr(0.3027294874);
const P1 = fr(0.3996108174);
const P2 = fr(0.666669488);

/** Sleef_logf_u10 for a float32 `d`; the result is a float32 value. */
export function sleefLogf(d: number): number {
  const outside = logOutsideDomain(d);
  if (outside !== undefined) return outside;
  reduceForLog(d);
  const { m, e } = reduced;

  // s = (LN2_HI, LN2_LO) · e in double-float (dfmul_vf2_vf2_vf).
  let sx = fr(LN2_HI * e);
  let sy = fma32(LN2_LO, e, fma32(LN2_HI, e, -sx));

  // n = −1 + m and dd = 1 + m, each as an exact double-float sum (dfadd2_vf2_vf_vf).
  const nx = fr(-1 + m);
  let v = fr(nx - -1);
  const ny = fr(fr(-1 - fr(nx - v)) + fr(m - v));
  const dx = fr(1 + m);
  v = fr(dx - 1);
  const dy = fr(fr(1 - fr(dx - v)) + fr(m - v));

  // x = n / dd in double-float (dfdiv_vf2_vf2_vf2 with FMA).
  const t = fr(1 / dx);
  const xx = fr(nx * t);
  const u = fma32(t, nx, -xx);
  const w = fma32(-dy, t, fma32(-dx, t, 1));
  const xy = fma32(xx, w, fma32(ny, t, u));

  const x2 = fr(xx * xx);
  let p = fma32(P0, x2, P1);
  p = fma32(p, x2, P2);

  // s += 2x (dfadd_vf2_vf2_vf2), then s += x³·p (dfadd_vf2_vf2_vf).
  const x2x = xx * 2,
    x2y = xy * 2;
  let sum = fr(sx + x2x);
  let err = fr(fr(fr(fr(sx - sum) + x2x) + sy) + x2y);
  sx = sum;
  sy = err;
  const tail = fr(fr(x2 * xx) * p);
  sum = fr(sx + tail);
  err = fr(fr(fr(sx - sum) + tail) + sy);
  return fr(sum + err);
}
