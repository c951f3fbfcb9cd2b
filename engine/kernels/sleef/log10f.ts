/**
 * SLEEF 3.5.1's `Sleef_log10f8_u10` (xlog10f in src/libm/sleefsimdsp.c, AVX2 build with FMA), the
 * float32 log10 PyTorch 1.13 uses for every element of `torch.log10` on x86 (vml's `vlog10` maps
 * `Vectorized<float>::log10` over whole and partial vectors, so a single element goes through it too).
 *
 * As in logf.ts: x = (m−1)/(m+1) in double-float, then log10 = e·log10(2) + x·(2/ln 10) + x³·P(x²),
 * summed in double-float and rounded once. Each lane is independent, so one element at a time.
 */
import { add2FF, addDD, addDF, divDD, fma32, mulDD, mulDF, newF2, type F2 } from './trig-df32.ts';

import { logOutsideDomain, reduceForLog, reduced } from './log-reduce.ts';

const fr = Math.fround;
const LOG10_2: F2 = { h: fr(0.30103001), l: fr(-1.432098889e-8) };
const TWO_OVER_LN10: F2 = { h: fr(0.868588984), l: fr(-2.170757285e-8) };
const P0 = fr(0.1314289868);
const P1 = fr(0.1735493541);
const P2 = fr(0.2895309627);

const num = newF2(),
  den = newF2(),
  x = newF2(),
  s = newF2(),
  term = newF2();

/** Sleef_log10f_u10 for a float32 `d`; the result is a float32 value. */
export function sleefLog10f(d: number): number {
  const outside = logOutsideDomain(d);
  if (outside !== undefined) return outside;
  reduceForLog(d);
  const { m, e } = reduced;

  add2FF(num, -1, m);
  add2FF(den, 1, m);
  divDD(x, num, den);
  const x2 = fr(x.h * x.h);
  let t = fma32(P0, x2, P1);
  t = fma32(t, x2, P2);

  mulDF(s, LOG10_2, e);
  mulDD(term, x, TWO_OVER_LN10);
  addDD(s, s, term);
  addDF(s, s, fr(fr(x2 * x.h) * t));
  return fr(s.h + s.l);
}
