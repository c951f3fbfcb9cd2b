/**
 * 2-D max and average pooling over [N, C, H, W] (or unbatched [C, H, W]) inputs, with PyTorch's
 * windows (padding, dilation, ceil_mode), NaN propagation and divisors. max_pool2d_with_indices'
 * gradient is a scatter-add at the argmax indices (so its own gradient is a gather); avg_pool2d's
 * is avg_pool2d_backward, a linear op whose gradient is avg_pool2d again (as in PyTorch).
 */
import { allocate } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { Tensor } from '../tensor.ts';
import { pairOf } from './conv.ts';
import { callOp } from './dispatch.ts';
import { filled } from './tensor-utils.ts';
import type { Args, OpDef, OutputSpec } from './types.ts';
import { c, float64, program, self } from './gradcheck-case.ts';

const T = (v: unknown): Tensor => v as Tensor;
const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

/** PyTorch's pooling_output_shape: floor or ceil, where a last window must start inside the input or left padding. */
function pooledSize(size: number, kernel: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number {
  let out = Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0)) / stride) + 1;
  if (ceilMode && (out - 1) * stride >= size + pad) out--;
  return out;
}

interface PoolWindow {
  readonly kernel: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
  readonly planes: number;
  readonly height: number;
  readonly width: number;
  readonly outHeight: number;
  readonly outWidth: number;
  /** The output shape: input's leading dims, then [outHeight, outWidth]. */
  readonly shape: number[];
}

/** Window geometry and PyTorch's shape checks (pool2d_shape_check) for one pooling call. */
function poolWindow(x: { shape: readonly number[]; dim(): number }, a: Args, name: string): PoolWindow {
  const kernel = pairOf(a.kernel_size);
  const strideList = a.stride as number[];
  const stride = strideList.length === 0 ? kernel : pairOf(strideList);
  const padding = pairOf(a.padding),
    dilation = a.dilation === undefined ? ([1, 1] as [number, number]) : pairOf(a.dilation);
  if ((a.kernel_size as number[]).length > 2 || (a.kernel_size as number[]).length === 0) {
    throw runtimeError(`${name}: kernel_size must either be a single int, or a tuple of two ints`);
  }
  if (x.dim() !== 3 && x.dim() !== 4) {
    throw runtimeError(`non-empty 3D or 4D (batch mode) tensor expected for input`);
  }
  if (kernel[0] <= 0 || kernel[1] <= 0) throw runtimeError(`kernel size should be greater than zero, but got kH: ${kernel[0]} kW: ${kernel[1]}`);
  if (stride[0] <= 0 || stride[1] <= 0) throw runtimeError(`stride should be greater than zero, but got dH: ${stride[0]} dW: ${stride[1]}`);
  if (dilation[0] <= 0 || dilation[1] <= 0)
    throw runtimeError(`dilation should be greater than zero, but got dilationH: ${dilation[0]} dilationW: ${dilation[1]}`);
  // PyTorch 2.x's pooling_output_shape check (1.13 words it "at most half of kernel size, but got pad=2 and kernel_size=2").
  for (let d = 0; d < 2; d++) {
    if (padding[d]! < 0) throw runtimeError(`pad must be non-negative, but got pad: ${padding[d]}`);
    if (padding[d]! > Math.floor(((kernel[d]! - 1) * dilation[d]! + 1) / 2)) {
      throw runtimeError(
        `pad should be at most half of effective kernel size, but got pad=${padding[d]}, kernel_size=${kernel[d]} and dilation=${dilation[d]}`,
      );
    }
  }
  if (Math.floor(kernel[1] / 2) < padding[1] || Math.floor(kernel[0] / 2) < padding[0]) {
    throw runtimeError(
      `pad should be smaller than or equal to half of kernel size, but got padW = ${padding[1]}, padH = ${padding[0]}, kW = ${kernel[1]}, kH = ${kernel[0]}`,
    );
  }
  const [height = 0, width = 0] = x.shape.slice(-2);
  const ceilMode = Boolean(a.ceil_mode);
  const outHeight = pooledSize(height, kernel[0], padding[0], stride[0], dilation[0], ceilMode);
  const outWidth = pooledSize(width, kernel[1], padding[1], stride[1], dilation[1], ceilMode);
  const planes = x.shape.slice(0, -2).reduce((p, s) => p * s, 1);
  if (outHeight < 1 || outWidth < 1) {
    const c = x.shape[x.dim() - 3];
    throw runtimeError(`Given input size: (${c}x${height}x${width}). Calculated output size: (${c}x${outHeight}x${outWidth}). Output size is too small`);
  }
  return { kernel, stride, padding, dilation, planes, height, width, outHeight, outWidth, shape: [...x.shape.slice(0, -2), outHeight, outWidth] };
}

