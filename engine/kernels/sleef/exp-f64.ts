/**
 * Float64 exp exactly as PyTorch 1.13 computes it on an AVX2 CPU: SLEEF 3.5.1's Sleef_expd4_u10
 * (xexp in src/libm/sleefsimddp.c, FMA build, Estrin polynomial). V8's Math.exp is not always
 * correctly rounded and SLEEF is not either, so they disagree in the last bit now and then: the
 * micrograd lecture's float64 `(2*n).exp()` is one such input (5.828425008293146 in PyTorch,
 * ...145 from Math.exp), and the gradient printed from it inherits the difference.
 */
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitting constant

/**
 * Double fma for finite a, b, c away from overflow and underflow, as xexp's operands are. Dekker's
 * exact product and TwoSum give c + a·b = sh + sl + pl exactly; rounding sl + pl first can only
 * matter when sh + tail lands exactly on a midpoint between two doubles, and then the first
 * rounding's error decides (what round-to-odd achieves in ../../random/fma.ts, without its
 * typed-array bit test on every call).
 */
export function fma64(a: number, b: number, c: number): number {
  const ph = a * b;
  const as = SPLITTER * a,
    ah = as - (as - a),
    al = a - ah;
  const bs = SPLITTER * b,
    bh = bs - (bs - b),
    bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
  const sh = c + ph;
  const sv = sh - c;
  const sl = c - (sh - sv) + (ph - sv);
  const tail = sl + pl;
  const tv = tail - sl;
  const tailErr = sl - (tail - tv) + (pl - tv);
  const w = sh + tail;
  if (tailErr === 0) return w;
  const wv = w - sh;
  const e2 = sh - (w - wv) + (tail - wv);
  if (e2 === 0 || w + 2 * e2 - w !== 2 * e2) return w;
  // sh + tail was a tie, which went to the even neighbour: the exact sum lies on tailErr's side.
  return tailErr > 0 === e2 > 0 ? w + 2 * e2 : w;
}

const R_LN2 = 1.442695040888963407359924681001892137426645954152985934135449406931;
const L2U = 0.69314718055966295651160180568695068359375;
const L2L = 0.28235290563031577122588448175013436025525412068e-12;
const C9 = 0.2081276378237164457e-8;
const C8 = 0.2511210703042288022e-7;
const C7 = 0.2755762628169491192e-6;
const C6 = 0.2755723402025388239e-5;
const C5 = 0.2480158687479686264e-4;
const C4 = 0.198412698985586585e-3;
const C3 = 0.1388888888914497797e-2;
const C2 = 0.833333333331493821e-2;
const C1 = 0.4166666666666602598e-1;
const C0 = 0.1666666666666669072;

/** rint with ties to even (_mm256_round_pd in the default rounding mode). */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** exp of one double, bit for bit as xexp. */
export function expd(d: number): number {
  if (d > 709.78271114955742909217217426) return Infinity;
  if (d < -1000) return 0;
  if (d !== d) return d;
  const u0 = rint(d * R_LN2);
  let s = fma64(u0, -L2U, d);
  s = fma64(u0, -L2L, s);
  const s2 = s * s,
    s4 = s2 * s2,
    s8 = s4 * s4;
  // POLY10 by Estrin's scheme, as SLEEF's estrin.h nests it.
  const p4lo = fma64(s2, fma64(s, C3, C2), fma64(s, C1, C0));
  const p4hi = fma64(s2, fma64(s, C7, C6), fma64(s, C5, C4));
  let u = fma64(s8, fma64(s, C9, C8), fma64(s4, p4hi, p4lo));
  u = fma64(u, s, 0.5);
  u = fma64(u, s, 1);
  u = fma64(u, s, 1);
  // vldexp2: two exact-or-underflowing scalings by powers of two.
  const half = u0 >> 1;
  return u * 2 ** half * 2 ** (u0 - half);
}

/** exp over a row of n doubles with input stride xs. */
export function expdRow(n: number, x: ArrayLike<number>, xi: number, xs: number, out: Float64Array, oi: number): void {
  for (let j = 0; j < n; j++, xi += xs) out[oi + j] = expd(x[xi]!);
}
