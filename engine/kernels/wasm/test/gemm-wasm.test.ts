/**
 * The WebAssembly product against the JavaScript one (../../gemm.ts, itself pinned to PyTorch by
 * ../../test/matmul-bits.test.ts): the same bits for every shape, layout, dtype and start value,
 * including the edge tiles, the k/m/n block boundaries and special values.
 */
import { describe, expect, it } from 'vitest';
import { kernels } from '../../index.ts';
import { jsKernels } from '../../js.ts';
import type { StridedView } from '../../types.ts';
import { hasWasmSimd, loadWasmKernelsSync } from '../loader.ts';

/** Every product in WebAssembly, however small. */
const wasm = loadWasmKernelsSync({ matmulMinWork: 0 })!;

/** mulberry32: the same operands on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Float = Float32Array | Float64Array;
type Dtype = 'float32' | 'float64';
const allocate = (dtype: Dtype, n: number): Float => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));

/** Values over many magnitudes and both signs, so that every rounding step matters. */
function fill(data: Float, next: () => number, special = false): void {
  for (let i = 0; i < data.length; i++) data[i] = (next() - 0.5) * 2 ** Math.floor(next() * 16 - 8);
  if (special) {
    const values = [NaN, Infinity, -Infinity, -0, 0, 1e-40, -3e-39, 3.4e38, -3.4e38];
    for (let i = 0; i < data.length; i += 7) data[i] = values[Math.floor(next() * values.length)]!;
  }
}

/**
 * A [batch, rows, cols] view at an offset into a larger array, rows padded (so not contiguous),
 * stored transposed if asked, or one matrix broadcast over the batch (batch stride 0).
 */
function operand(
  dtype: Dtype,
  batch: number,
  rows: number,
  cols: number,
  transposed: boolean,
  broadcast: boolean,
  next: () => number,
  special: boolean,
): StridedView {
  const pad = 3,
    offset = 5;
  const [outer, inner] = transposed ? [cols, rows] : [rows, cols];
  const pitch = inner + pad,
    matrix = outer * pitch;
  const data = allocate(dtype, offset + (broadcast ? 1 : batch) * matrix + pad);
  fill(data, next, special);
  const strides = transposed ? [broadcast ? 0 : matrix, 1, pitch] : [broadcast ? 0 : matrix, pitch, 1];
  return { data, shape: [batch, rows, cols], strides, offset };
}

/** The positions where the two results differ in any way Object.is sees (so -0 vs 0 counts). */
function differences(got: Float, want: Float): string[] {
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < 4; i++) if (!Object.is(got[i], want[i])) out.push(`[${i}] ${got[i]} want ${want[i]}`);
  return out;
}

interface Case {
  batch: number;
  m: number;
  k: number;
  n: number;
  broadcast?: 'a' | 'b';
  special?: boolean;
}

const sizes = [1, 7, 17];
const cases: Case[] = [
  ...sizes.flatMap((m) => sizes.flatMap((k) => sizes.map((n) => ({ batch: 1, m, k, n })))),
  { batch: 1, m: 64, k: 64, n: 64 },
  { batch: 1, m: 129, k: 129, n: 129 },
  // past one k block (256), one row block (64) and one column block (512)
  { batch: 1, m: 67, k: 300, n: 9 },
  { batch: 1, m: 5, k: 40, n: 530 },
  { batch: 1, m: 1, k: 1024, n: 1 },
  { batch: 1, m: 2, k: 0, n: 3 },
  { batch: 3, m: 9, k: 13, n: 11 },
  { batch: 4, m: 8, k: 16, n: 8, broadcast: 'a' },
  { batch: 2, m: 33, k: 5, n: 20, broadcast: 'b' },
  { batch: 2, m: 12, k: 31, n: 10, special: true },
];

describe("the WebAssembly matrix product computes the JavaScript product's bits", () => {
  it('runs where the tests run (WebAssembly SIMD in Node), and is the active kernel set here', () => {
    expect(hasWasmSimd()).toBe(true);
    expect(wasm).not.toBeNull();
    if (process.env.GRADSCOPE_KERNELS !== 'js') expect(kernels()).not.toBe(jsKernels);
  });

  for (const dtype of ['float32', 'float64'] as const) {
    for (const c of cases) {
      for (const [ta, tb] of [
        [false, false],
        [false, true],
        [true, false],
        [true, true],
      ] as const) {
        const name =
          `${dtype} [${c.batch}, ${c.m}, ${c.k}] @ [${c.batch}, ${c.k}, ${c.n}]${ta ? ' Aᵀ' : ''}${tb ? ' Bᵀ' : ''}` +
          `${c.broadcast ? ` (${c.broadcast} broadcast)` : ''}${c.special ? ' with NaN, ±∞, -0 and subnormals' : ''}`;
        it(name, () => {
          const next = random(c.batch * 1000003 + c.m * 10007 + c.k * 101 + c.n + (ta ? 7 : 0) + (tb ? 13 : 0));
          const a = operand(dtype, c.batch, c.m, c.k, ta, c.broadcast === 'a', next, c.special ?? false);
          const b = operand(dtype, c.batch, c.k, c.n, tb, c.broadcast === 'b', next, c.special ?? false);
          const total = c.batch * c.m * c.n;
          for (const startFromOut of [false, true]) {
            const start = allocate(dtype, total);
            fill(start, next);
            const want = start.slice(),
              got = start.slice();
            jsKernels.matmul(a, b, want, startFromOut);
            wasm.matmul(a, b, got, startFromOut);
            expect(differences(got, want), `startFromOut ${startFromOut}`).toEqual([]);
          }
        });
      }
    }
  }

  it('leaves integer products to the JavaScript kernels', () => {
    const a: StridedView = { data: new Int32Array([1, 2, 3, 4]), shape: [1, 2, 2], strides: [0, 2, 1], offset: 0 };
    const out = new Int32Array(4);
    wasm.matmul(a, a, out);
    expect([...out]).toEqual([7, 10, 15, 22]);
  });

  it('does not depend on what the previous, larger product left in linear memory', () => {
    const next = random(42);
    const big = operand('float32', 1, 70, 70, false, false, next, false);
    wasm.matmul(big, big, new Float32Array(70 * 70));
    const a = operand('float32', 1, 6, 9, true, false, next, false),
      b = operand('float32', 1, 9, 5, false, false, next, false);
    const want = new Float32Array(30),
      got = new Float32Array(30);
    jsKernels.matmul(a, b, want);
    wasm.matmul(a, b, got);
    expect(differences(got, want)).toEqual([]);
  });
});
