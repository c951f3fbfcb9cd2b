/**
 * Float32 fused multiply-add, rounded once, as x86's `vfmadd` computes it. PyTorch's vectorised CPU
 * kernels (compiled with -mfma, so GCC fuses `a * b + c`) and SLEEF's AVX2 polynomials use it; to
 * round as they do, JavaScript must too.
 *
 * For float32 inputs a·b is exact in a double (24 + 24 bits of mantissa), so only the addition can
 * round twice (once to double, once to float). That matters only when the double sum lands exactly
 * halfway between two floats while the exact sum does not; the TwoSum error says which way to go.
 */
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** The float next to finite float `r`, away from zero when `up` has r's sign, else towards it. */
function neighbour(r: number, awayFromZero: boolean): number {
  f32[0] = r;
  if (r === 0) return awayFromZero ? 1.401298464324817e-45 : 0;
  i32[0] += awayFromZero ? 1 : -1;
  return f32[0]!;
}

/** fmaf(a, b, c) for float32 values a, b, c (already rounded to float32). */
export function fma32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s || !Number.isFinite(s)) return r;
  // Knuth's TwoSum: s + err is exactly p + c.
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  // Is s exactly halfway between r and the float on its other side?
  const other = neighbour(r, Math.abs(s) > Math.abs(r));
  if ((r + other) / 2 !== s) return r;
  // The exact sum lies beyond the halfway point on err's side.
  return err > 0 === other > r ? other : r;
}
