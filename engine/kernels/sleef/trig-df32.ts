/**
 * SLEEF's float32 double-float arithmetic (src/common/df.h, the ENABLE_FMA_SP variants its AVX2
 * build uses), for the sin/cos/tanh emulations in this folder. A value is an unevaluated sum hi + lo
 * of two floats; every operation rounds to float32 exactly where the vector code does, and `vfma`,
 * `vfmapn`, `vfmanp` are single-rounding FMAs (SLEEF is built with -ffp-contract=off, so there are
 * no other fusions). Results go into caller-owned `F2` registers: no allocation per element.
 */
const f = Math.fround;

/**
 * fmaf for float32 a, b, c: the same results as ../fma32.ts, with a cheaper test first. a·b is exact
 * in a double, so the double sum s is within half a double ulp of the exact sum, and rounding s to
 * float can only go wrong when s sits exactly on a midpoint between two floats. With r = fround(s)
 * and t = s − r (exact), s is a midpoint exactly when s + t is a float (the neighbour across it);
 * only then does the sign of the sum's rounding error decide.
 */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = f(s);
  if (r === s || !Number.isFinite(r)) return r;
  const t = s - r;
  const other = s + t;
  if (f(other) !== other) return r;
  const v = s - p;
  const err = p - (s - v) + (c - v);
  if (err === 0) return r;
  return err > 0 === other > r ? other : r;
}

/** A double-float register: the value is h + l. */
export interface F2 {
  h: number;
  l: number;
}

export const newF2 = (): F2 => ({ h: 0, l: 0 });

/** vfmapn: a·b − c, rounded once. */
export const fms = (a: number, b: number, c: number): number => fma32(a, b, -c);
/** vfmanp: c − a·b, rounded once. */
export const fnma = (a: number, b: number, c: number): number => fma32(-a, b, c);

/** rint with ties to even (_mm256_round_ps / cvtps_epi32 in the default rounding mode). */
export function rintf(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** dfadd2_vf2_vf_vf: x + y exactly, |x| and |y| in any order. */
export function add2FF(o: F2, x: number, y: number): void {
  const s = f(x + y);
  const v = f(s - x);
  o.l = f(f(x - f(s - v)) + f(y - v));
  o.h = s;
}

/** dfadd_vf2_vf_vf: x + y, |x| ≥ |y|. */
export function addFF(o: F2, x: number, y: number): void {
  const s = f(x + y);
  o.l = f(f(x - s) + y);
  o.h = s;
}

/** dfadd_vf2_vf2_vf: (x.h + x.l) + y, |x| ≥ |y|. */
export function addDF(o: F2, x: F2, y: number): void {
  const s = f(x.h + y);
  o.l = f(f(f(x.h - s) + y) + x.l);
  o.h = s;
}

/** dfadd2_vf2_vf2_vf: (x.h + x.l) + y, any order. */
export function add2DF(o: F2, x: F2, y: number): void {
  const s = f(x.h + y);
  const v = f(s - x.h);
  const t = f(f(x.h - f(s - v)) + f(y - v));
  o.l = f(t + x.l);
  o.h = s;
}

/** dfadd_vf2_vf_vf2: x + (y.h + y.l), |x| ≥ |y|. */
export function addFD(o: F2, x: number, y: F2): void {
  const s = f(x + y.h);
  o.l = f(f(f(x - s) + y.h) + y.l);
  o.h = s;
}

/** dfadd_vf2_vf2_vf2: x + y, |x| ≥ |y|. */
export function addDD(o: F2, x: F2, y: F2): void {
  const s = f(x.h + y.h);
  o.l = f(f(f(f(x.h - s) + y.h) + x.l) + y.l);
  o.h = s;
}

/** dfadd2_vf2_vf2_vf2: x + y, any order. */
export function add2DD(o: F2, x: F2, y: F2): void {
  const s = f(x.h + y.h);
  const v = f(s - x.h);
  const t = f(f(x.h - f(s - v)) + f(y.h - v));
  o.l = f(t + f(x.l + y.l));
  o.h = s;
}

/** dfnormalize_vf2_vf2. */
export function normalize(o: F2, t: F2): void {
  const s = f(t.h + t.l);
  o.l = f(f(t.h - s) + t.l);
  o.h = s;
}

/** dfmul_vf2_vf_vf: x · y exactly. */
export function mulFF(o: F2, x: number, y: number): void {
  const s = f(x * y);
  o.l = fms(x, y, s);
  o.h = s;
}

/** dfmul_vf2_vf2_vf: (x.h + x.l) · y. */
export function mulDF(o: F2, x: F2, y: number): void {
  const s = f(x.h * y);
  o.l = fma32(x.l, y, fms(x.h, y, s));
  o.h = s;
}

/** dfmul_vf2_vf2_vf2. */
export function mulDD(o: F2, x: F2, y: F2): void {
  const s = f(x.h * y.h);
  o.l = fma32(x.h, y.l, fma32(x.l, y.h, fms(x.h, y.h, s)));
  o.h = s;
}

/** dfmul_vf_vf2_vf2: the product rounded to one float. */
export const mulDDtoF = (x: F2, y: F2): number => fma32(x.h, y.h, fma32(x.l, y.h, f(x.h * y.l)));

/** dfsqu_vf2_vf2. */
export function squ(o: F2, x: F2): void {
  const s = f(x.h * x.h);
  o.l = fma32(f(x.h + x.h), x.l, fms(x.h, x.h, s));
  o.h = s;
}

/** dfrec_vf2_vf2: 1 / (d.h + d.l). */
export function recD(o: F2, d: F2): void {
  const s = f(1 / d.h);
  o.l = f(s * fnma(d.l, s, fnma(d.h, s, 1)));
  o.h = s;
}

/** dfdiv_vf2_vf2_vf2: n / d. */
export function divDD(o: F2, n: F2, d: F2): void {
  const t = f(1 / d.h);
  const s = f(n.h * t);
  const u = fms(t, n.h, s);
  const v = fnma(d.l, t, fnma(d.h, t, 1));
  o.l = fma32(s, v, fma32(n.l, t, u));
  o.h = s;
}
