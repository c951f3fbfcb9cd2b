/**
 * The WebAssembly elementwise kernels against the JavaScript ones: the same bits for add, sub
 * (with α = 1 and with α a double: float32's fused multiply-add, midpoints included), mul, div,
 * relu, scale (by floats and by doubles that are not floats), neg and copy, dense, broadcast or
 * row by row, float32 and float64, every tail length, and NaN, ±∞, ±0 and subnormals.
 */
import { describe, expect, it } from 'vitest';
import { jsKernels } from '../../js.ts';
import type { BinaryOp, StridedView, UnaryOp } from '../../types.ts';
import { loadWasmKernelsSync } from '../loader.ts';

/** Every op in WebAssembly, however small. */
const wasm = loadWasmKernelsSync({ elementwiseMinSize: 0 })!;

type Float = Float32Array | Float64Array;
const SPECIAL = [NaN, Infinity, -Infinity, -0, 0, 1e-40, -2.5e-39, 1e-310, 3.4e38, -3.4e38, 1.7976931348623157e308];

function values(dtype: 'float32' | 'float64', n: number, seed: number): Float {
  const out = dtype === 'float32' ? new Float32Array(n + 2) : new Float64Array(n + 2);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = i % 5 === 3 ? SPECIAL[s % SPECIAL.length]! : (s / 2 ** 32 - 0.5) * 2 ** ((s % 40) - 20);
  }
  return out;
}

/** A [2, n/2]-shaped (or [n]) view: dense at offset 2, or one value broadcast (strides 0). */
function view(data: Float, n: number, broadcast: boolean): StridedView {
  const shape = n % 2 === 0 ? [2, n / 2] : [n];
  const strides = broadcast ? shape.map(() => 0) : n % 2 === 0 ? [n / 2, 1] : [1];
  return { data, shape, strides, offset: 2 };
}

function differences(got: Float, want: Float): string[] {
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < 4; i++) if (!Object.is(got[i], want[i])) out.push(`[${i}] ${got[i]} want ${want[i]}`);
  return out;
}

const sizes = [1, 3, 4, 5, 8, 18, 1001];

