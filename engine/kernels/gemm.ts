/**
 * The JavaScript matrix product: out[b] = a[b] @ b[b] for strided [batch, m, k] and [batch, k, n]
 * views, written into a contiguous [batch, m, n] array.
 *
 * Large products are register-tiled (Goto-style): a block of B's columns and a block of A's rows are
 * packed, from whatever strides they have, into float64 panels of 4 columns / 4 rows laid out in the
 * order the micro-kernel reads them; the micro-kernel keeps a 4×4 tile of C in 16 local doubles.
 * Transposed operands (`B.t()`, every backward's `G·Bᵀ` and `Aᵀ·G`) are packed straight from their
 * strides, so they are never copied to a contiguous tensor first.
 *
 * Rounding follows PyTorch's CPU BLAS bit for bit. Debian's torch 1.13 calls the reference (netlib)
 * BLAS, whose sgemm/sgemv/sdot — and torch's own small-bmm loop — sum every output over k in order,
 * in the operands' precision: for float32, acc = fl32(acc + fl32(a·b)), no FMA, no k blocks, no SIMD
 * lanes (checked bit for bit against torch for mm/mv/dot/bmm in every layout, k up to 1024). So the
 * float32 path rounds the product and the sum at every step; the float64 path sums in float64,
 * which is what dgemm does. Tiling changes neither, since each output keeps its own accumulator.
 */
import type { NumericArray } from '../dtype.ts';
import type { StridedView } from './types.ts';

/** Micro-tile: rows of A and columns of B per micro-kernel call (the 16 accumulators). */
const MR = 4;
const NR = 4;
/** Rows of A and columns of B are packed the same way, which needs MR === NR. */
const PANEL = MR;
/** Packed-panel budgets in doubles: a B block (k × nc) of ~1 MB, an A block (mc × k) of ~128 KB. */
const B_BLOCK_DOUBLES = 1 << 17;
const A_BLOCK_DOUBLES = 1 << 14;
/** Below this many multiply-adds (or with fewer than a tile's rows/columns) packing costs more than it saves. */
const TILED_MIN_WORK = 4096;
/** Scratch larger than this (very long k, very wide vector products) is dropped after the call, not kept. */
const MAX_RETAINED_DOUBLES = 1 << 20;

/** Reused between calls so a product allocates nothing but its output. */
let scratch = new Float64Array(0);
/** The micro-kernel's 4×4 result, before the store rounds it to the output's dtype. */
const tile = new Float64Array(MR * NR);

function scratchOf(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, Math.min(scratch.length * 2, MAX_RETAINED_DOUBLES)));
  return scratch;
}

function releaseOversizedScratch(): void {
  if (scratch.length > MAX_RETAINED_DOUBLES) scratch = new Float64Array(0);
}

const roundUp = (v: number, to: number): number => Math.ceil(v / to) * to;

/** The strides of one operand's last two dims and its batch dim. */
interface Layout {
  readonly data: NumericArray;
  readonly offset: number;
  readonly batchStride: number;
  readonly rowStride: number;
  readonly colStride: number;
}

function layoutOf(v: StridedView): Layout {
  const [batchStride = 0, rowStride = 0, colStride = 0] = v.strides;
  return { data: v.data, offset: v.offset, batchStride, rowStride, colStride };
}

/**
 * out[b] = a[b] @ b[b]. `a` is [batch, m, k], `b` is [batch, k, n], both with any strides (0 for a
 * broadcast batch); `out` holds batch·m·n contiguous values. With `startFromOut`, each output's sum
 * starts from the value already in `out` instead of 0 (BLAS's C += A·B, which is where addmm's bias
 * goes when BLAS is handed a non-transposed left operand).
 */
