/**
 * float32 and float64 matrix products with WebAssembly SIMD, rounding exactly as gemm.ts does:
 * every output is summed over k in order, starting from 0 (or from C), and each step is a multiply
 * rounded to the dtype followed by an add rounded to the dtype (no FMA). The SIMD lanes run across
 * outputs (4 columns of C per f32x4), never across k, so a lane's sum is the scalar sum.
 *
 * Goto-style blocking: a kc × nc block of B and an mc × kc block of A are packed into micro-panels
 * (B: NR columns side by side per k, A: MR rows per k); the micro-kernel keeps an MR × NR tile of
 * C in registers. Splitting k into kc blocks keeps the order: the accumulator is the output's own
 * dtype, so storing it to C and loading it back for the next block is exact.
 *
 * Pointers are byte addresses in linear memory; strides are in elements (0 for a broadcast batch).
 */

/** f32: a 4 × 8 tile (8 f32x4 accumulators). */
const MR32: i32 = 4;
const NR32: i32 = 8;
/** f64: a 4 × 4 tile (8 f64x2 accumulators). */
const MR64: i32 = 4;
const NR64: i32 = 4;
/** Block sizes (elements): B block kc × nc (L2), A block mc × kc, B micro-panel kc × NR (L1). */
const KC: i32 = 256;
const MC: i32 = 64;
const NC: i32 = 512;

/** Bytes of scratch the caller must provide (packed A, packed B, one edge tile), for either dtype. */
export function gemmScratchBytes(): i32 {
  return (MC * KC + KC * NC + 64) * 8;
}

/** Where the caller's data may start: past AssemblyScript's static data. */
export function heapBase(): usize {
  return __heap_base;
}

// ───────────────────────────── float32 ─────────────────────────────

/**
 * Stores the 4 × 4 block whose rows start at s, s + ls, s + 2·ls, s + 3·ls transposed: column q of
 * the block (element q of each row) as 4 adjacent floats at dst + q·pitch.
 */
// @ts-ignore: decorator
@inline
function transpose4x4F32(s: usize, ls: usize, dst: usize, pitch: usize): void {
  const r0 = v128.load(s), r1 = v128.load(s + ls), r2 = v128.load(s + 2 * ls), r3 = v128.load(s + 3 * ls);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5); // a0 b0 a1 b1
  const t1 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5); // c0 d0 c1 d1
  const t2 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7); // a2 b2 a3 b3
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7); // c2 d2 c3 d3
  v128.store(dst, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
  v128.store(dst + pitch, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
  v128.store(dst + 2 * pitch, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * pitch, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
}

/**
 * Packs `lines` lines of kc elements (rows of A, or columns of B) into panels of W lines (W is 4
 * or 8): element p of line r at dst[panel·W·kc + p·W + r], a last partial panel padded with 0.
 * `lineStride` steps from one line to the next, `elemStride` along a line (elements).
 */
function packF32(src: usize, lineStride: isize, elemStride: isize, kc: i32, lines: i32, W: i32, dst: usize): void {
  const ls = lineStride << 2, es = elemStride << 2, pitch = <usize>W << 2;
  for (let l0 = 0; l0 < lines; l0 += W) {
    const live = min(W, lines - l0);
    let s = src + <usize>(<isize>l0 * ls);
    if (live == W && lineStride == 1) {
      // The W lines' elements at one k are adjacent (A transposed, B as stored): straight copies.
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(s));
        if (W == 8) v128.store(dst, v128.load(s, 16), 16);
        s += es;
        dst += pitch;
      }
    } else if (live == W && elemStride == 1) {
      // Each line is contiguous along k (A as stored, B transposed): 4 × 4 transposes.
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        transpose4x4F32(s, ls, dst, pitch);
        if (W == 8) transpose4x4F32(s + 4 * ls, ls, dst + 16, pitch);
        s += 16;
        dst += 4 * pitch;
      }
      for (; p < kc; p++) {
        for (let r = 0; r < W; r++) store<f32>(dst + (<usize>r << 2), load<f32>(s + <usize>(<isize>r * ls)));
        s += 4;
        dst += pitch;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < W; r++) store<f32>(dst + (<usize>r << 2), r < live ? load<f32>(s + <usize>(<isize>r * ls)) : 0);
        s += es;
        dst += pitch;
      }
    }
  }
}

