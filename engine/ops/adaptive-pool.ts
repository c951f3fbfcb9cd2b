/**
 * Adaptive 2-D pooling: the input split into an output-sized grid of windows, window i spanning
 * [floor(i·H/oh), ceil((i+1)·H/oh)) as PyTorch's start_index/end_index. The average divides by the
 * window's height, then by its width (PyTorch's two roundings); its gradient is a linear op whose
 * own gradient is the pool again. The max records argmax indices; its gradient is a scatter-add.
 */
import { allocate } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { Tensor } from '../tensor.ts';
import { pairOf } from './conv.ts';
import { callOp } from './dispatch.ts';
import { filled } from './tensor-utils.ts';
import type { Args, OpDef } from './types.ts';
import { c, float64, self } from './gradcheck-case.ts';

const T = (v: unknown): Tensor => v as Tensor;
const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

interface Grid {
  readonly planes: number;
  readonly height: number;
  readonly width: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

function gridOf(shape: readonly number[], outputSize: unknown, name: string): Grid {
  if (shape.length !== 3 && shape.length !== 4) {
    throw runtimeError(`${name}(): Expected 3D or 4D tensor, but got ${JSON.stringify(shape).replace(/,/g, ', ')}`);
  }
  const [outHeight, outWidth] = pairOf(outputSize);
  if (outHeight < 0 || outWidth < 0)
    throw runtimeError(`${name}: elements of output_size must be greater than or equal to 0 but received {${outHeight}, ${outWidth}}`);
  const [height = 0, width = 0] = shape.slice(-2);
  return { planes: shape.slice(0, -2).reduce((p, s) => p * s, 1), height, width, outHeight, outWidth };
}

/** Visit every window of the grid: its output index and input bounds. */
function forEachWindow(g: Grid, visit: (o: number, y0: number, y1: number, x0: number, x1: number) => void): void {
  for (let oy = 0, o = 0; oy < g.outHeight; oy++) {
    const y0 = Math.floor((oy * g.height) / g.outHeight),
      y1 = Math.ceil(((oy + 1) * g.height) / g.outHeight);
    for (let ox = 0; ox < g.outWidth; ox++, o++) {
      visit(o, y0, y1, Math.floor((ox * g.width) / g.outWidth), Math.ceil(((ox + 1) * g.width) / g.outWidth));
    }
  }
}

const outShape = (shape: readonly number[], g: Grid): number[] => [...shape.slice(0, -2), g.outHeight, g.outWidth];

export const adaptiveAvgPool2dOp: OpDef = {
  name: '_adaptive_avg_pool2d',
  signature: '_adaptive_avg_pool2d(Tensor self, int[2] output_size) -> Tensor',
  method: false,
  function: false,
  display: { symbol: 'adaptive avg', formula: 'each window value gets gradient / window size' },
  gradFn: 'AdaptiveAvgPool2DBackward0',
  infer: (a: Args) => ({ shape: outShape(T(a.self).shape, gridOf(T(a.self).shape, a.output_size, 'adaptive_avg_pool2d')), dtype: T(a.self).dtype }),
  forward: (a, spec) => {
    const x = T(a.self),
      g = gridOf(x.shape, a.output_size, 'adaptive_avg_pool2d');
    const src = x.contiguousValues(),
      plane = g.height * g.width,
      positions = g.outHeight * g.outWidth;
    const out = allocate(spec.dtype, g.planes * positions);
    const round = spec.dtype === 'float32' ? Math.fround : (v: number): number => v;
    for (let p = 0; p < g.planes; p++) {
      const base = p * plane;
      forEachWindow(g, (o, y0, y1, x0, x1) => {
        let s = 0;
        for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) s = round(s + src[base + y * g.width + xx]!);
        out[p * positions + o] = round(round(s / (y1 - y0)) / (x1 - x0));
      });
    }
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => [op('_adaptive_avg_pool2d_backward', g, filled(ctx.meta('self').shape, ctx.meta('self').dtype, 0))],
  gradcheck: [c([[1, 2, 5, 5]], self([3, 2]))],
};

export const adaptiveAvgPool2dBackwardOp: OpDef = {
  name: '_adaptive_avg_pool2d_backward',
  signature: '_adaptive_avg_pool2d_backward(Tensor grad_output, Tensor self) -> Tensor',
  method: false,
  function: false,
  display: { symbol: 'adaptive avg⁻', formula: 'linear in grad_output: its gradient is the adaptive average pool' },
  gradFn: 'AdaptiveAvgPool2DBackwardBackward0',
  inputs: ['grad_output'],
  infer: (a) => ({ shape: T(a.self).shape, dtype: T(a.self).dtype }),
  forward: (a, spec) => {
    const grad = T(a.grad_output),
      x = T(a.self);
    const g = gridOf(x.shape, grad.shape.slice(-2), 'adaptive_avg_pool2d_backward');
    const values = grad.contiguousValues(),
      plane = g.height * g.width,
      positions = g.outHeight * g.outWidth;
    const out = allocate(spec.dtype, g.planes * plane);
    const round = spec.dtype === 'float32' ? Math.fround : (v: number): number => v;
    for (let p = 0; p < g.planes; p++) {
      const base = p * plane;
      forEachWindow(g, (o, y0, y1, x0, x1) => {
        const share = round(round(values[p * positions + o]! / (y1 - y0)) / (x1 - x0));
        for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) out[base + y * g.width + xx] += share;
      });
    }
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => [op('_adaptive_avg_pool2d', g, ctx.meta('grad_output').shape.slice(-2))],
  gradcheck: [c([[1, 1, 3, 2]], (xs) => [xs[0], float64(new Array(25).fill(0), [1, 1, 5, 5])])],
};

export const adaptiveMaxPool2dOp: OpDef = {
  name: 'adaptive_max_pool2d',
  signature: 'adaptive_max_pool2d(Tensor self, int[2] output_size) -> (Tensor, Tensor)',
  method: false,
  function: false,
  display: { symbol: 'adaptive max', formula: 'gradient goes to the largest value of each window' },
  gradFn: 'AdaptiveMaxPool2DBackward0',
  infer: (a) => ({ shape: outShape(T(a.self).shape, gridOf(T(a.self).shape, a.output_size, 'adaptive_max_pool2d')), dtype: T(a.self).dtype }),
  forward: (a, spec) => {
    const x = T(a.self),
      g = gridOf(x.shape, a.output_size, 'adaptive_max_pool2d');
    const src = x.contiguousValues(),
      plane = g.height * g.width,
      positions = g.outHeight * g.outWidth;
    const out = allocate(spec.dtype, g.planes * positions),
      indices = allocate('int64', g.planes * positions);
    for (let p = 0; p < g.planes; p++) {
      const base = p * plane;
      forEachWindow(g, (o, y0, y1, x0, x1) => {
        let best = -Infinity,
          bestIndex = y0 * g.width + x0;
        for (let y = y0; y < y1; y++) {
          for (let xx = x0; xx < x1; xx++) {
            const v = src[base + y * g.width + xx]!;
            if (v > best || Number.isNaN(v)) {
              best = v;
              bestIndex = y * g.width + xx;
            }
          }
        }
        out[p * positions + o] = best;
        indices[p * positions + o] = bestIndex;
      });
    }
    return [Tensor.fromData(out, spec.shape, spec.dtype), Tensor.fromData(indices, spec.shape, 'int64')];
  },
  save: (_a, _out, outputs) => ({ indices: outputs[1]! }),
  backward: (ctx, g) => {
    const input = ctx.meta('self');
    const planes = input.shape.slice(0, -2).reduce((p, s) => p * s, 1),
      plane = input.shape.slice(-2).reduce((p, s) => p * s, 1);
    const grad = op(
      'scatter_add',
      filled([planes, plane], input.dtype, 0),
      1,
      op('reshape', ctx.saved('indices'), [planes, -1]),
      op('reshape', g, [planes, -1]),
    );
    return [op('view', grad, input.shape)];
  },
  gradcheck: [c([[1, 2, 5, 5]], self([2, 3]))],
};
