import { describe, expect, it } from 'vitest';
import { callOp, fromArray, gradcheck, gradgradcheck, index, type Tensor } from '../index.ts';

/** Deterministic float64 leaves; `lo..hi` keeps inputs away from kinks and poles. */
function input(shape: number[], seed: number, lo = -2, hi = 2): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, (_, i) => {
    const u = Math.abs(Math.sin(seed * 97.13 + i * 12.9898) * 43758.5453) % 1;
    const v = lo + u * (hi - lo);
    return Math.abs(v) < 0.05 ? v + 0.1 : v; // away from 0 for relu/abs/sign-like kinks
  });
  return fromArray(values, shape, 'float64', true);
}

type Case = [name: string, fn: (...xs: Tensor[]) => Tensor, shapes: number[][], range?: [number, number], secondOrder?: boolean];
const op = (name: string, ...rest: unknown[]) => (...xs: Tensor[]): Tensor => callOp(name, ...xs, ...rest) as Tensor;

/** One line per differentiable op: its name, how to call it, input shapes (broadcasting where it matters). */
const CASES: Case[] = [
  ['add', op('add'), [[2, 3], [3]]],
  ['add with alpha', op('add', 2.5), [[2, 3], [2, 3]]],
  ['sub', op('sub'), [[2, 3], [2, 1]]],
  ['rsub', op('rsub'), [[3], [2, 3]]],
  ['mul', op('mul'), [[2, 3], [3]]],
  ['div', op('div'), [[2, 3], [3]], [0.5, 2]],
  ['neg', op('neg'), [[4]]],
  ['reciprocal', op('reciprocal'), [[4]], [0.5, 2]],
  ['pow tensor^scalar', (x) => x.pow(3), [[4]]],
  ['pow tensor^fractional', (x) => x.pow(1.5), [[4]], [0.5, 2]],
  ['pow tensor^tensor', op('pow'), [[2, 3], [3]], [0.5, 2]],
  ['pow scalar^tensor', (x) => callOp('pow', 2.5, x) as Tensor, [[4]]],
  ['exp', op('exp'), [[2, 3]]],
  ['log', op('log'), [[2, 3]], [0.5, 3]],
  ['sqrt', op('sqrt'), [[2, 3]], [0.5, 3]],
  ['tanh', op('tanh'), [[2, 3]]],
  ['sigmoid', op('sigmoid'), [[2, 3]]],
  ['relu', op('relu'), [[2, 3]]],
  ['abs', op('abs'), [[2, 3]]],
  ['clamp min', (x) => x.clamp(0.3), [[6]]],
  ['clamp max', (x) => x.clamp(null, 0.3), [[6]]],
  ['clamp both', (x) => x.clamp(-0.7, 0.7), [[6]]],
  ['sum all', (x) => x.sum(), [[2, 3]]],
  ['sum dim keepdim', (x) => x.sum(1, true), [[2, 3]]],
  ['mean dims', (x) => x.mean([0, 2]), [[2, 3, 2]]],
  ['mm', op('mm'), [[2, 3], [3, 2]]],
  ['mv', op('mv'), [[2, 3], [3]]],
  ['dot', op('dot'), [[3], [3]]],
  ['bmm', op('bmm'), [[2, 2, 3], [2, 3, 2]]],
  ['matmul batched broadcast', op('matmul'), [[2, 1, 2, 3], [3, 3, 2]]],
  ['matmul 1-D @ 2-D', op('matmul'), [[3], [3, 2]]],
  ['where', (a, b) => callOp('where', callOp('gt', a, 0), a, b) as Tensor, [[2, 3], [3]]],
  ['masked_fill', (a) => a.maskedFill(callOp('gt', a, 0.5) as Tensor, 0), [[2, 3]]],
  ['view', (x) => x.view(3, 2).mul(x.view(3, 2)), [[2, 3]]],
  ['reshape of non-contiguous', (x) => x.t().reshape(6).pow(2), [[2, 3]]],
  ['transpose', (x) => x.transpose(0, 1).matmul(x), [[2, 3]]],
  ['permute', (x) => x.permute(2, 0, 1).pow(2), [[2, 3, 2]]],
  ['unsqueeze/squeeze', (x) => x.unsqueeze(1).squeeze().exp(), [[3]]],
  ['expand', (x) => x.expand(2, 3).pow(2), [[1, 3]]],
  ['clone', (x) => x.clone().pow(2), [[3]]],
  ['select and slice', (x) => index(x, [{ kind: 'int', index: 1 }, { kind: 'slice', start: 0, stop: 3, step: 2 }]).pow(2), [[2, 3]]],
  ['advanced index', (x) => index(x, [{ kind: 'tensor', tensor: fromArray([1, 0, 1], [3], 'int64') }]).pow(2), [[2, 3]]],
  ['index_put', (x, v) => callOp('index_put', x, [fromArray([2, 0], [2], 'int64')], v) as Tensor, [[3, 2], [2]]],
  ['sin', op('sin'), [[2, 3]]],
  ['cos', op('cos'), [[2, 3]]],
  ['rsqrt', op('rsqrt'), [[4]], [0.5, 2]],
  ['log1p', op('log1p'), [[4]], [0, 2]],
  ['expm1', op('expm1'), [[4]]],
  ['log2', op('log2'), [[4]], [0.5, 2]],
  ['erf', op('erf'), [[4]]],
  ['maximum', op('maximum'), [[2, 3], [3]]],
  ['minimum', op('minimum'), [[2, 3], [2, 1]]],
  ['remainder', (a) => callOp('remainder', a, 0.7) as Tensor, [[4]], [0.1, 0.6]],
  ['max over all', (x) => callOp('max', x) as Tensor, [[2, 3]]],
  ['max along a dim', (x) => (callOp('max', x, 1) as Tensor[])[0], [[2, 3]]],
  ['amax', (x) => callOp('amax', x, [0]) as Tensor, [[2, 3]]],
  ['prod', (x) => callOp('prod', x, 1) as Tensor, [[2, 3]]],
  ['var', (x) => callOp('var', x, [1]) as Tensor, [[2, 3]]],
  ['std', (x) => callOp('std', x) as Tensor, [[2, 3]]],
  ['norm 2', (x) => callOp('norm', x) as Tensor, [[2, 3]]],
  ['norm 3 along a dim', (x) => callOp('norm', x, 3, [1]) as Tensor, [[2, 3]]],
  ['logsumexp', (x) => callOp('logsumexp', x, [1]) as Tensor, [[2, 3]]],
  ['cumsum', (x) => callOp('cumsum', x, 1) as Tensor, [[2, 3]]],
  ['cat', (a, b) => callOp('cat', [a, b], 1) as Tensor, [[2, 1], [2, 2]]],
  ['stack', (a, b) => callOp('stack', [a, b]) as Tensor, [[3], [3]]],
  ['repeat', (x) => callOp('repeat', x, [2, 2]) as Tensor, [[3]]],
  ['flip', (x) => (callOp('flip', x, [0]) as Tensor).pow(2), [[2, 3]]],
  ['gather', (x) => callOp('gather', x, 1, fromArray([0, 2, 1, 1], [2, 2], 'int64')) as Tensor, [[2, 3]]],
  ['scatter_add', (x, s) => callOp('scatter_add', x, 1, fromArray([0, 2, 1, 1], [2, 2], 'int64'), s) as Tensor, [[2, 3], [2, 2]]],
  ['addmm', op('addmm'), [[3], [2, 4], [4, 3]]],
  ['leaky_relu', (x) => callOp('leaky_relu', x, 0.2) as Tensor, [[2, 3]]],
  ['elu', op('elu'), [[2, 3]]],
  ['gelu', op('gelu'), [[2, 3]]],
  ['gelu tanh', (x) => callOp('gelu', x, 'tanh') as Tensor, [[2, 3]]],
  ['silu', op('silu'), [[2, 3]]],
  ['softplus', op('softplus'), [[2, 3]]],
  ['softmax', (x) => callOp('softmax', x, 1) as Tensor, [[2, 3]]],
  ['log_softmax', (x) => callOp('log_softmax', x, 0) as Tensor, [[2, 3]]],
  ['layer_norm', (x, w, b) => callOp('layer_norm', x, [3], w, b) as Tensor, [[2, 3], [3], [3]]],
  ['embedding', (w) => callOp('embedding', w, fromArray([1, 0, 1], [3], 'int64')) as Tensor, [[2, 3]]],
  ['mse_loss', op('mse_loss'), [[2, 3], [2, 3]]],
  ['smooth_l1_loss', op('smooth_l1_loss'), [[2, 3], [2, 3]]],
  ['nll_loss', (x) => callOp('nll_loss', x, fromArray([1, 0], [2], 'int64')) as Tensor, [[2, 3]]],
  ['binary_cross_entropy', op('binary_cross_entropy'), [[2, 3], [2, 3]], [0.1, 0.9]],
  ['binary_cross_entropy_with_logits', op('binary_cross_entropy_with_logits'), [[2, 3], [2, 3]]],
  ['lerp', op('lerp'), [[2, 3], [3], [2, 3]]],
  ['addcmul', (a, b, c) => callOp('addcmul', a, b, c, 0.5) as Tensor, [[2, 3], [2, 3], [3]]],
  ['addcdiv', op('addcdiv'), [[2, 3], [2, 3], [3]], [0.5, 2]],
  ['outer', op('outer'), [[3], [2]]],
  ['index_select', (x) => callOp('index_select', x, 1, fromArray([2, 0, 2], [3], 'int64')) as Tensor, [[2, 3]]],
  ['sort', (x) => (callOp('sort', x, 1, true) as Tensor[])[0], [[2, 3]]],
  ['topk', (x) => (callOp('topk', x, 2) as Tensor[])[0], [[2, 3]]],
  ['cross_entropy', (x) => callOp('cross_entropy', x, fromArray([2, 0], [2], 'int64')) as Tensor, [[2, 3]]],
  ['cross_entropy with probabilities', (x, t) => callOp('cross_entropy', x, t) as Tensor, [[2, 3], [2, 3]]],
  ['convolution 2-D with bias', (x, w, b) => callOp('convolution', x, w, b, [1, 1], [0, 0], [1, 1], false, [0, 0], 1) as Tensor, [[2, 2, 4, 4], [3, 2, 3, 3], [3]]],
  ['convolution 2-D strided, padded, dilated, grouped', (x, w) => callOp('convolution', x, w, null, [2, 1], [1, 0], [1, 2], false, [0, 0], 2) as Tensor, [[1, 4, 5, 5], [2, 2, 2, 2]]],
  ['convolution 1-D', (x, w, b) => callOp('convolution', x, w, b, [2], [1], [1], false, [0], 1) as Tensor, [[2, 2, 5], [3, 2, 2], [3]]],
  ['im2col', (x) => callOp('im2col', x, [2, 2], [1, 1], [1, 0], [2, 1]) as Tensor, [[1, 2, 3, 3]]],
  ['col2im', (x) => callOp('col2im', x, [3, 3], [2, 2], [1, 1], [0, 0], [1, 1]) as Tensor, [[1, 8, 4]]],
  ['max_pool2d_with_indices', (x) => (callOp('max_pool2d_with_indices', x, [2, 2]) as Tensor[])[0], [[1, 2, 4, 4]]],
  ['max_pool2d_with_indices padded, dilated, ceil_mode', (x) => (callOp('max_pool2d_with_indices', x, [3, 2], [2, 2], [1, 1], [1, 2], true) as Tensor[])[0], [[2, 1, 5, 6]]],
  ['avg_pool2d', (x) => callOp('avg_pool2d', x, [2, 2]) as Tensor, [[1, 2, 4, 4]]],
  ['avg_pool2d padded, ceil_mode, without padding in the count', (x) => callOp('avg_pool2d', x, [3, 3], [2, 2], [1, 1], true, false) as Tensor, [[1, 1, 6, 5]]],
  ['avg_pool2d_backward', (g) => callOp('avg_pool2d_backward', g, fromArray(new Array(25).fill(0), [1, 1, 5, 5], 'float64'), [3, 3], [2, 2], [1, 1], false, true, null) as Tensor, [[1, 1, 3, 3]]],
  ['_adaptive_avg_pool2d', (x) => callOp('_adaptive_avg_pool2d', x, [3, 2]) as Tensor, [[1, 2, 5, 5]]],
  ['_adaptive_avg_pool2d_backward', (g) => callOp('_adaptive_avg_pool2d_backward', g, fromArray(new Array(25).fill(0), [1, 1, 5, 5], 'float64')) as Tensor, [[1, 1, 3, 2]]],
  ['adaptive_max_pool2d', (x) => (callOp('adaptive_max_pool2d', x, [2, 3]) as Tensor[])[0], [[1, 2, 5, 5]]],
  ['native_batch_norm training', (x, w, b) => (callOp('native_batch_norm', x, w, b, null, null, true, 0.1, 1e-5) as Tensor[])[0], [[3, 2, 2], [2], [2]]],
  ['native_batch_norm eval', (x, w, b) => (callOp('native_batch_norm', x, w, b, fromArray([0.1, -0.2], [2], 'float64'), fromArray([1.5, 0.5], [2], 'float64'), false, 0.1, 1e-5) as Tensor[])[0], [[3, 2, 2], [2], [2]]],
  ['in-place on a view (CopySlices)', (x, v) => {
    const y = x.clone();
    index(y, [{ kind: 'int', index: 0 }]).mul_(v);
    return y.pow(2);
  }, [[2, 3], [3]]],
];

