/**
 * torch.nn.functional's ops: linear/addmm, activations, softmax, layer_norm, embedding, one_hot,
 * dropout. Forwards that are compositions run the engine's own ops under no_grad; each op still
 * records one node with PyTorch's grad_fn name, and backward rules use engine ops.
 */
import { isGradEnabled, noGrad } from '../autograd/grad-mode.ts';
import { allocate, DEFAULT_FLOAT, isFloating, legacyTypeName } from '../dtype.ts';
import { indexError, runtimeError } from '../errors.ts';
import { bernoulliFill, defaultGenerator } from '../random/index.ts';
import { numelOf, normalizeDim, shapeText } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { addmmValue } from './linalg.ts';
import { softmaxBackwardFloat32, softmaxFloat32 } from './softmax-float32.ts';
import { add, div, exp, gt, logicalAnd, mm, mul, sub, sum, sumToSize, t, where } from './functional.ts';
import { defineOp, type OpDef, type ParamsArgs, type PlainArgs, type SelfArgs, type SignatureArgs } from './types.ts';
import { c, program, self, long, withGradcheck } from './gradcheck-case.ts';
import { bilinearJvp, scaleTangent, sumTangents } from './jvp-rules.ts';

const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;
const same = (a: SelfArgs) => ({ shape: a.self.shape, dtype: a.self.dtype });

export const addmmOp = defineOp({
  name: 'addmm',
  jvp: (a, ctx) => sumTangents(scaleTangent(ctx.tangent('self'), Number(a.beta)), scaleTangent(bilinearJvp('mm', 'mat1', 'mat2')(a, ctx), Number(a.alpha))),
  signature: 'addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar alpha=1) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '+@', formula: '∂(βc + αAB)/∂A = αG·Bᵀ, ∂/∂B = αAᵀ·G, ∂/∂c = βG' },
  gradFn: 'AddmmBackward0',
  infer: (a) => {
    const shape = op('mm', a.mat1.detach(), a.mat2.detach()).shape;
    op('add', a.self.detach(), Tensor.empty(shape, a.mat1.dtype)); // broadcast check
    return { shape, dtype: a.mat1.dtype };
  },
  forward: (a) => noGrad(() => addmmValue(a.self, a.mat1, a.mat2, Number(a.beta), Number(a.alpha))),
  save: (a) => ({ mat1: a.mat1, mat2: a.mat2 }),
  backward: (ctx, g) => {
    const alpha = Number(ctx.args.alpha),
      beta = Number(ctx.args.beta);
    const scale = (x: Tensor, s: number): Tensor => (s === 1 ? x : mul(x, s));
    return [
      ctx.needsInputGrad(0) ? sumToSize(scale(g, beta), ctx.meta('self').shape) : null,
      ctx.needsInputGrad(1) ? scale(mm(g, t(ctx.saved('mat2'))), alpha) : null,
      ctx.needsInputGrad(2) ? scale(mm(t(ctx.saved('mat1')), g), alpha) : null,
    ];
  },
  gradcheck: [c([[3], [2, 4], [4, 3]], self(0.5, 2)), c([[3], [2, 4], [4, 3]], self())],
});

/** F.linear: addmm for a 2-D input with bias (AddmmBackward0), else matmul (+ bias). */
export const linearOp = defineOp({
  name: 'linear',
  signature: 'linear(Tensor input, Tensor weight, Tensor? bias=None) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'linear', formula: 'x·Wᵀ + b' },
  composite: (a) => {
    const x = a.input,
      w = a.weight,
      b = a.bias;
    if (x.dim() === 2 && b) return op('addmm', b, x, t(w));
    const out = op('matmul', x, t(w));
    return b ? add(out, b) : out;
  },
  gradcheck: [c([[2, 3], [4, 3], [4]], self())],
});