export function gemm(a: StridedView, b: StridedView, out: NumericArray, startFromOut = false): void {
  if (a.shape.length !== 3 || b.shape.length !== 3) throw new Error('gemm expects [batch, m, k] and [batch, k, n] views');
  const [batch = 0, m = 0, k = 0] = a.shape;
  const n = b.shape[2] ?? 0;
  if (batch === 0 || m === 0 || n === 0) return;
  const A = layoutOf(a),
    B = layoutOf(b);
  const isFloat32 = out instanceof Float32Array;
  const tiled = m >= MR && n >= NR && m * n * k >= TILED_MIN_WORK;
  for (let bt = 0; bt < batch; bt++) {
    const aOff = A.offset + bt * A.batchStride,
      bOff = B.offset + bt * B.batchStride,
      oOff = bt * m * n;
    if (k === 0) {
      if (!startFromOut) out.fill(0, oOff, oOff + m * n);
    } else if (tiled) tiledProduct(A, aOff, B, bOff, out, oOff, m, k, n, isFloat32, startFromOut);
    else if (isFloat32) smallProductFloat32(A, aOff, B, bOff, out, oOff, m, k, n, startFromOut);
    else smallProduct(A, aOff, B, bOff, out, oOff, m, k, n, startFromOut);
  }
  releaseOversizedScratch();
}

/**
 * Vectors and small matrices, unpacked. The loop order follows the layouts so the innermost loop
 * walks memory contiguously where it can; each order still sums every output over k in order.
 */
function smallProduct(
  A: Layout,
  aOff: number,
  B: Layout,
  bOff: number,
  out: NumericArray,
  oOff: number,
  m: number,
  k: number,
  n: number,
  startFromOut: boolean,
): void {
  const a = A.data,
    b = B.data;
  const ar = A.rowStride,
    ac = A.colStride,
    br = B.rowStride,
    bc = B.colStride;
  const rowsOfBContiguous = bc === 1 && n > 1,
    columnsOfAContiguous = ar === 1 && m > 1;
  if (rowsOfBContiguous) {
    // i-k-j: the inner loop walks a row of B into a float64 row of C.
    const row = scratchOf(n);
    for (let i = 0; i < m; i++) {
      const oi = oOff + i * n;
      for (let j = 0; j < n; j++) row[j] = startFromOut ? out[oi + j]! : 0;
      for (let p = 0, ai = aOff + i * ar, bi = bOff; p < k; p++, ai += ac, bi += br) {
        const aip = a[ai]!;
        for (let j = 0; j < n; j++) row[j] += aip * b[bi + j]!;
      }
      for (let j = 0; j < n; j++) out[oi + j] = row[j]!;
    }
  } else if (columnsOfAContiguous) {
    // j-k-i, for a transposed A (Aᵀ·g in backward): the inner loop walks a column of A.
    const column = scratchOf(m);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) column[i] = startFromOut ? out[oOff + i * n + j]! : 0;
      for (let p = 0, ai = aOff, bi = bOff + j * bc; p < k; p++, ai += ac, bi += br) {
        const bpj = b[bi]!;
        for (let i = 0; i < m; i++) column[i] += a[ai + i]! * bpj;
      }
      for (let i = 0, oi = oOff + j; i < m; i++, oi += n) out[oi] = column[i]!;
    }
  } else {
    // One dot product per output: rows of A and columns of B (contiguous when B is transposed).
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = startFromOut ? out[oOff + i * n + j]! : 0;
        for (let p = 0, ai = aOff + i * ar, bi = bOff + j * bc; p < k; p++, ai += ac, bi += br) s += a[ai]! * b[bi]!;
        out[oOff + i * n + j] = s;
      }
    }
  }
}

/**
 * smallProduct in float32 arithmetic: every product and every partial sum is rounded to float32,
 * as sgemm does. (A float32 product is exact in a double, and a double sum of two floats rounds to
 * the correctly rounded float sum, so fround after each double operation is exact emulation.)
 */
function smallProductFloat32(
  A: Layout,
  aOff: number,
  B: Layout,
  bOff: number,
  out: NumericArray,
  oOff: number,
  m: number,
  k: number,
  n: number,
  startFromOut: boolean,
): void {
  const a = A.data,
    b = B.data;
  const ar = A.rowStride,
    ac = A.colStride,
    br = B.rowStride,
    bc = B.colStride;
  const fround = Math.fround;
  if (bc === 1 && n > 1) {
    // i-k-j straight into the float32 output row: each += stores (so rounds) the partial sum.
    for (let i = 0; i < m; i++) {
      const oi = oOff + i * n;
      if (!startFromOut) out.fill(0, oi, oi + n);
      for (let p = 0, ai = aOff + i * ar, bi = bOff; p < k; p++, ai += ac, bi += br) {
        const aip = a[ai]!;
        for (let j = 0; j < n; j++) out[oi + j] += fround(aip * b[bi + j]!);
      }
    }
  } else {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = startFromOut ? out[oOff + i * n + j]! : 0;
        for (let p = 0, ai = aOff + i * ar, bi = bOff + j * bc; p < k; p++, ai += ac, bi += br) s = fround(s + fround(a[ai]! * b[bi]!));
        out[oOff + i * n + j] = s;
      }
    }
  }
}

