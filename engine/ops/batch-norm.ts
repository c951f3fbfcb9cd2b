/**
 * native_batch_norm: per-channel normalisation over [N, C, *] with batch statistics (training,
 * updating the running buffers in place with PyTorch's momentum and unbiased variance) or the
 * running ones (eval). Forward rounds as PyTorch's CPU kernel: sums in float64, the mean and the
 * variance sum stored in the input's dtype, then out = x·α + β (one fused rounding) with
 * α = invstd·weight and β = bias − mean·α per channel. Backward recomputes the statistics with
 * engine ops, so it is itself differentiable.
 */
import { allocate, type NumericArray } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { add, mul, sub, sum, view } from './functional.ts';
import type { Args, OpDef } from './types.ts';
import { c, float64, self } from './gradcheck-case.ts';

const T = (v: unknown): Tensor => v as Tensor;
const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

/** Per-channel values of an optional [C] tensor, or `fallback` for every channel. */
function channelValues(t: Tensor | null, channels: number, fallback: number): NumericArray {
  if (t) return t.contiguousValues();
  return new Float64Array(channels).fill(fallback);
}

/** Write `values` into a 1-D buffer in place (running_mean/running_var) and count the write. */
function writeBuffer(buffer: Tensor, values: Float64Array): void {
  const data = buffer.data,
    stride = buffer.strides[0] ?? 1;
  for (let c = 0; c < values.length; c++) data[buffer.offset + c * stride] = values[c]!;
  buffer.bumpVersion();
}

function checkBuffer(t: Tensor | null, name: string, channels: number): void {
  if (t && t.numel() !== channels) throw runtimeError(`${name} should contain ${channels} elements not ${t.numel()}`);
}

