import { describe, expect, it } from 'vitest';
import { callOp, fromArray, gradcheck, kernels, setKernels, type Kernels, type StridedView, type Tensor } from '../index.ts';
import { gemm } from './gemm.ts';

/** Seeded values in [-1, 1) with a few exact zeros, so rounding differences would show. */
function values(n: number, seed: number, Ctor: Float32ArrayConstructor | Float64ArrayConstructor = Float32Array): Float32Array | Float64Array {
  let s = seed >>> 0;
  const out = new Ctor(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = i % 11 === 5 ? 0 : s / 2 ** 31 - 1;
  }
  return out;
}

/** The plain loop, as reference BLAS runs it: each output summed over k in order, in the output's precision. */
function reference(a: StridedView, b: StridedView, out: Float32Array | Float64Array): void {
  const [batch = 0, m = 0, k = 0] = a.shape;
  const n = b.shape[2] ?? 0;
  const round = out instanceof Float32Array ? Math.fround : (x: number): number => x;
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          s = round(
            s +
              round(
                a.data[a.offset + t * a.strides[0]! + i * a.strides[1]! + p * a.strides[2]!]! *
                  b.data[b.offset + t * b.strides[0]! + p * b.strides[1]! + j * b.strides[2]!]!,
              ),
          );
        }
        out[(t * m + i) * n + j] = s;
      }
    }
  }
}

/** A row-major [batch, rows, cols] view, optionally transposed in memory (stored as [batch, cols, rows]). */
function matrices(
  batch: number,
  rows: number,
  cols: number,
  seed: number,
  transposed = false,
  Ctor = Float32Array as Float32ArrayConstructor | Float64ArrayConstructor,
): StridedView {
  const data = values(batch * rows * cols, seed, Ctor);
  const strides = transposed ? [rows * cols, 1, rows] : [rows * cols, cols, 1];
  return { data, shape: [batch, rows, cols], strides, offset: 0 };
}

function expectSameAsReference(a: StridedView, b: StridedView, float64 = false): void {
  const size = a.shape[0]! * a.shape[1]! * b.shape[2]!;
  const Ctor = float64 ? Float64Array : Float32Array;
  const got = new Ctor(size).fill(12345);
  const want = new Ctor(size);
  gemm(a, b, got);
  reference(a, b, want);
  expect(Array.from(got)).toEqual(Array.from(want));
}

describe('the matrix-product kernel', () => {
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [1, 9, 6],
    [6, 9, 1],
    [4, 4, 4],
    [17, 33, 9],
    [17, 33, 17],
    [13, 37, 29],
    [64, 784, 128],
    [64, 128, 64],
    [64, 64, 10],
    [5, 300, 5],
    [130, 3, 70],
  ];

  for (const [m, k, n] of sizes) {
    it(`gives the plain loop's float32 results bit for bit for ${m}×${k} @ ${k}×${n}`, () => {
      expectSameAsReference(matrices(1, m, k, m * 7 + k), matrices(1, k, n, n * 13 + k));
    });
  }

  it('gives the same results for transposed operands, read in place through their strides', () => {
    for (const [m, k, n] of [
      [3, 5, 7],
      [17, 33, 9],
      [64, 128, 64],
      [33, 40, 21],
      [40, 30, 1],
      [1, 30, 40],
      [2, 50, 3],
    ] as const) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) expectSameAsReference(matrices(1, m, k, 1, ta), matrices(1, k, n, 2, tb));
      }
    }
  });

  it('reads views with offsets and steps (every other row and column of a larger matrix)', () => {
    const big = values(40 * 50, 3);
    const a: StridedView = { data: big, shape: [1, 19, 23], strides: [0, 100, 2], offset: 7 };
    const b: StridedView = { data: big, shape: [1, 23, 11], strides: [0, 2, 100], offset: 51 };
    expectSameAsReference(a, b);
  });

  it('multiplies every matrix of a batch, including a batch that shares one operand (stride 0)', () => {
    expectSameAsReference(matrices(3, 17, 9, 4), matrices(3, 9, 13, 5, true));
    const shared: StridedView = { ...matrices(1, 9, 13, 6), shape: [4, 9, 13], strides: [0, 13, 1] };
    expectSameAsReference(matrices(4, 17, 9, 7, true), shared);
    expectSameAsReference(matrices(5, 2, 3, 8), matrices(5, 3, 1, 9));
  });

  it('keeps float64 precision for float64 operands', () => {
    for (const [m, k, n] of [
      [1, 1, 1],
      [3, 5, 7],
      [17, 33, 17],
      [40, 70, 30],
    ] as const) {
      expectSameAsReference(matrices(2, m, k, 10, false, Float64Array), matrices(2, k, n, 11, true, Float64Array), true);
    }
  });

  it('writes zeros when the inner dimension is empty, and nothing when the output is', () => {
    const out = new Float32Array(6).fill(9);
    gemm(matrices(1, 2, 0, 1), matrices(1, 0, 3, 2), out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0]);
    const none = new Float32Array(0);
    gemm(matrices(1, 0, 4, 1), matrices(1, 4, 3, 2), none);
    expect(none.length).toBe(0);
  });

  it('keeps NaN and infinity in their own rows and columns (padding at the edges does not spread them)', () => {
    const a = matrices(1, 9, 12, 12);
    const b = matrices(1, 12, 7, 13);
    a.data[2 * 12 + 3] = Infinity;
    b.data[5 * 7 + 6] = NaN;
    expectSameAsReference(a, b);
  });

  it('does not depend on what the previous product left in its scratch space', () => {
    const big = [matrices(1, 64, 300, 14), matrices(1, 300, 64, 15)] as const;
    const small = [matrices(1, 5, 3, 16), matrices(1, 3, 6, 17)] as const;
    expectSameAsReference(...big);
    expectSameAsReference(...small);
    expectSameAsReference(...big);
  });
});