export const maxPool2dWithIndicesOp: OpDef = {
  name: 'max_pool2d_with_indices',
  signature:
    'max_pool2d_with_indices(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, int[2] dilation=1, bool ceil_mode=False) -> (Tensor, Tensor)',
  method: false,
  function: false,
  display: { symbol: 'maxpool', formula: 'gradient goes to the largest value of each window' },
  gradFn: 'MaxPool2DWithIndicesBackward0',
  infer: (a) => ({ shape: poolWindow(T(a.self), a, 'max_pool2d').shape, dtype: T(a.self).dtype }),
  forward: (a, spec) => {
    const x = T(a.self),
      w = poolWindow(x, a, 'max_pool2d');
    const src = x.contiguousValues();
    const positions = w.outHeight * w.outWidth,
      plane = w.height * w.width;
    const out = allocate(spec.dtype, w.planes * positions),
      indices = allocate('int64', w.planes * positions);
    const [kh, kw] = w.kernel,
      [sh, sw] = w.stride,
      [ph, pw] = w.padding,
      [dh, dw] = w.dilation;
    for (let p = 0, o = 0; p < w.planes; p++) {
      const base = p * plane;
      for (let oy = 0; oy < w.outHeight; oy++) {
        let y0 = oy * sh - ph;
        const y1 = Math.min(y0 + (kh - 1) * dh + 1, w.height);
        while (y0 < 0) y0 += dh;
        for (let ox = 0; ox < w.outWidth; ox++, o++) {
          let x0 = ox * sw - pw;
          const x1 = Math.min(x0 + (kw - 1) * dw + 1, w.width);
          while (x0 < 0) x0 += dw;
          let best = -Infinity,
            bestIndex = y0 * w.width + x0;
          for (let y = y0; y < y1; y += dh) {
            for (let xx = x0; xx < x1; xx += dw) {
              const v = src[base + y * w.width + xx]!;
              if (v > best || Number.isNaN(v)) {
                best = v;
                bestIndex = y * w.width + xx;
              }
            }
          }
          out[o] = best;
          indices[o] = bestIndex;
        }
      }
    }
    return [Tensor.fromData(out, spec.shape, spec.dtype), Tensor.fromData(indices, spec.shape, 'int64')];
  },
  save: (_a, _out, outputs) => ({ indices: outputs[1]! }),
  backward: (ctx, g) => {
    const input = ctx.meta('self');
    const indices = ctx.saved('indices');
    const planes = input.shape.slice(0, -2).reduce((p, s) => p * s, 1),
      plane = input.shape.slice(-2).reduce((p, s) => p * s, 1);
    const flatIndices = op('reshape', indices, [planes, -1]);
    const grad = op('scatter_add', filled([planes, plane], input.dtype, 0), 1, flatIndices, op('reshape', g, [planes, -1]));
    return [op('view', grad, input.shape)];
  },
  gradcheck: [
    c([[1, 2, 4, 4]], self([2, 2])),
    program(
      'padded, dilated, ceil_mode',
      [[2, 1, 5, 6]],
      (xs) => (callOp('max_pool2d_with_indices', xs[0], [3, 2], [2, 2], [1, 1], [1, 2], true) as Tensor[])[0]!,
    ),
  ],
};

/** The average pool's window for one output: clipped bounds and PyTorch's divisor. */
function averageWindows(w: PoolWindow, a: Args, visit: (outIndex: number, y0: number, y1: number, x0: number, x1: number, divisor: number) => void): void {
  const [kh, kw] = w.kernel,
    [sh, sw] = w.stride,
    [ph, pw] = w.padding;
  const override = a.divisor_override as number | null,
    countPadding = Boolean(a.count_include_pad);
  for (let oy = 0, o = 0; oy < w.outHeight; oy++) {
    for (let ox = 0; ox < w.outWidth; ox++, o++) {
      let y0 = oy * sh - ph,
        x0 = ox * sw - pw;
      let y1 = Math.min(y0 + kh, w.height + ph),
        x1 = Math.min(x0 + kw, w.width + pw);
      const poolSize = (y1 - y0) * (x1 - x0);
      y0 = Math.max(y0, 0);
      x0 = Math.max(x0, 0);
      y1 = Math.min(y1, w.height);
      x1 = Math.min(x1, w.width);
      const divisor = override ?? (countPadding ? poolSize : (y1 - y0) * (x1 - x0));
      visit(o, y0, y1, x0, x1, divisor);
    }
  }
}