/** An activation `name(Tensor self, ...)`: forward and backward read the signature's other arguments. */
function activation<const S extends string>(
  name: string,
  signature: S,
  gradFn: string,
  symbol: string,
  formula: string,
  forward: (x: Tensor, a: SignatureArgs<S>) => Tensor,
  backward: (x: Tensor, result: Tensor, g: Tensor, a: PlainArgs<SelfArgs & SignatureArgs<S>>) => Tensor,
): OpDef<SelfArgs & SignatureArgs<S>> {
  return {
    name,
    signature,
    method: false,
    function: true,
    display: { symbol, formula },
    gradFn,
    infer: (a) => {
      const x = a.self;
      if (!isFloating(x.dtype)) throw runtimeError(`"${name}_cpu" not implemented for '${legacyTypeName(x.dtype)}'`);
      return same(a);
    },
    forward: (a) => noGrad(() => forward(a.self, a)),
    save: (a, out) => ({ self: a.self, result: out }),
    backward: (ctx, g) => [backward(ctx.saved('self'), ctx.saved('result'), g, ctx.args)],
  };
}

export const leakyReluOp = withGradcheck(
  activation(
    'leaky_relu',
    'leaky_relu(Tensor self, Scalar negative_slope=0.01) -> Tensor',
    'LeakyReluBackward0',
    'LReLU',
    '∂/∂a = 1 if a > 0 else slope',
    (x, a) => where(gt(x, 0), x, mul(x, Number(a.negative_slope))),
    (x, _r, g, a) => where(gt(x, 0), g, mul(g, Number(a.negative_slope))),
  ),
  [c([[2, 3]], self(0.2)), program('leaky_relu', [[2, 3]], ([x]) => callOp('leaky_relu', x, 0.2) as Tensor)],
);

export const hardtanhOp = withGradcheck(
  activation(
    'hardtanh',
    'hardtanh(Tensor self, Scalar min_val=-1, Scalar max_val=1) -> Tensor',
    'HardtanhBackward0',
    'htanh',
    '∂/∂a = 1 if min < a < max else 0',
    (x, a) => op('clamp', x, a.min_val, a.max_val),
    (x, _r, g, a) => where(logicalAnd(gt(x, Number(a.min_val)), op('lt', x, Number(a.max_val))), g, 0),
  ),
  [c([[2, 3]], self(-0.8, 0.8))],
);

export const eluOp = withGradcheck(
  activation(
    'elu',
    'elu(Tensor self, Scalar alpha=1.0, Scalar scale=1, Scalar input_scale=1) -> Tensor',
    'EluBackward0',
    'ELU',
    '∂/∂a = 1 if a > 0 else α·eᵃ',
    (x, a) => {
      const alpha = Number(a.alpha),
        scale = Number(a.scale),
        inScale = Number(a.input_scale);
      return mul(where(gt(x, 0), x, mul(op('expm1', mul(x, inScale)), alpha)), scale);
    },
    (x, _r, g, a) => {
      const alpha = Number(a.alpha),
        scale = Number(a.scale),
        inScale = Number(a.input_scale);
      return where(gt(x, 0), mul(g, scale), mul(g, mul(exp(mul(x, inScale)), alpha * scale * inScale)));
    },
  ),
  [c([[2, 3]], self())],
);

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
export const geluOp = withGradcheck(
  activation(
    'gelu',
    "gelu(Tensor self, *, str approximate='none') -> Tensor",
    'GeluBackward0',
    'GELU',
    '∂/∂a = Φ(a) + a·φ(a)',
    (x, a) => {
      if (a.approximate === 'tanh') {
        const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
        return mul(mul(x, 0.5), add(op('tanh', inner), 1));
      }
      return mul(mul(x, 0.5), add(op('erf', mul(x, SQRT1_2)), 1));
    },
    (x, _r, g, a) => {
      if (a.approximate === 'tanh') {
        const k = Math.sqrt(2 / Math.PI);
        const x2 = mul(x, x);
        const inner = mul(add(x, mul(mul(x2, x), 0.044715)), k);
        const th = op('tanh', inner);
        const left = mul(add(th, 1), 0.5);
        const dInner = mul(add(mul(x2, 3 * 0.044715), 1), k);
        const right = mul(mul(mul(x, 0.5), sub(1, mul(th, th))), dInner);
        return mul(g, add(left, right));
      }
      const cdf = mul(add(op('erf', mul(x, SQRT1_2)), 1), 0.5);
      const pdf = mul(exp(mul(mul(x, x), -0.5)), INV_SQRT_2PI);
      return mul(g, add(cdf, mul(x, pdf)));
    },
  ),
  [c([[2, 3]], self('tanh')), c([[2, 3]], self()), program('gelu tanh', [[2, 3]], ([x]) => callOp('gelu', x, 'tanh') as Tensor)],
);

