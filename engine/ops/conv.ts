/**
 * Convolution (1-D and 2-D, strided, padded, dilated, grouped) and the im2col/col2im pair it is
 * built from (F.unfold / F.fold). Forward: patches by im2col, then one gemm per sample and group,
 * started from the bias as PyTorch's slow_conv2d starts sgemm from it (beta = 1). Backward is
 * written with im2col, col2im and matmul ops, so a convolution's gradient is itself differentiable.
 */
import { allocate, type DType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import { col2im, im2col, slidingOutputSize, type WindowGeometry } from '../kernels/im2col.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { matmul, reshape, sum, transpose, unsqueeze, view } from './functional.ts';
import type { Args, OpDef } from './types.ts';
import { c, self } from './gradcheck-case.ts';

const T = (v: unknown): Tensor => v as Tensor;
const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

/** An `int[2]` argument given as one int or two. */
export function pairOf(v: unknown): [number, number] {
  const list = v as number[];
  return [list[0]!, list[1] ?? list[0]!];
}

const typeWord = (d: DType): string =>
  ({ float32: 'float', float64: 'double', int64: 'long', int32: 'int', int16: 'short', int8: 'signed char', uint8: 'unsigned char', bool: 'bool' })[d];

/** The window geometry of im2col/col2im arguments over a [.., C, H, W] input. */
function windowOf(channels: number, height: number, width: number, a: Args): WindowGeometry {
  const kernel = pairOf(a.kernel_size),
    stride = pairOf(a.stride),
    padding = pairOf(a.padding),
    dilation = pairOf(a.dilation);
  return {
    channels,
    height,
    width,
    kernel,
    stride,
    padding,
    dilation,
    outHeight: slidingOutputSize(height, kernel[0], stride[0], padding[0], dilation[0]),
    outWidth: slidingOutputSize(width, kernel[1], stride[1], padding[1], dilation[1]),
  };
}

export const im2colOp: OpDef = {
  name: 'im2col',
  signature: 'im2col(Tensor self, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor',
  method: false,
  function: false,
  display: { symbol: 'unfold', formula: 'each patch value is a copy: gradients of copies add back (col2im)' },
  gradFn: 'Im2ColBackward0',
  infer: (a) => {
    const x = T(a.self);
    if (x.dim() !== 3 && x.dim() !== 4) {
      throw runtimeError(
        `Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: [${x.shape.join(', ')}]`,
      );
    }
    const [c = 0, h = 0, w = 0] = x.shape.slice(-3);
    const g = windowOf(c, h, w, a);
    if (g.outHeight < 1 || g.outWidth < 1) {
      throw runtimeError(
        `Given input with spatial size (${h}, ${w}), kernel_size=(${g.kernel.join(', ')}), dilation=(${g.dilation.join(', ')}), padding=(${g.padding.join(', ')}), calculated shape of the array of sliding blocks as (${g.outHeight}, ${g.outWidth}), but its components must be at least one.`,
      );
    }
    const rows = c * g.kernel[0] * g.kernel[1],
      positions = g.outHeight * g.outWidth;
    return { shape: x.dim() === 4 ? [x.shape[0]!, rows, positions] : [rows, positions], dtype: x.dtype };
  },
  forward: (a, spec) => {
    const x = T(a.self);
    const [c = 0, h = 0, w = 0] = x.shape.slice(-3);
    const g = windowOf(c, h, w, a);
    const batch = x.dim() === 4 ? x.shape[0]! : 1;
    const src = x.contiguousValues(),
      out = allocate(spec.dtype, batch * c * g.kernel[0] * g.kernel[1] * g.outHeight * g.outWidth);
    const inStride = c * h * w,
      outStride = out.length / Math.max(batch, 1);
    for (let n = 0; n < batch; n++) im2col(src, n * inStride, g, out, n * outStride);
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => {
    const [h = 0, w = 0] = ctx.meta('self').shape.slice(-2);
    const { kernel_size, dilation, padding, stride } = ctx.args;
    return [op('col2im', g, [h, w], kernel_size, dilation, padding, stride)];
  },
  gradcheck: [c([[1, 2, 3, 3]], self([2, 2], [1, 1], [1, 0], [2, 1]))],
};

export const col2imOp: OpDef = {
  name: 'col2im',
  signature: 'col2im(Tensor self, int[2] output_size, int[2] kernel_size, int[2] dilation, int[2] padding, int[2] stride) -> Tensor',
  method: false,
  function: false,
  display: { symbol: 'fold', formula: 'sums patches into place: the gradient is each patch read back (im2col)' },
  gradFn: 'Col2ImBackward0',
  infer: (a) => {
    const x = T(a.self);
    const [rows = 0, positions = 0] = x.shape.slice(-2);
    const [kh, kw] = pairOf(a.kernel_size),
      [h, w] = pairOf(a.output_size);
    if (x.dim() !== 2 && x.dim() !== 3) {
      throw runtimeError(
        `Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero dimensions for input, but got: [${x.shape.join(', ')}]`,
      );
    }
    if (rows % (kh * kw) !== 0) {
      throw runtimeError(
        `Expected size of input's dimension 1 to be divisible by the product of kernel_size, but got input.size(1)=${rows} and kernel_size=(${kh}, ${kw})`,
      );
    }
    const g = windowOf(rows / (kh * kw), h, w, a);
    if (g.outHeight * g.outWidth !== positions) {
      throw runtimeError(
        `Given output_size=(${h}, ${w}), kernel_size=(${kh}, ${kw}), dilation=(${g.dilation.join(', ')}), padding=(${g.padding.join(', ')}), stride=(${g.stride.join(', ')}), expected size of input's dimension 2 to match the calculated number of sliding blocks ${g.outHeight} * ${g.outWidth} = ${g.outHeight * g.outWidth}, but got input.size(2)=${positions}.`,
      );
    }
    const c = g.channels;
    return { shape: x.dim() === 3 ? [x.shape[0]!, c, h, w] : [c, h, w], dtype: x.dtype };
  },
  forward: (a, spec) => {
    const x = T(a.self);
    const [c = 0, h = 0, w = 0] = spec.shape.slice(-3);
    const g = windowOf(c, h, w, a);
    const batch = x.dim() === 3 ? x.shape[0]! : 1;
    const cols = x.contiguousValues(),
      out = allocate(spec.dtype, batch * c * h * w);
    const inStride = cols.length / Math.max(batch, 1),
      outStride = c * h * w;
    for (let n = 0; n < batch; n++) col2im(cols, n * inStride, g, out, n * outStride);
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => {
    const { kernel_size, dilation, padding, stride } = ctx.args;
    return [op('im2col', g, kernel_size, dilation, padding, stride)];
  },
  gradcheck: [c([[1, 8, 4]], self([3, 3], [2, 2], [1, 1], [0, 0], [1, 1]))],
};

/** A 1-D convolution's arguments as a 2-D one's over [N, C, 1, L] (PyTorch does the same). */
interface Conv2dView {
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly dilation: [number, number];
  readonly groups: number;
}

function as2d(a: Args): Conv2dView {
  const x = T(a.input),
    w = T(a.weight);
  const list = (v: unknown): number[] => v as number[];
  const spatial = w.dim() - 2;
  const at = (v: unknown, i: number): number => list(v)[i] ?? list(v)[0]!;
  if (spatial === 1) {
    return {
      input: unsqueezeData(x, 2),
      weight: unsqueezeData(w, 2),
      groups: a.groups as number,
      stride: [1, at(a.stride, 0)],
      padding: [0, at(a.padding, 0)],
      dilation: [1, at(a.dilation, 0)],
    };
  }
  return {
    input: x,
    weight: w,
    groups: a.groups as number,
    stride: [at(a.stride, 0), at(a.stride, 1)],
    padding: [at(a.padding, 0), at(a.padding, 1)],
    dilation: [at(a.dilation, 0), at(a.dilation, 1)],
  };
}

/** A size-1 dim inserted at `dim`, sharing data, with no autograd (forward only). */
function unsqueezeData(t: Tensor, dim: number): Tensor {
  const shape = [...t.shape],
    strides = [...t.strides];
  shape.splice(dim, 0, 1);
  strides.splice(dim, 0, (strides[dim] ?? 1) * (t.shape[dim] ?? 1));
  return new Tensor(t.storage, shape, strides, t.offset, t.dtype);
}

function checkConvolution(a: Args): void {
  const x = T(a.input),
    w = T(a.weight),
    b = a.bias as Tensor | null;
  const groups = a.groups as number;
  if (a.transposed) throw runtimeError('Gradscope does not support transposed convolution yet');
  if (w.dim() !== 3 && w.dim() !== 4) throw runtimeError(`Gradscope supports 1-D and 2-D convolutions; got a ${w.dim()}-dimensional weight`);
  if (x.dim() !== w.dim()) {
    throw runtimeError(
      `Expected ${w.dim()}-dimensional input for ${w.dim()}-dimensional weight [${w.shape.join(', ')}], but got ${x.dim()}-dimensional input of size [${x.shape.join(', ')}] instead`,
    );
  }
  if (x.dtype !== w.dtype) {
    throw runtimeError(`Input type (${typeWord(x.dtype)}) and weight type (${typeWord(w.dtype)}) should be the same`);
  }
  if (groups <= 0) throw runtimeError('non-positive groups is not supported');
  if (w.shape[0]! % groups !== 0)
    throw runtimeError(
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${w.shape.join(', ')}] instead`,
    );
  if (x.shape[1] !== w.shape[1]! * groups) {
    throw runtimeError(
      `Given groups=${groups}, weight of size [${w.shape.join(', ')}], expected input[${x.shape.join(', ')}] to have ${w.shape[1]! * groups} channels, but got ${x.shape[1]} channels instead`,
    );
  }
  if (b && (b.dim() !== 1 || b.shape[0] !== w.shape[0])) {
    throw runtimeError(
      `Given weight of size [${w.shape.join(', ')}], expected bias to be 1-dimensional with ${w.shape[0]} elements, but got bias of size [${b.shape.join(', ')}] instead`,
    );
  }
  const v = as2d(a);
  const padded = v.input.shape.slice(2).map((s, i) => s + 2 * v.padding[i]!);
  const kernel = v.weight.shape.slice(2).map((k, i) => v.dilation[i]! * (k - 1) + 1);
  if (padded.some((s, i) => s < kernel[i]!)) {
    const few = w.dim() === 3 ? [padded[1]] : padded,
      ks = w.dim() === 3 ? [kernel[1]] : kernel;
    throw runtimeError(
      `Calculated padded input size per channel: (${few.join(' x ')}). Kernel size: (${ks.join(' x ')}). Kernel size can't be greater than actual input size`,
    );
  }
}

export const convolutionOp: OpDef = {
  name: 'convolution',
  signature:
    'convolution(Tensor input, Tensor weight, Tensor? bias, int[] stride, int[] padding, int[] dilation, bool transposed, int[] output_padding, int groups) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'conv', formula: '∂/∂x = weight correlated back (col2im(Wᵀ·g)), ∂/∂W = g·patchesᵀ, ∂/∂b = Σg' },
  gradFn: 'ConvolutionBackward0',
  inputs: ['input', 'weight', 'bias'],
  infer: (a) => {
    checkConvolution(a);
    const v = as2d(a),
      x = T(a.input),
      w = T(a.weight);
    const out = [0, 1].map((i) => slidingOutputSize(v.input.shape[2 + i]!, v.weight.shape[2 + i]!, v.stride[i]!, v.padding[i]!, v.dilation[i]!));
    return { shape: [x.shape[0]!, w.shape[0]!, ...(w.dim() === 3 ? [out[1]!] : out)], dtype: x.dtype };
  },
  forward: (a, spec) => {
    const v = as2d(a),
      bias = a.bias as Tensor | null;
    const [batch = 0, channels = 0, height = 0, width = 0] = v.input.shape;
    const [outChannels = 0, groupChannels = 0, kh = 0, kw = 0] = v.weight.shape;
    const g: WindowGeometry = {
      channels,
      height,
      width,
      kernel: [kh, kw],
      stride: v.stride,
      padding: v.padding,
      dilation: v.dilation,
      outHeight: slidingOutputSize(height, kh, v.stride[0], v.padding[0], v.dilation[0]),
      outWidth: slidingOutputSize(width, kw, v.stride[1], v.padding[1], v.dilation[1]),
    };
    const groups = v.groups,
      positions = g.outHeight * g.outWidth,
      patch = groupChannels * kh * kw,
      groupOut = outChannels / groups;
    const x = v.input.contiguousValues(),
      w = v.weight.contiguousValues();
    const cols = allocate(spec.dtype, channels * kh * kw * positions);
    const out = allocate(spec.dtype, batch * outChannels * positions);
    const biasValues = bias ? bias.contiguousValues() : null;
    const weightView = { data: w, shape: [groups, groupOut, patch], strides: [groupOut * patch, patch, 1], offset: 0 };
    for (let n = 0; n < batch; n++) {
      im2col(x, n * channels * height * width, g, cols, 0);
      const sample = out.subarray(n * outChannels * positions, (n + 1) * outChannels * positions);
      if (biasValues) for (let o = 0; o < outChannels; o++) sample.fill(biasValues[o]!, o * positions, (o + 1) * positions);
      kernels().matmul(
        weightView,
        { data: cols, shape: [groups, patch, positions], strides: [patch * positions, positions, 1], offset: 0 },
        sample,
        biasValues !== null,
      );
    }
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  save: (a) => ({ input: T(a.input), weight: T(a.weight) }),
  backward: (ctx, g) => {
    const x = ctx.saved('input'),
      w = ctx.saved('weight');
    const a = { ...ctx.args, input: x, weight: w };
    const v = as2d(a);
    const is1d = w.dim() === 3;
    const [batch = 0, channels = 0, height = 0, width = 0] = v.input.shape;
    const [outChannels = 0, groupChannels = 0, kh = 0, kw = 0] = v.weight.shape;
    const groups = v.groups,
      patch = groupChannels * kh * kw;
    const g4 = is1d ? unsqueeze(g, 2) : g;
    const positions = g4.shape[2]! * g4.shape[3]!;
    const gradGroups = reshape(g4, [batch, groups, outChannels / groups, positions]);
    const window = [[kh, kw], v.dilation, v.padding, v.stride] as const;
    let gradInput: Tensor | null = null,
      gradWeight: Tensor | null = null;
    if (ctx.needsInputGrad(0)) {
      const weightGroups = view(reshape(w, [outChannels, patch]), [groups, outChannels / groups, patch]);
      const patches = reshape(matmul(transpose(weightGroups, 1, 2), gradGroups), [batch, channels * kh * kw, positions]);
      const image = op('col2im', patches, [height, width], ...window);
      gradInput = is1d ? view(image, x.shape) : image;
    }
    if (ctx.needsInputGrad(1)) {
      const input4 = is1d ? unsqueeze(x, 2) : x;
      const patches = view(op('im2col', input4, ...window), [batch, groups, patch, positions]);
      gradWeight = reshape(sum(matmul(gradGroups, transpose(patches, 2, 3)), [0]), w.shape);
    }
    const gradBias = ctx.needsInputGrad(2) ? sum(g, [0, ...Array.from({ length: g.dim() - 2 }, (_, i) => i + 2)]) : null;
    return [gradInput, gradWeight, gradBias];
  },
  gradcheck: [
    c([[2, 2, 4, 4], [3, 2, 3, 3], [3]], (xs) => [xs[0], xs[1], xs[2], [1, 1], [1, 0], [1, 1], false, [0, 0], 1]),
    c([[2, 2, 4, 4], [3, 2, 3, 3], [3]], self([1, 1], [0, 0], [1, 1], false, [0, 0], 1), { label: '2-D with bias' }),
    c(
      [
        [1, 4, 5, 5],
        [2, 2, 2, 2],
      ],
      (xs) => [xs[0], xs[1], null, [2, 1], [1, 0], [1, 2], false, [0, 0], 2],
      { label: '2-D strided, padded, dilated, grouped' },
    ),
    c([[2, 2, 5], [3, 2, 2], [3]], self([2], [1], [1], false, [0], 1), { label: '1-D' }),
  ],
};