export const nativeBatchNormOp: OpDef = {
  name: 'native_batch_norm',
  signature:
    'native_batch_norm(Tensor input, Tensor? weight, Tensor? bias, Tensor? running_mean, Tensor? running_var, bool training, float momentum, float eps) -> (Tensor, Tensor, Tensor)',
  method: false,
  function: true,
  display: { symbol: 'BN', formula: 'normalize each channel over the batch, then scale and shift' },
  gradFn: 'NativeBatchNormBackward0',
  inputs: ['input', 'weight', 'bias'],
  infer: (a) => {
    const x = T(a.input);
    if (x.dim() < 2) throw runtimeError(`running_mean should contain ${x.shape[0] ?? 1} elements not ${(a.running_mean as Tensor | null)?.numel() ?? 0}`);
    const channels = x.shape[1]!;
    checkBuffer(a.weight as Tensor | null, 'weight', channels);
    checkBuffer(a.bias as Tensor | null, 'bias', channels);
    checkBuffer(a.running_mean as Tensor | null, 'running_mean', channels);
    checkBuffer(a.running_var as Tensor | null, 'running_var', channels);
    if (!a.training && (!a.running_mean || !a.running_var)) throw runtimeError('running_mean and running_var must be defined in evaluation mode');
    return { shape: x.shape, dtype: x.dtype };
  },
  forward: (a, spec) => {
    const x = T(a.input),
      training = Boolean(a.training),
      eps = Number(a.eps),
      momentum = Number(a.momentum);
    const [batch = 0, channels = 0] = x.shape,
      image = x.numel() / Math.max(batch * channels, 1),
      count = batch * image;
    const isFloat32 = spec.dtype === 'float32';
    const round = isFloat32 ? Math.fround : (v: number): number => v;
    const src = x.contiguousValues();
    const runningMean = a.running_mean as Tensor | null,
      runningVar = a.running_var as Tensor | null;
    const mean = new Float64Array(channels),
      invstd = new Float64Array(channels);
    if (training) {
      const newMean = new Float64Array(channels),
        newVar = new Float64Array(channels);
      const oldMean = runningMean ? runningMean.contiguousValues() : null,
        oldVar = runningVar ? runningVar.contiguousValues() : null;
      for (let c = 0; c < channels; c++) {
        let total = 0;
        for (let n = 0; n < batch; n++) for (let i = 0, o = (n * channels + c) * image; i < image; i++) total += src[o + i]!;
        const m = round(total / count);
        let squares = 0;
        for (let n = 0; n < batch; n++) {
          for (let i = 0, o = (n * channels + c) * image; i < image; i++) {
            const d = round(src[o + i]! - m);
            squares += round(d * d);
          }
        }
        const varSum = round(squares);
        mean[c] = m;
        invstd[c] = round(1 / Math.sqrt(round(varSum / count) + eps));
        // PyTorch casts momentum to the buffers' dtype; the mean update is in that dtype, the
        // variance update mixes it with the unbiased variance in float64.
        const mom = round(momentum),
          keep = round(1 - mom);
        if (oldMean) newMean[c] = round(round(mom * m) + round(keep * oldMean[c]!));
        if (oldVar) newVar[c] = mom * (varSum / (count - 1)) + round(keep * oldVar[c]!);
      }
      if (runningMean) writeBuffer(runningMean, newMean);
      if (runningVar) writeBuffer(runningVar, newVar);
    } else {
      const rm = runningMean!.contiguousValues(),
        rv = runningVar!.contiguousValues();
      for (let c = 0; c < channels; c++) {
        mean[c] = rm[c]!;
        invstd[c] = round(1 / round(Math.sqrt(round(rv[c]! + round(eps)))));
      }
    }
    const weight = channelValues(a.weight as Tensor | null, channels, 1),
      bias = channelValues(a.bias as Tensor | null, channels, 0);
    const out = allocate(spec.dtype, x.numel());
    for (let c = 0; c < channels; c++) {
      // β = bias − mean·α is contracted into an FMA too (one rounding; mean·α is exact in float64).
      const alpha = round(invstd[c]! * weight[c]!),
        beta = round(bias[c]! - mean[c]! * alpha);
      for (let n = 0; n < batch; n++) {
        // x·α + β in one rounding: PyTorch's AVX2 build contracts the vector multiply-add into an FMA.
        // (x·α is exact in float64 for float32 operands, so only the add rounds before the store.)
        for (let i = 0, o = (n * channels + c) * image; i < image; i++) out[o + i] = src[o + i]! * alpha + beta;
      }
    }
    const stats = training ? channels : 0;
    const saveMean = allocate(spec.dtype, stats),
      saveInvstd = allocate(spec.dtype, stats);
    if (training) {
      saveMean.set(mean);
      saveInvstd.set(invstd);
    }
    return [Tensor.fromData(out, spec.shape, spec.dtype), Tensor.fromData(saveMean, [stats], spec.dtype), Tensor.fromData(saveInvstd, [stats], spec.dtype)];
  },
  save: (a) => ({
    input: T(a.input),
    ...(a.weight ? { weight: T(a.weight) } : {}),
    ...(!a.training ? { running_mean: T(a.running_mean).detach(), running_var: T(a.running_var).detach() } : {}),
  }),
  backward: (ctx, g) => {
    const x = ctx.saved('input');
    const { xhat, invstd, dims, perChannel } = normalized(x, ctx.args, ctx);
    const w = ctx.hasSaved('weight') ? view(ctx.saved('weight'), perChannel) : null;
    let gradInput: Tensor | null = null;
    if (ctx.needsInputGrad(0)) {
      const scale = w ? mul(invstd, w) : invstd;
      if (ctx.args.training) {
        const meanG = op('mean', g, dims, true),
          meanGX = op('mean', mul(g, xhat), dims, true);
        gradInput = mul(scale, sub(sub(g, meanG), mul(xhat, meanGX)));
      } else gradInput = mul(g, scale);
    }
    return [gradInput, ctx.needsInputGrad(1) ? sum(mul(g, xhat), dims) : null, ctx.needsInputGrad(2) ? sum(g, dims) : null];
  },
  gradcheck: [
    // Channels first, so the 'expanded' layout (stride 0 on dim 0) repeats a channel, not a sample: a
    // batch of identical samples has zero variance, where batch norm is not differentiable.
    c([[2, 3, 2], [2], [2]], (xs) => [xs[0]!.transpose(0, 1), xs[1], xs[2], null, null, true, 0.1, 1e-5]),
    c([[3, 2, 2], [2], [2]], self(null, null, true, 0.1, 1e-5), { label: 'training' }),
    c([[3, 2, 2], [2], [2]], (xs) => [...xs, float64([0.1, -0.2]), float64([1.5, 0.5]), false, 0.1, 1e-5], { label: 'eval' }),
  ],
};

/** x̂ and invstd as engine ops of x (training) or of the saved running statistics (eval). */
function normalized(x: Tensor, a: Args, ctx: { saved(name: string): Tensor }): { xhat: Tensor; invstd: Tensor; dims: number[]; perChannel: number[] } {
  const dims = [0, ...Array.from({ length: x.dim() - 2 }, (_, i) => i + 2)];
  const perChannel = x.shape.map((s, d) => (d === 1 ? s : 1));
  if (a.training) {
    const mean = op('mean', x, dims, true);
    const centered = sub(x, mean);
    const invstd = op('rsqrt', add(op('mean', mul(centered, centered), dims, true), Number(a.eps)));
    return { xhat: mul(centered, invstd), invstd, dims, perChannel };
  }
  const mean = view(ctx.saved('running_mean'), perChannel);
  const invstd = op('rsqrt', add(view(ctx.saved('running_var'), perChannel), Number(a.eps)));
  return { xhat: mul(sub(x, mean), invstd), invstd, dims, perChannel };
}