export const siluOp = withGradcheck(
  activation(
    'silu',
    'silu(Tensor self) -> Tensor',
    'SiluBackward0',
    'SiLU',
    '∂(a·σ(a))/∂a = σ(a)(1 + a(1 − σ(a)))',
    (x) => mul(x, op('sigmoid', x)),
    (x, _r, g) => {
      const s = op('sigmoid', x);
      return mul(g, mul(s, add(mul(x, sub(1, s)), 1)));
    },
  ),
  [c([[2, 3]], self())],
);

export const softplusOp = withGradcheck(
  activation(
    'softplus',
    'softplus(Tensor self, Scalar beta=1, Scalar threshold=20) -> Tensor',
    'SoftplusBackward0',
    'softplus',
    '∂/∂a = σ(βa)',
    (x, a) => {
      const beta = Number(a.beta),
        threshold = Number(a.threshold);
      const bx = mul(x, beta);
      return where(gt(bx, threshold), x, div(op('log1p', exp(bx)), beta));
    },
    (x, _r, g, a) => {
      const beta = Number(a.beta),
        threshold = Number(a.threshold);
      const bx = mul(x, beta);
      return where(gt(bx, threshold), g, mul(g, op('sigmoid', bx)));
    },
  ),
  [c([[2, 3]], self(2)), c([[2, 3]], self())],
);

function softmaxLike(name: 'softmax' | 'log_softmax'): OpDef<ParamsArgs<'Tensor self, int dim, ScalarType? dtype=None'>> {
  const isLog = name === 'log_softmax';
  return {
    name,
    signature: `${name}(Tensor self, int dim, ScalarType? dtype=None) -> Tensor`,
    method: true,
    function: true,
    display: isLog ? { symbol: 'logσ', formula: '∂/∂a = G − softmax(a)·ΣG' } : { symbol: 'softmax', formula: '∂/∂a = y·(G − Σ G·y)' },
    gradFn: isLog ? 'LogSoftmaxBackward0' : 'SoftmaxBackward0',
    infer: (a) => {
      const x = a.self;
      const dtype = a.dtype ?? (isFloating(x.dtype) ? x.dtype : DEFAULT_FLOAT);
      if (!isFloating(dtype)) throw runtimeError(`"${name}_lastdim_kernel_impl" not implemented for '${legacyTypeName(dtype)}'`);
      return { shape: x.shape, dtype };
    },
    forward: (a, spec) =>
      noGrad(() => {
        const x = op('to', a.self, spec.dtype);
        if (x.dim() === 0) return isLog ? mul(x, 0) : op('ones_like', x);
        const d = normalizeDim(a.dim, x.dim());
        if (x.dtype === 'float32') return softmaxFloat32(x, d, isLog);
        const shifted = sub(x, op('amax', x, [d], true));
        const e = exp(shifted);
        const total = sum(e, [d], true);
        return isLog ? sub(shifted, op('log', total)) : div(e, total);
      }),
    save: (_a, out) => ({ result: out }),
    // PyTorch's: log_softmax self_t − Σ self_t·softmax; softmax result·(self_t − Σ self_t·result).
    jvp: (a, ctx) => {
      const t = ctx.tangent('self');
      const y = ctx.result;
      if (!t || y.dim() === 0) return t && mul(t, 0);
      const d = normalizeDim(a.dim, y.dim());
      return isLog ? sub(t, sum(mul(t, exp(y)), [d], true)) : mul(y, sub(t, sum(mul(t, y), [d], true)));
    },
    backward: (ctx, g) => {
      const y = ctx.saved('result');
      if (y.dim() === 0) return [mul(g, 0)];
      const d = normalizeDim(ctx.args.dim, y.dim());
      // Under create_graph the composite below keeps the gradient differentiable.
      const exact = isGradEnabled() ? null : softmaxBackwardFloat32(g, y, d, isLog);
      if (exact) return [op('to', exact, ctx.meta('self').dtype)];
      const grad = isLog ? sub(g, mul(exp(y), sum(g, [d], true))) : mul(y, sub(g, sum(mul(g, y), [d], true)));
      return [op('to', grad, ctx.meta('self').dtype)];
    },
  };
}
export const softmaxOp = withGradcheck(softmaxLike('softmax'), [
  c([[2, 3]], self(1)),
  program('softmax', [[2, 3]], ([x]) => callOp('softmax', x, 1) as Tensor),
]);
export const logSoftmaxOp = withGradcheck(softmaxLike('log_softmax'), [
  c([[2, 3]], self(0)),
  program('log_softmax', [[2, 3]], ([x]) => callOp('log_softmax', x, 0) as Tensor),
]);