/**
 * Blocks of nc columns of B (packed once per block) times blocks of mc rows of A; both panels live
 * in one scratch array: packed A at [0, mc·k), packed B at [mc·k, mc·k + nc·k).
 */
function tiledProduct(
  A: Layout,
  aOff: number,
  B: Layout,
  bOff: number,
  out: NumericArray,
  oOff: number,
  m: number,
  k: number,
  n: number,
  isFloat32: boolean,
  startFromOut: boolean,
): void {
  const nc = Math.min(roundUp(n, NR), Math.max(NR, Math.floor(B_BLOCK_DOUBLES / k / NR) * NR));
  const mc = Math.min(roundUp(m, MR), Math.max(MR, Math.floor(A_BLOCK_DOUBLES / k / MR) * MR));
  const bAt = mc * k;
  const packed = scratchOf(bAt + nc * k);
  for (let j0 = 0; j0 < n; j0 += nc) {
    const cols = Math.min(nc, n - j0);
    packPanels(B.data, bOff + j0 * B.colStride, B.colStride, B.rowStride, k, cols, packed, bAt);
    for (let i0 = 0; i0 < m; i0 += mc) {
      const rows = Math.min(mc, m - i0);
      packPanels(A.data, aOff + i0 * A.rowStride, A.rowStride, A.colStride, k, rows, packed, 0);
      for (let jr = 0; jr < cols; jr += NR) {
        const tileCols = Math.min(NR, cols - jr);
        for (let ir = 0; ir < rows; ir += MR) {
          const at = oOff + (i0 + ir) * n + j0 + jr,
            tileRows = Math.min(MR, rows - ir);
          if (startFromOut) loadTile(out, at, n, tileRows, tileCols);
          else tile.fill(0);
          if (isFloat32) microKernelFloat32(k, packed, ir * k, bAt + jr * k);
          else microKernel(k, packed, ir * k, bAt + jr * k);
          storeTile(out, at, n, tileRows, tileCols);
        }
      }
    }
  }
}

/**
 * Packs `lines` lines of k elements (rows of A, or columns of B) into panels of 4 lines, element p
 * of line r at out[d + panel·4k + p·4 + r]; pads a last partial panel with 0. `lineStride` steps
 * from one line to the next, `elemStride` along a line, so transposed operands pack without a copy.
 */
function packPanels(src: NumericArray, at: number, lineStride: number, elemStride: number, k: number, lines: number, out: Float64Array, d: number): void {
  for (let l0 = 0; l0 < lines; l0 += PANEL) {
    const l0At = at + l0 * lineStride;
    if (lines - l0 >= PANEL) {
      for (let p = 0, i = l0At; p < k; p++, i += elemStride) {
        out[d] = src[i]!;
        out[d + 1] = src[i + lineStride]!;
        out[d + 2] = src[i + 2 * lineStride]!;
        out[d + 3] = src[i + 3 * lineStride]!;
        d += PANEL;
      }
    } else {
      const live = lines - l0;
      for (let p = 0, i = l0At; p < k; p++, i += elemStride) {
        for (let r = 0; r < PANEL; r++) out[d + r] = r < live ? src[i + r * lineStride]! : 0;
        d += PANEL;
      }
    }
  }
}