function checkAverageArgs(a: Args): void {
  if (a.divisor_override !== null && a.divisor_override !== undefined && (a.divisor_override as number) === 0) {
    throw runtimeError('divisor must be not zero');
  }
}

const avgInfer = (a: Args): OutputSpec => {
  checkAverageArgs(a);
  return { shape: poolWindow(T(a.self), a, 'avg_pool2d').shape, dtype: T(a.self).dtype };
};

export const avgPool2dOp: OpDef = {
  name: 'avg_pool2d',
  signature:
    'avg_pool2d(Tensor self, int[2] kernel_size, int[2] stride=[], int[2] padding=0, bool ceil_mode=False, bool count_include_pad=True, int? divisor_override=None) -> Tensor',
  method: false,
  function: false,
  display: { symbol: 'avgpool', formula: 'each window value gets gradient / window size' },
  gradFn: 'AvgPool2DBackward0',
  infer: avgInfer,
  forward: (a, spec) => {
    const x = T(a.self),
      w = poolWindow(x, a, 'avg_pool2d');
    const src = x.contiguousValues(),
      positions = w.outHeight * w.outWidth,
      plane = w.height * w.width;
    const out = allocate(spec.dtype, w.planes * positions);
    const isFloat32 = spec.dtype === 'float32';
    for (let p = 0; p < w.planes; p++) {
      const base = p * plane,
        outBase = p * positions;
      averageWindows(w, a, (o, y0, y1, x0, x1, divisor) => {
        // PyTorch sums a float32 window in float32, one rounding per value.
        let s = 0;
        for (let y = y0; y < y1; y++) {
          for (let xx = x0; xx < x1; xx++) s = isFloat32 ? Math.fround(s + src[base + y * w.width + xx]!) : s + src[base + y * w.width + xx]!;
        }
        out[outBase + o] = y0 >= y1 || x0 >= x1 ? 0 : s / divisor;
      });
    }
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => {
    const { kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override } = ctx.args;
    const input = filled(ctx.meta('self').shape, ctx.meta('self').dtype, 0);
    return [op('avg_pool2d_backward', g, input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)];
  },
  gradcheck: [
    c([[1, 2, 5, 4]], self([3, 2], [2, 2], [1, 1], true, false)),
    c([[1, 2, 4, 4]], self([2, 2]), { label: 'plain 2×2' }),
    c([[1, 1, 6, 5]], self([3, 3], [2, 2], [1, 1], true, false), { label: 'padded, ceil_mode, without padding in the count' }),
  ],
};

export const avgPool2dBackwardOp: OpDef = {
  name: 'avg_pool2d_backward',
  signature:
    'avg_pool2d_backward(Tensor grad_output, Tensor self, int[2] kernel_size, int[2] stride, int[2] padding, bool ceil_mode, bool count_include_pad, int? divisor_override) -> Tensor',
  method: false,
  function: false,
  display: { symbol: 'avgpool⁻', formula: 'linear in grad_output: its gradient is avg_pool2d' },
  gradFn: 'AvgPool2DBackwardBackward0',
  inputs: ['grad_output'],
  infer: (a) => ({ shape: T(a.self).shape, dtype: T(a.self).dtype }),
  forward: (a, spec) => {
    const x = T(a.self),
      w = poolWindow(x, a, 'avg_pool2d');
    const grad = T(a.grad_output).contiguousValues(),
      positions = w.outHeight * w.outWidth,
      plane = w.height * w.width;
    const out = allocate(spec.dtype, w.planes * plane);
    const isFloat32 = spec.dtype === 'float32';
    for (let p = 0; p < w.planes; p++) {
      const base = p * plane,
        gradBase = p * positions;
      averageWindows(w, a, (o, y0, y1, x0, x1, divisor) => {
        const share = isFloat32 ? Math.fround(grad[gradBase + o]! / divisor) : grad[gradBase + o]! / divisor;
        for (let y = y0; y < y1; y++) for (let xx = x0; xx < x1; xx++) out[base + y * w.width + xx] += share;
      });
    }
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => {
    const { kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override } = ctx.args;
    return [op('avg_pool2d', g, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)];
  },
  gradcheck: [c([[1, 1, 3, 3]], (xs) => [xs[0], float64(new Array(25).fill(0), [1, 1, 5, 5]), [3, 3], [2, 2], [1, 1], false, true, null])],
};