export const layerNormOp = defineOp({
  name: 'layer_norm',
  signature: 'layer_norm(Tensor input, int[] normalized_shape, Tensor? weight=None, Tensor? bias=None, float eps=1e-05) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'LN', formula: 'normalize over the last dims, then scale and shift' },
  gradFn: 'NativeLayerNormBackward0',
  inputs: ['input', 'weight', 'bias'],
  infer: (a) => {
    const x = a.input;
    const ns = a.normalized_shape;
    const tail = x.shape.slice(x.dim() - ns.length);
    if (ns.length > x.dim() || tail.some((s, i) => s !== ns[i])) {
      throw runtimeError(
        `Given normalized_shape=${shapeText(ns)}, expected input with shape [*, ${ns.join(', ')}], but got input of size${shapeText(x.shape)}`,
      );
    }
    return { shape: x.shape, dtype: x.dtype };
  },
  forward: (a) => noGrad(() => layerNorm(a.input, a).out),
  save: (a) => ({ input: a.input, ...(a.weight ? { weight: a.weight } : {}) }),
  backward: (ctx, g) => {
    const x = ctx.saved('input');
    const { xhat, rstd, dims } = layerNorm(x, ctx.args);
    const w = ctx.hasSaved('weight') ? ctx.saved('weight') : null;
    const gw = w ? mul(g, w) : g;
    const meanG = op('mean', gw, dims, true);
    const meanGX = op('mean', mul(gw, xhat), dims, true);
    const gx = mul(rstd, sub(sub(gw, meanG), mul(xhat, meanGX)));
    const batchDims = Array.from({ length: x.dim() - dims.length }, (_, i) => i);
    const reduceBatch = (t: Tensor): Tensor => (batchDims.length > 0 ? sum(t, batchDims) : t);
    return [ctx.needsInputGrad(0) ? gx : null, ctx.needsInputGrad(1) ? reduceBatch(mul(g, xhat)) : null, ctx.needsInputGrad(2) ? reduceBatch(g) : null];
  },
  gradcheck: [
    c([[2, 3], [3], [3]], (xs) => [xs[0], [3], xs[1], xs[2]]),
    program('layer_norm', [[2, 3], [3], [3]], ([x, w, b]) => callOp('layer_norm', x, [3], w, b) as Tensor),
  ],
});

/** Backward passes its plain args (no weight/bias): it needs only xhat, rstd and dims. */
function layerNorm(
  x: Tensor,
  a: { readonly normalized_shape: readonly number[]; readonly eps: number; readonly weight?: Tensor | null; readonly bias?: Tensor | null },
): { out: Tensor; xhat: Tensor; rstd: Tensor; dims: number[] } {
  const ns = a.normalized_shape;
  const dims = ns.map((_, i) => x.dim() - ns.length + i);
  const mean = op('mean', x, dims, true);
  const centered = sub(x, mean);
  const variance = op('mean', mul(centered, centered), dims, true);
  const rstd = op('rsqrt', add(variance, Number(a.eps)));
  const xhat = mul(centered, rstd);
  let out = xhat;
  if (a.weight) out = mul(out, a.weight);
  if (a.bias) out = add(out, a.bias);
  return { out, xhat, rstd, dims };
}