describe('gradients agree with finite differences (float64)', () => {
  for (const [name, fn, shapes, range] of CASES) {
    it(`${name}: first derivatives`, () => {
      const xs = shapes.map((s, i) => input(s, i + 1, ...(range ?? [-2, 2])));
      const result = gradcheck(fn, xs);
      expect(result.mismatches.slice(0, 3)).toEqual([]);
    });
  }
});

describe('backward rules are themselves differentiable (gradgradcheck)', () => {
  for (const [name, fn, shapes, range, second] of CASES) {
    if (second === false) continue;
    it(`${name}: second derivatives`, () => {
      const xs = shapes.map((s, i) => input(s, i + 1, ...(range ?? [-2, 2])));
      const result = gradgradcheck(fn, xs);
      expect(result.mismatches.slice(0, 3)).toEqual([]);
    });
  }
});

describe('gradcheck reports wrong Jacobian entries', () => {
  it('names the entry where a broken gradient differs', () => {
    const x = input([3], 1);
    // A hook that doubles the gradient makes the analytical Jacobian wrong.
    const broken = (t: Tensor): Tensor => {
      const y = t.mul(1);
      y.registerHook((g) => g.mul(2));
      return y.pow(2);
    };
    const result = gradcheck(broken, [x]);
    expect(result.ok).toBe(false);
    expect(result.mismatches[0]).toMatchObject({ input: 0, inputIndex: 0, outputIndex: 0 });
  });
});