/** C tile (4 × 8 at c, row pitch ldc bytes) += packed A panel × packed B panel over kc steps. */
// @ts-ignore: decorator
@inline
function microF32(kc: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = v128.load(c), c01 = v128.load(c, 16);
  let c10 = v128.load(c + ldc), c11 = v128.load(c + ldc, 16);
  let c20 = v128.load(c + 2 * ldc), c21 = v128.load(c + 2 * ldc, 16);
  let c30 = v128.load(c + 3 * ldc), c31 = v128.load(c + 3 * ldc, 16);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += 16;
    pb += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/**
 * C[b] (+)= A[b] @ B[b] in float32 for b < batch; A is [batch, m, k], B [batch, k, n] with any
 * strides, C contiguous [batch, m, n]. With startFromC each sum starts from C's value, else from 0.
 */
export function gemmF32(
  batch: i32, m: i32, k: i32, n: i32,
  a: usize, aBatch: isize, aRow: isize, aCol: isize,
  b: usize, bBatch: isize, bRow: isize, bCol: isize,
  c: usize, startFromC: bool, scratch: usize,
): void {
  const packA = scratch, packB = scratch + <usize>(MC * KC * 8), edge = packB + <usize>(KC * NC * 8);
  const ldc = <usize>n << 2;
  for (let bt = 0; bt < batch; bt++) {
    const aAt = a + <usize>(<isize>bt * aBatch * 4), bAt = b + <usize>(<isize>bt * bBatch * 4);
    const cAt = c + <usize>bt * <usize>m * ldc;
    if (!startFromC) memory.fill(cAt, 0, <usize>m * ldc);
    if (k == 0) continue;
    for (let j0 = 0; j0 < n; j0 += NC) {
      const cols = min(NC, n - j0);
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = min(KC, k - p0);
        packF32(bAt + <usize>((<isize>j0 * bCol + <isize>p0 * bRow) * 4), bCol, bRow, kc, cols, NR32, packB);
        for (let i0 = 0; i0 < m; i0 += MC) {
          const rows = min(MC, m - i0);
          packF32(aAt + <usize>((<isize>i0 * aRow + <isize>p0 * aCol) * 4), aRow, aCol, kc, rows, MR32, packA);
          for (let jr = 0; jr < cols; jr += NR32) {
            const tileCols = min(NR32, cols - jr);
            const pb = packB + <usize>(jr * kc) * 4;
            for (let ir = 0; ir < rows; ir += MR32) {
              const tileRows = min(MR32, rows - ir);
              const pa = packA + <usize>(ir * kc) * 4;
              const ct = cAt + <usize>(i0 + ir) * ldc + (<usize>(j0 + jr) << 2);
              if (tileRows == MR32 && tileCols == NR32) {
                microF32(kc, pa, pb, ct, ldc);
              } else {
                // Edge tile: run the full tile on a copy padded with zeros, keep the live part.
                memory.fill(edge, 0, MR32 * NR32 * 4);
                for (let r = 0; r < tileRows; r++) memory.copy(edge + <usize>(r * NR32 * 4), ct + <usize>r * ldc, <usize>tileCols << 2);
                microF32(kc, pa, pb, edge, NR32 * 4);
                for (let r = 0; r < tileRows; r++) memory.copy(ct + <usize>r * ldc, edge + <usize>(r * NR32 * 4), <usize>tileCols << 2);
              }
            }
          }
        }
      }
    }
  }
}

// ───────────────────────────── float64 ─────────────────────────────

/** packF32 for doubles, W = 4 lines per panel. */
function packF64(src: usize, lineStride: isize, elemStride: isize, kc: i32, lines: i32, dst: usize): void {
  const ls = lineStride << 3, es = elemStride << 3;
  for (let l0 = 0; l0 < lines; l0 += 4) {
    const live = min(4, lines - l0);
    let s = src + <usize>(<isize>l0 * ls);
    if (live == 4 && lineStride == 1) {
      for (let p = 0; p < kc; p++) {
        v128.store(dst, v128.load(s));
        v128.store(dst, v128.load(s, 16), 16);
        s += es;
        dst += 32;
      }
    } else if (live == 4) {
      for (let p = 0; p < kc; p++) {
        store<f64>(dst, load<f64>(s));
        store<f64>(dst, load<f64>(s + ls), 8);
        store<f64>(dst, load<f64>(s + 2 * ls), 16);
        store<f64>(dst, load<f64>(s + 3 * ls), 24);
        s += es;
        dst += 32;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < 4; r++) store<f64>(dst + (<usize>r << 3), r < live ? load<f64>(s + <usize>(<isize>r * ls)) : 0);
        s += es;
        dst += 32;
      }
    }
  }
}

