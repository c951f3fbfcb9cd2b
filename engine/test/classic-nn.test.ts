/**
 * Convolution, pooling and batch norm: the float32 values PyTorch's CPU kernels compute, bit for
 * bit where their summation order is ours (see scripts/goldens/ops.py), and the in-place running
 * statistics of batch norm.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, type Tensor } from '../index.ts';
import { buildArg, type ArgSpec } from './helpers.ts';

interface OpCase {
  readonly op: string;
  readonly note: string;
  readonly args: ArgSpec[];
  readonly out: { values: number[] };
  readonly upstream?: number[];
  readonly grads?: (number[] | null)[];
}
const goldens = JSON.parse(readFileSync(new URL('./goldens/ops.json', import.meta.url), 'utf8')) as { ops: OpCase[] };

/** Cases whose float32 forward and gradients PyTorch computes in our order (mkldnn's blocked conv is not). */
const BIT_EXACT = [
  "convolution: batch of one, padded (PyTorch's slow path)",
  'max_pool2d_with_indices: 2x2',
  'max_pool2d_with_indices: padded, dilated, ceil_mode',
  'avg_pool2d: padded, ceil_mode, padding not counted',
  'avg_pool2d: divisor_override',
  'native_batch_norm: training, 4-D, running stats',
  'native_batch_norm: eval',
  '_adaptive_avg_pool2d: uneven windows',
  'adaptive_max_pool2d: unbatched, uneven windows',
];

describe('classic nn ops round as PyTorch does', () => {
  for (const name of BIT_EXACT) {
    it(`${name}: forward bit for bit`, () => {
      const c = goldens.ops.find((o) => `${o.op}: ${o.note}` === name)!;
      expect(c, name).toBeDefined();
      const result = callOp(c.op, ...c.args.map(buildArg));
      const out = Array.isArray(result) ? result[0]! : result;
      expect(out.toArray()).toEqual(c.out.values);
    });
  }
});

describe('batch norm running statistics', () => {
  it('updates running_mean and running_var in place with momentum and the unbiased variance, as PyTorch', () => {
    const x = fromArray([1, 2, 3, 4, 10, 20, 30, 50], [4, 2], 'float32');
    const mean = fromArray([0, 0], [2], 'float32'),
      variance = fromArray([1, 1], [2], 'float32');
    const before = mean.version;
    callOp('native_batch_norm', x, null, null, mean, variance, true, 0.1, 1e-5);
    // torch: running_mean tensor([1.1000, 1.9000]), running_var tensor([18.4333, 50.1000])
    expect(mean.toArray()).toEqual([Math.fround(1.1), Math.fround(1.9)]);
    expect(variance.toArray().map((v) => v.toFixed(4))).toEqual(['18.4333', '50.1000']);
    expect(mean.version).toBeGreaterThan(before);
  });

  it('leaves the running statistics alone in eval and normalizes with them', () => {
    const mean = fromArray([1], [1], 'float32'),
      variance = fromArray([4], [1], 'float32');
    const out = (callOp('native_batch_norm', fromArray([3, 5], [2, 1], 'float32'), null, null, mean, variance, false, 0.1, 0) as Tensor[])[0]!;
    expect(out.toArray()).toEqual([1, 2]);
    expect(mean.toArray()).toEqual([1]);
  });
});

describe('PyTorch errors for bad shapes', () => {
  const conv = (x: number[], w: number[]): unknown =>
    callOp(
      'convolution',
      fromArray(new Array(x.reduce((a, b) => a * b)).fill(0), x, 'float32'),
      fromArray(new Array(w.reduce((a, b) => a * b)).fill(0), w, 'float32'),
      null,
      [1, 1],
      [0, 0],
      [1, 1],
      false,
      [0, 0],
      1,
    );
  it('names the channel mismatch', () => {
    expect(() => conv([1, 4, 5, 5], [2, 3, 3, 3])).toThrow(
      'Given groups=1, weight of size [2, 3, 3, 3], expected input[1, 4, 5, 5] to have 3 channels, but got 4 channels instead',
    );
  });
  it('refuses a kernel larger than the padded input', () => {
    expect(() => conv([1, 3, 2, 2], [2, 3, 3, 3])).toThrow(
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
    );
  });
  it('refuses pooling padding over half the kernel', () => {
    expect(() => callOp('max_pool2d_with_indices', fromArray(new Array(16).fill(0), [1, 1, 4, 4], 'float32'), [2, 2], [], [2, 2])).toThrow(
      'pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1',
    );
  });
});
