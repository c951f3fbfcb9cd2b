/**
 * The WebAssembly cascade sum against ../../cascade-sum.ts (PyTorch's float sum, step for step):
 * the same bits for every reduction of every layout: inner and outer, contiguous and strided,
 * partial vectors and ILP tails, every level of the cascade, float32 and float64.
 */
import { describe, expect, it } from 'vitest';
import { contiguousStrides, numelOf } from '../../../shape.ts';
import { jsKernels } from '../../js.ts';
import type { StridedView } from '../../types.ts';
import { loadWasmKernelsSync } from '../loader.ts';

const wasm = loadWasmKernelsSync()!;

type Float = Float32Array | Float64Array;

function values(dtype: 'float32' | 'float64', n: number, seed: number, special: boolean): Float {
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = (s / 2 ** 32 - 0.3) * 2 ** ((s % 24) - 12);
  }
  if (special && n > 3) [out[1], out[n - 2]] = [NaN, -0];
  return out;
}

/** A view of `shape` over contiguous storage, its dims permuted by `perm` (a transposed layout). */
function permuted(data: Float, shape: number[], perm: number[], offset: number): StridedView {
  const storageStrides = contiguousStrides(perm.map((p) => shape[p]!));
  const strides = shape.map((_, d) => storageStrides[perm.indexOf(d)]!);
  return { data, shape, strides, offset };
}

function differences(got: Float, want: Float): string[] {
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < 4; i++) if (!Object.is(got[i], want[i])) out.push(`[${i}] ${got[i]} want ${want[i]}`);
  return out;
}

interface Case {
  shape: number[];
  perm?: number[];
  broadcastDim?: number;
  special?: boolean;
}

const cases: Case[] = [
  { shape: [1] },
  { shape: [7] },
  { shape: [33] },
  { shape: [100003] },
  { shape: [70000, 1] },
  { shape: [64, 10] },
  { shape: [64, 10], perm: [1, 0] },
  { shape: [300, 40] },
  { shape: [300, 40], perm: [1, 0] },
  { shape: [5000, 3] },
  { shape: [3, 5000], perm: [1, 0] },
  { shape: [7, 33, 65] },
  { shape: [7, 33, 65], perm: [2, 0, 1] },
  { shape: [4, 1, 9, 17], perm: [3, 2, 1, 0] },
  { shape: [6, 40, 5], broadcastDim: 1 },
  { shape: [16, 129], special: true },
];

/** Every subset of dims to reduce (the empty one too: a sum that only copies). */
const subsets = (nd: number): boolean[][] => Array.from({ length: 2 ** nd }, (_, mask) => Array.from({ length: nd }, (_, d) => ((mask >> d) & 1) === 1));

describe("the WebAssembly sum computes the cascade sum's bits", () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const c of cases) {
      const desc = `${dtype} [${c.shape.join(', ')}]${c.perm ? ` permuted ${c.perm.join('')}` : ''}${c.broadcastDim !== undefined ? ` broadcast on dim ${c.broadcastDim}` : ''}${c.special ? ' with NaN and -0' : ''}`;
      it(desc, () => {
        const n = numelOf(c.shape);
        const data = values(dtype, n + 3, n + c.shape.length, c.special ?? false);
        const x = permuted(data, c.shape, c.perm ?? c.shape.map((_, d) => d), 3);
        const view: StridedView = c.broadcastDim === undefined ? x : { ...x, strides: x.strides.map((s, d) => (d === c.broadcastDim ? 0 : s)) };
        for (const reduced of subsets(c.shape.length)) {
          const kept = c.shape.filter((_, d) => !reduced[d]).reduce((a, b) => a * b, 1);
          const want = dtype === 'float32' ? new Float32Array(kept) : new Float64Array(kept);
          const got = want.slice();
          jsKernels.sum(view, reduced, want);
          wasm.sum(view, reduced, got);
          expect(differences(got, want), `reduced ${reduced.map(Number).join('')}`).toEqual([]);
        }
      });
    }
  }
});