/** C tile (4 × 4 doubles at c, row pitch ldc bytes) += packed A panel × packed B panel. */
// @ts-ignore: decorator
@inline
function microF64(kc: i32, pa: usize, pb: usize, c: usize, ldc: usize): void {
  let c00 = v128.load(c), c01 = v128.load(c, 16);
  let c10 = v128.load(c + ldc), c11 = v128.load(c + ldc, 16);
  let c20 = v128.load(c + 2 * ldc), c21 = v128.load(c + 2 * ldc, 16);
  let c30 = v128.load(c + 3 * ldc), c31 = v128.load(c + 3 * ldc, 16);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let a = v128.load64_splat(pa);
    c00 = f64x2.add(c00, f64x2.mul(a, b0)); c01 = f64x2.add(c01, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 8);
    c10 = f64x2.add(c10, f64x2.mul(a, b0)); c11 = f64x2.add(c11, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 16);
    c20 = f64x2.add(c20, f64x2.mul(a, b0)); c21 = f64x2.add(c21, f64x2.mul(a, b1));
    a = v128.load64_splat(pa, 24);
    c30 = f64x2.add(c30, f64x2.mul(a, b0)); c31 = f64x2.add(c31, f64x2.mul(a, b1));
    pa += 32;
    pb += 32;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/** gemmF32 in float64: products and sums rounded to double (dgemm's order, as gemm.ts sums). */
export function gemmF64(
  batch: i32, m: i32, k: i32, n: i32,
  a: usize, aBatch: isize, aRow: isize, aCol: isize,
  b: usize, bBatch: isize, bRow: isize, bCol: isize,
  c: usize, startFromC: bool, scratch: usize,
): void {
  const packA = scratch, packB = scratch + <usize>(MC * KC * 8), edge = packB + <usize>(KC * NC * 8);
  const ldc = <usize>n << 3;
  for (let bt = 0; bt < batch; bt++) {
    const aAt = a + <usize>(<isize>bt * aBatch * 8), bAt = b + <usize>(<isize>bt * bBatch * 8);
    const cAt = c + <usize>bt * <usize>m * ldc;
    if (!startFromC) memory.fill(cAt, 0, <usize>m * ldc);
    if (k == 0) continue;
    for (let j0 = 0; j0 < n; j0 += NC) {
      const cols = min(NC, n - j0);
      for (let p0 = 0; p0 < k; p0 += KC) {
        const kc = min(KC, k - p0);
        packF64(bAt + <usize>((<isize>j0 * bCol + <isize>p0 * bRow) * 8), bCol, bRow, kc, cols, packB);
        for (let i0 = 0; i0 < m; i0 += MC) {
          const rows = min(MC, m - i0);
          packF64(aAt + <usize>((<isize>i0 * aRow + <isize>p0 * aCol) * 8), aRow, aCol, kc, rows, packA);
          for (let jr = 0; jr < cols; jr += NR64) {
            const tileCols = min(NR64, cols - jr);
            const pb = packB + <usize>(jr * kc) * 8;
            for (let ir = 0; ir < rows; ir += MR64) {
              const tileRows = min(MR64, rows - ir);
              const pa = packA + <usize>(ir * kc) * 8;
              const ct = cAt + <usize>(i0 + ir) * ldc + (<usize>(j0 + jr) << 3);
              if (tileRows == MR64 && tileCols == NR64) {
                microF64(kc, pa, pb, ct, ldc);
              } else {
                memory.fill(edge, 0, MR64 * NR64 * 8);
                for (let r = 0; r < tileRows; r++) memory.copy(edge + <usize>(r * NR64 * 8), ct + <usize>r * ldc, <usize>tileCols << 3);
                microF64(kc, pa, pb, edge, NR64 * 8);
                for (let r = 0; r < tileRows; r++) memory.copy(ct + <usize>r * ldc, edge + <usize>(r * NR64 * 8), <usize>tileCols << 3);
              }
            }
          }
        }
      }
    }
  }
}