describe('products of tensors with transposed operands', () => {
  const A = fromArray(Array.from(values(24 * 31, 20)), [24, 31]);
  const B = fromArray(Array.from(values(40 * 31, 21)), [40, 31]);
  const v = fromArray(Array.from(values(24, 22)), [24]);

  it('equal the products of contiguous copies, and copy nothing', () => {
    const copies: string[] = [];
    const js = kernels();
    const counting: Kernels = {
      ...js,
      copy: (src, out) => {
        copies.push(src.shape.join('×'));
        js.copy(src, out);
      },
    };
    const products = (): Tensor[] => [A.matmul(B.t()), A.t().t().mm(B.t()), B.t().t().matmul(A.t()), A.t().matmul(v)];
    setKernels(counting);
    let viewed: Tensor[], copied: Tensor[];
    try {
      viewed = products();
      expect(copies).toEqual([]);
      copied = [A.matmul(B.t().contiguous()), A.mm(B.t().contiguous()), B.matmul(A.t().contiguous()), A.t().contiguous().matmul(v)];
      expect(copies).toEqual(['31×40', '31×40', '31×24', '31×24']);
    } finally {
      setKernels(null);
    }
    viewed.forEach((v, i) => expect(Array.from(v.contiguousValues())).toEqual(Array.from(copied[i]!.contiguousValues())));
  });
});

describe('gradients of products large enough for the tiled kernel', () => {
  // Every forward and backward product here has m, n ≥ 4 and m·k·n ≥ 4096 (the tiled path).
  const leaf = (shape: number[], seed: number): Tensor =>
    fromArray(
      Array.from(
        values(
          shape.reduce((a, b) => a * b, 1),
          seed,
          Float64Array,
        ),
      ),
      shape,
      'float64',
      true,
    );
  const op =
    (name: string) =>
    (...xs: Tensor[]): Tensor =>
      callOp(name, ...xs) as Tensor;
  const cases: [string, (...xs: Tensor[]) => Tensor, number[][]][] = [
    [
      'mm',
      op('mm'),
      [
        [9, 40],
        [40, 13],
      ],
    ],
    [
      'mm with a transposed operand',
      (a, b) => a.mm(b!.t()),
      [
        [9, 40],
        [13, 40],
      ],
    ],
    [
      'bmm',
      op('bmm'),
      [
        [2, 12, 30],
        [2, 30, 14],
      ],
    ],
    ['linear', (x, w, b) => callOp('linear', x, w, b) as Tensor, [[12, 40], [10, 40], [10]]],
    [
      'matmul with a broadcast batch',
      op('matmul'),
      [
        [2, 10, 30],
        [30, 9],
      ],
    ],
  ];
  for (const [name, fn, shapes] of cases) {
    it(`match finite differences for ${name}`, () => {
      const result = gradcheck(
        fn,
        shapes.map((s, i) => leaf(s, 30 + i)),
      );
      expect(result.mismatches.slice(0, 3)).toEqual([]);
    });
  }
});