describe("the WebAssembly elementwise kernels compute the JavaScript kernels' bits", () => {
  for (const dtype of ['float32', 'float64'] as const) {
    const make = (n: number): Float => (dtype === 'float32' ? new Float32Array(n) : new Float64Array(n));
    const binaries: [BinaryOp, number][] = [
      ['add', 1],
      ['add', 0.1],
      ['add', -3],
      ['sub', 1],
      ['sub', 1 / 3],
      ['mul', 1],
      ['div', 1],
    ];
    for (const [op, alpha] of binaries) {
      for (const layout of ['dense, dense', 'dense, broadcast', 'broadcast, dense'] as const) {
        it(`${dtype} ${op}${alpha === 1 ? '' : ` α=${alpha}`} (${layout})`, () => {
          for (const n of sizes) {
            const a = view(values(dtype, n, n * 7 + 1), n, layout.startsWith('broadcast'));
            const b = view(values(dtype, n, n * 13 + 5), n, layout.endsWith('broadcast'));
            const want = make(n),
              got = make(n);
            jsKernels.binary(op, a, b, want, alpha);
            wasm.binary(op, a, b, got, alpha);
            expect(differences(got, want), `n = ${n}`).toEqual([]);
          }
        });
      }
    }
    for (const [op, alpha] of binaries) {
      it(`${dtype} ${op}${alpha === 1 ? '' : ` α=${alpha}`} row by row (a bias over a batch, rows of a wider tensor)`, () => {
        for (const cols of [31, 32, 37, 64]) {
          const rows = 3,
            n = rows * cols;
          const wide = values(dtype, rows * (cols + 5), cols + 3);
          const batch: StridedView = { data: values(dtype, n, cols), shape: [rows, cols], strides: [cols, 1], offset: 2 };
          const bias: StridedView = { data: values(dtype, cols, cols + 1), shape: [rows, cols], strides: [0, 1], offset: 1 };
          const narrowed: StridedView = { data: wide, shape: [rows, cols], strides: [cols + 5, 1], offset: 4 };
          const scalar: StridedView = { data: values(dtype, 1, 9), shape: [rows, cols], strides: [0, 0], offset: 0 };
          for (const [a, b] of [
            [batch, bias],
            [bias, batch],
            [narrowed, bias],
            [narrowed, scalar],
            [bias, narrowed],
          ] as const) {
            const want = make(n),
              got = make(n);
            jsKernels.binary(op, a, b, want, alpha);
            wasm.binary(op, a, b, got, alpha);
            expect(differences(got, want), `cols = ${cols}`).toEqual([]);
          }
        }
      });
    }
    const unaries: [UnaryOp, number][] = [
      ['relu', 0],
      ['neg', 0],
      ['scale', 2],
      ['scale', -0.5],
      ['scale', 0.1],
      ['scale', 1e-3],
      ['scale', NaN],
      ['scale', Infinity],
      ['copy', 0],
    ];
    for (const [op, p0] of unaries) {
      it(`${dtype} ${op}${op === 'scale' ? ` by ${p0}` : ''}`, () => {
        for (const n of sizes) {
          const x = view(values(dtype, n, n * 3 + 11), n, false);
          const want = make(n),
            got = make(n);
          jsKernels.unary(op, x, want, p0, 0);
          wasm.unary(op, x, got, p0, 0);
          expect(differences(got, want), `n = ${n}`).toEqual([]);
        }
      });
    }
  }

  it('rounds float32 a + α·b once, as one fused multiply-add, where rounding through double would differ', () => {
    // b·α = 2^-24 − 2^-70 exactly, so a + b·α sits just below the midpoint between a and the next
    // float: rounded once it stays a; rounded to double first it lands on the midpoint and ties up.
    const a = 1 + 2 ** -23,
      alpha = (1 - 2 ** -23) * 2 ** -12,
      b = (1 + 2 ** -23) * 2 ** -12;
    for (const n of [1, 3, 4, 7, 8]) {
      for (let lane = 0; lane < n; lane++) {
        const aData = values('float32', n, n + lane),
          bData = values('float32', n, 2 * n + lane);
        aData[2 + lane] = a;
        bData[2 + lane] = b;
        const want = new Float32Array(n),
          got = new Float32Array(n);
        jsKernels.binary('add', view(aData, n, false), view(bData, n, false), want, alpha);
        wasm.binary('add', view(aData, n, false), view(bData, n, false), got, alpha);
        expect(got[lane], `n = ${n}, lane ${lane}`).toBe(a);
        expect(differences(got, want), `n = ${n}, lane ${lane}`).toEqual([]);
        wasm.binary('sub', view(aData, n, false), view(bData, n, false), got, -alpha);
        expect(got[lane], `sub, n = ${n}, lane ${lane}`).toBe(a);
      }
    }
  });

  it('copies with a dtype cast as the JavaScript kernels do (float64 into float32 and int32)', () => {
    const x = view(values('float64', 9, 3), 9, false);
    for (const make of [(n: number) => new Float32Array(n), (n: number) => new Int32Array(n)]) {
      const want = make(9),
        got = make(9);
      jsKernels.copy(x, want);
      wasm.copy(x, got);
      expect([...got]).toEqual([...want]);
    }
  });

  it('leaves strided operands and mixed dtypes to the JavaScript kernels, with their results', () => {
    const a: StridedView = { data: new Float32Array([1, 2, 3, 4, 5, 6]), shape: [3], strides: [2], offset: 0 };
    const b: StridedView = { data: new Float64Array([10, 20, 30]), shape: [3], strides: [1], offset: 0 };
    const out = new Float32Array(3);
    wasm.binary('add', a, a, out, 1);
    expect([...out]).toEqual([2, 6, 10]);
    wasm.binary('mul', a, b, out, 1);
    expect([...out]).toEqual([10, 60, 150]);
  });
});