export const embeddingOp = defineOp({
  name: 'embedding',
  signature: 'embedding(Tensor weight, Tensor indices, int padding_idx=-1) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'embed', formula: 'gradient added into the looked-up rows' },
  gradFn: 'EmbeddingBackward0',
  inputs: ['weight'],
  infer: (a) => {
    const w = a.weight,
      idx = a.indices;
    if (idx.dtype !== 'int64' && idx.dtype !== 'int32') {
      throw runtimeError(
        `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.${legacyTypeName(idx.dtype)}Tensor instead (while checking arguments for embedding)`,
      );
    }
    return { shape: [...idx.shape, ...w.shape.slice(1)], dtype: w.dtype };
  },
  forward: (a, spec) => {
    const w = a.weight,
      idx = a.indices.toArray();
    const rows = w.shape[0],
      width = numelOf(w.shape.slice(1));
    const src = w.contiguousValues();
    const out = allocate(spec.dtype, idx.length * width);
    idx.forEach((i, k) => {
      if (i < 0 || i >= rows) throw indexError('index out of range in self');
      for (let j = 0; j < width; j++) out[k * width + j] = src[i * width + j];
    });
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  save: (a) => ({ indices: a.indices }),
  backward: (ctx, g) => {
    const shape = ctx.meta('weight').shape;
    const idx = ctx.saved('indices');
    const flatIdx = op('reshape', idx, [-1]);
    let rows = op('reshape', g, [-1, ...shape.slice(1)]);
    const pad = ctx.args.padding_idx;
    if (pad >= 0) {
      // The padding row never learns: its gradient contributions are dropped.
      const isPad = op('reshape', op('eq', flatIdx, pad), [-1, ...shape.slice(1).map(() => 1)]);
      rows = where(isPad, 0, rows);
    }
    const zeros = Tensor.fromData(allocate(g.dtype, numelOf(shape)), shape, g.dtype);
    return [op('index_put', zeros, [flatIdx], rows, true)];
  },
  gradcheck: [
    c([[3, 2]], (xs) => [xs[0], long([1, 0, 2, 1])]),
    program('embedding', [[2, 3]], ([w]) => callOp('embedding', w, long([1, 0, 1], [3])) as Tensor),
  ],
});

export const oneHotOp = defineOp({
  name: 'one_hot',
  signature: 'one_hot(Tensor self, int num_classes=-1) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'onehot', formula: 'not differentiable' },
  infer: (a) => {
    const x = a.self;
    if (x.dtype !== 'int64') throw runtimeError('one_hot is only applicable to index tensor.');
    const values = x.toArray();
    if (values.some((v) => v < 0)) throw runtimeError('Class values must be non-negative.');
    const max = values.length > 0 ? Math.max(...values) : -1;
    let n = a.num_classes;
    if (n === -1) n = max + 1;
    else if (max >= n) throw runtimeError('Class values must be smaller than num_classes.');
    return { shape: [...x.shape, n], dtype: 'int64' };
  },
  forward: (a, spec) => {
    const values = a.self.toArray();
    const n = spec.shape[spec.shape.length - 1];
    const out = allocate('int64', values.length * n);
    values.forEach((v, k) => (out[k * n + v] = 1));
    return Tensor.fromData(out, spec.shape, 'int64');
  },
});

/** F.dropout on CPU: input * (bernoulli(1 − p) / (1 − p)), so its grad_fn is MulBackward0 as in PyTorch. */
export const dropoutOp = defineOp({
  name: 'dropout',
  signature: 'dropout(Tensor input, float p, bool train) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'drop', formula: 'gradient masked and scaled by 1/(1 − p)' },
  composite: (a) => {
    const x = a.input;
    const p = Number(a.p);
    if (p < 0 || p > 1) throw new Error(`dropout probability has to be between 0 and 1, but got ${p}`);
    if (!a.train || p === 0 || x.numel() === 0) return x;
    if (p === 1) return mul(x, op('zeros_like', x));
    const dtype = isFloating(x.dtype) ? x.dtype : DEFAULT_FLOAT;
    const noise = allocate(dtype, x.numel()) as Float32Array | Float64Array;
    bernoulliFill(defaultGenerator, noise, 1 - p);
    for (let i = 0; i < noise.length; i++) noise[i] /= 1 - p;
    return mul(x, Tensor.fromData(noise, x.shape, dtype));
  },
  gradcheck: [c([[2, 3]], self(0.5, false))],
});