/** tile += (MR packed rows of A at ai) @ (NR packed columns of B at bi), summed over p in order. */
function microKernel(k: number, packed: Float64Array, ai: number, bi: number): void {
  let c00 = tile[0]!,
    c01 = tile[1]!,
    c02 = tile[2]!,
    c03 = tile[3]!;
  let c10 = tile[4]!,
    c11 = tile[5]!,
    c12 = tile[6]!,
    c13 = tile[7]!;
  let c20 = tile[8]!,
    c21 = tile[9]!,
    c22 = tile[10]!,
    c23 = tile[11]!;
  let c30 = tile[12]!,
    c31 = tile[13]!,
    c32 = tile[14]!,
    c33 = tile[15]!;
  for (let p = 0; p < k; p++, ai += MR, bi += NR) {
    const a0 = packed[ai]!,
      a1 = packed[ai + 1]!,
      a2 = packed[ai + 2]!,
      a3 = packed[ai + 3]!;
    const b0 = packed[bi]!,
      b1 = packed[bi + 1]!,
      b2 = packed[bi + 2]!,
      b3 = packed[bi + 3]!;
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  tile[0] = c00;
  tile[1] = c01;
  tile[2] = c02;
  tile[3] = c03;
  tile[4] = c10;
  tile[5] = c11;
  tile[6] = c12;
  tile[7] = c13;
  tile[8] = c20;
  tile[9] = c21;
  tile[10] = c22;
  tile[11] = c23;
  tile[12] = c30;
  tile[13] = c31;
  tile[14] = c32;
  tile[15] = c33;
}

/** microKernel in float32 arithmetic: the product and the partial sum are rounded at every step. */
function microKernelFloat32(k: number, packed: Float64Array, ai: number, bi: number): void {
  const f = Math.fround;
  let c00 = tile[0]!,
    c01 = tile[1]!,
    c02 = tile[2]!,
    c03 = tile[3]!;
  let c10 = tile[4]!,
    c11 = tile[5]!,
    c12 = tile[6]!,
    c13 = tile[7]!;
  let c20 = tile[8]!,
    c21 = tile[9]!,
    c22 = tile[10]!,
    c23 = tile[11]!;
  let c30 = tile[12]!,
    c31 = tile[13]!,
    c32 = tile[14]!,
    c33 = tile[15]!;
  for (let p = 0; p < k; p++, ai += MR, bi += NR) {
    const a0 = packed[ai]!,
      a1 = packed[ai + 1]!,
      a2 = packed[ai + 2]!,
      a3 = packed[ai + 3]!;
    const b0 = packed[bi]!,
      b1 = packed[bi + 1]!,
      b2 = packed[bi + 2]!,
      b3 = packed[bi + 3]!;
    c00 = f(c00 + f(a0 * b0));
    c01 = f(c01 + f(a0 * b1));
    c02 = f(c02 + f(a0 * b2));
    c03 = f(c03 + f(a0 * b3));
    c10 = f(c10 + f(a1 * b0));
    c11 = f(c11 + f(a1 * b1));
    c12 = f(c12 + f(a1 * b2));
    c13 = f(c13 + f(a1 * b3));
    c20 = f(c20 + f(a2 * b0));
    c21 = f(c21 + f(a2 * b1));
    c22 = f(c22 + f(a2 * b2));
    c23 = f(c23 + f(a2 * b3));
    c30 = f(c30 + f(a3 * b0));
    c31 = f(c31 + f(a3 * b1));
    c32 = f(c32 + f(a3 * b2));
    c33 = f(c33 + f(a3 * b3));
  }
  tile[0] = c00;
  tile[1] = c01;
  tile[2] = c02;
  tile[3] = c03;
  tile[4] = c10;
  tile[5] = c11;
  tile[6] = c12;
  tile[7] = c13;
  tile[8] = c20;
  tile[9] = c21;
  tile[10] = c22;
  tile[11] = c23;
  tile[12] = c30;
  tile[13] = c31;
  tile[14] = c32;
  tile[15] = c33;
}

/** Starts a tile from the live rows × cols already in out (the rest, padding, from 0). */
function loadTile(out: NumericArray, at: number, n: number, rows: number, cols: number): void {
  tile.fill(0);
  for (let r = 0; r < rows; r++, at += n) {
    for (let c = 0; c < cols; c++) tile[r * NR + c] = out[at + c]!;
  }
}

/** Writes the live rows × cols of a tile into row-major out (the typed array rounds to its dtype). */
function storeTile(out: NumericArray, at: number, n: number, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++, at += n) {
    for (let c = 0; c < cols; c++) out[at + c] = tile[r * NR + c]!;
  }
}
