/** max/min (with indices), amax/amin, argmax/argmin, prod, var/std, norm, logsumexp, cumsum. */
import { isGradEnabled, noGrad } from '../autograd/grad-mode.ts';
import { allocate, DEFAULT_FLOAT, isFloating, legacyTypeName, type DType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import type { DimReduceOp } from '../kernels/types.ts';
import { normalizeDim, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { abs, div, eq, exp, expand, mul, pow, reshape, sign, sub, sum, unsqueeze, view, where } from './functional.ts';
import { normFloat32 } from './norm-cpu.ts';
import { varianceForward } from './variance-cpu.ts';
import { defineOp, type OpDef, type ParamsArgs, type PlainArgs } from './types.ts';
import { c, program, self, withGradcheck } from './gradcheck-case.ts';

/** [outer, size, inner] around `dim` (dim = null: the whole tensor as one row). */
function around(shape: readonly number[], dim: number | null): { outer: number; size: number; inner: number; dim: number } {
  if (dim === null) return { outer: 1, size: numelOf(shape), inner: 1, dim: -1 };
  const d = normalizeDim(dim, shape.length);
  if (shape.length === 0) return { outer: 1, size: 1, inner: 1, dim: 0 };
  return { outer: numelOf(shape.slice(0, d)), size: shape[d], inner: numelOf(shape.slice(d + 1)), dim: d };
}

function reducedShape(shape: readonly number[], dim: number, keepdim: boolean): number[] {
  if (shape.length === 0) return [];
  return shape.flatMap((s, i) => (i === dim ? (keepdim ? [1] : []) : [s]));
}

function reduceAlong(op: DimReduceOp, x: Tensor, dim: number | null, keepdim: boolean, dtype: DType): Tensor {
  const { outer, size, inner, dim: d } = around(x.shape, dim);
  if (size === 0 && op !== 'prod') {
    throw runtimeError(`${op}(): Expected reduction dim ${d < 0 ? '' : d + ' '}to have non-zero size.`);
  }
  const out = allocate(dtype, outer * inner);
  kernels().reduceDim(op, x.contiguousValues(), outer, size, inner, out);
  return Tensor.fromData(out, d < 0 ? [] : reducedShape(x.shape, d, keepdim), dtype);
}

/** The gradient of a reduction with keepdim restored, ready to broadcast against the input. */
function keepdimGrad(g: Tensor, dim: number | null, keepdim: boolean, ndim: number): Tensor {
  if (dim === null || keepdim || ndim === 0) return g;
  return unsqueeze(g, normalizeDim(dim, ndim));
}

/** Ties share the gradient evenly (amax, max over everything), as PyTorch does. */
function evenlyDistributed(g: Tensor, self: Tensor, result: Tensor, dim: number | null, keepdim: boolean): Tensor {
  const r = keepdimGrad(result, dim, keepdim, self.dim());
  const mask = eq(self, r);
  const count = dim === null ? sum(mask) : sum(mask, [dim], true);
  return mul(div(keepdimGrad(g, dim, keepdim, self.dim()), count), mask);
}

function extreme(name: 'max' | 'min'): OpDef<ParamsArgs<'Tensor self, int? dim=None, bool keepdim=False'>> {
  const op: DimReduceOp = name;
  return {
    name,
    signature: `${name}(Tensor self, int? dim=None, bool keepdim=False) -> (Tensor values, Tensor indices)`,
    method: true,
    function: true,
    display: { symbol: name, formula: `∂${name}/∂aᵢ = 1 at the ${name === 'max' ? 'largest' : 'smallest'} element` },
    gradFn: (a) => `${name === 'max' ? 'Max' : 'Min'}Backward${a.dim === null ? 1 : 0}`,
    infer: (a) => ({ shape: [], dtype: a.self.dtype }),
    forward: (a, spec) => {
      const x = a.self;
      if (a.dim === null) return reduceAlong(op, x, null, false, spec.dtype);
      const values = reduceAlong(op, x, a.dim, a.keepdim, spec.dtype);
      const indices = reduceAlong(name === 'max' ? 'argmax' : 'argmin', x, a.dim, a.keepdim, 'int64');
      return [values, indices];
    },
    save: (a, out, outs): Record<string, Tensor> => (a.dim === null ? { self: a.self, result: out } : { indices: outs[1] }),
    backward: (ctx, g) => {
      const { dim, keepdim } = ctx.args as { dim: number | null; keepdim: boolean };
      const shape = ctx.meta('self').shape;
      if (dim === null) return [evenlyDistributed(g, ctx.saved('self'), ctx.saved('result'), null, false)];
      const d = normalizeDim(dim, shape.length);
      const idx = keepdimGrad(ctx.saved('indices'), dim, keepdim, shape.length);
      const zeros = Tensor.fromData(allocate(g.dtype, numelOf(shape)), shape, g.dtype);
      return [callOp('scatter_add', zeros, d, idx, keepdimGrad(g, dim, keepdim, shape.length)) as Tensor];
    },
  };
}
export const maxOp = withGradcheck(extreme('max'), [
  c([[2, 3]], self(1, true)),
  program('max over all', [[2, 3]], ([x]) => callOp('max', x) as Tensor),
  program('max along a dim', [[2, 3]], ([x]) => (callOp('max', x, 1) as Tensor[])[0]),
]);
export const minOp = withGradcheck(extreme('min'), [c([[2, 3]], self(0))]);

function amExtreme(name: 'amax' | 'amin'): OpDef<ParamsArgs<'Tensor self, int[1] dim=[], bool keepdim=False'>> {
  return {
    name,
    signature: `${name}(Tensor self, int[1] dim=[], bool keepdim=False) -> Tensor`,
    method: true,
    function: true,
    display: { symbol: name, formula: 'gradient shared by the extreme elements' },
    gradFn: name === 'amax' ? 'AmaxBackward0' : 'AminBackward0',
    infer: (a) => ({ shape: [], dtype: a.self.dtype }),
    forward: (a, spec) => {
      let x = a.self;
      const dims = [...a.dim].map((d) => normalizeDim(d, x.dim())).sort((p, q) => q - p);
      if (dims.length === 0) return reduceAlong(name === 'amax' ? 'max' : 'min', x, null, false, spec.dtype);
      for (const d of dims) x = reduceAlong(name === 'amax' ? 'max' : 'min', x, d, a.keepdim, spec.dtype);
      return x;
    },
    save: (a, out) => ({ self: a.self, result: out }),
    backward: (ctx, g) => {
      const dims = ctx.args.dim;
      const self = ctx.saved('self');
      if (dims.length === 0) return [evenlyDistributed(g, self, ctx.saved('result'), null, false)];
      const restore = (t: Tensor): Tensor =>
        ctx.args.keepdim
          ? t
          : [...dims]
              .map((d) => normalizeDim(d, self.dim()))
              .sort((p, q) => p - q)
              .reduce((acc, d) => unsqueeze(acc, d), t);
      const mask = eq(self, restore(ctx.saved('result')));
      return [mul(div(restore(g), sum(mask, dims, true)), mask)];
    },
  };
}
export const amaxOp = withGradcheck(amExtreme('amax'), [c([[2, 3]], self([1])), program('amax', [[2, 3]], ([x]) => callOp('amax', x, [0]) as Tensor)]);
export const aminOp = withGradcheck(amExtreme('amin'), [c([[2, 3]], self([0], true))]);

function argExtreme(name: 'argmax' | 'argmin'): OpDef<ParamsArgs<'Tensor self, int? dim=None, bool keepdim=False'>> {
  return {
    name,
    signature: `${name}(Tensor self, int? dim=None, bool keepdim=False) -> Tensor`,
    method: true,
    function: true,
    display: { symbol: name, formula: 'not differentiable (indices)' },
    infer: (a) => ({ shape: [], dtype: 'int64' }),
    forward: (a) => reduceAlong(name, a.self, a.dim, a.keepdim, 'int64'),
  };
}
export const argmaxOp = argExtreme('argmax');
export const argminOp = argExtreme('argmin');

export const prodOp = defineOp({
  name: 'prod',
  signature: 'prod(Tensor self, int? dim=None, bool keepdim=False, *, ScalarType? dtype=None) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'Π', formula: '∂(Πa)/∂aᵢ = Π_{j≠i} aⱼ' },
  gradFn: (a) => (a.dim === null ? 'ProdBackward0' : 'ProdBackward1'),
  infer: (a) => {
    const x = a.self;
    return { shape: [], dtype: a.dtype ?? (isFloating(x.dtype) ? x.dtype : 'int64') };
  },
  forward: (a, spec) => reduceAlong('prod', a.self, a.dim, a.keepdim, spec.dtype),
  save: (a, out) => ({ self: a.self, result: out }),
  backward: (ctx, g) => {
    const self = ctx.saved('self');
    // A 0-dim input is its own product, whatever the dim argument: PyTorch passes grad through.
    if (self.dim() === 0) return [g];
    const { dim, keepdim } = ctx.args as { dim: number | null; keepdim: boolean };
    const gk = expand(keepdimGrad(g, dim, keepdim, self.dim()), self.shape);
    const result = keepdimGrad(ctx.saved('result'), dim, keepdim, self.dim());
    const hasZero = self.toArray().some((v) => v === 0);
    if (!hasZero) return [mul(gk, div(result, self))];
    // With zeros, result/self is 0/0: take the product of the other elements directly. Under
    // create_graph that product must itself be differentiable (∂²Π/∂aᵢ∂aⱼ = Π_{l≠i,j} aₗ is not
    // zero at zeros), as PyTorch 2.x's prod_safe_zeros_backward is; otherwise a plain loop will do.
    if (!isGradEnabled())
      return [
        mul(
          gk,
          noGrad(() => productOfOthers(self, dim)),
        ),
      ];
    // PyTorch works on the flattened input for prod() and views the result back (ViewBackward0).
    if (dim === null) return [view(mul(g, differentiableProductOfOthers(reshape(self, [-1]), 0)), self.shape)];
    return [mul(gk, differentiableProductOfOthers(self, dim))];
  },
  gradcheck: [c([[2, 3]], self(1)), program('prod', [[2, 3]], ([x]) => callOp('prod', x, 1) as Tensor)],
});

/**
 * Π_{j≠k} x_j along `dim`, built from engine ops so that it can be differentiated again: x is
 * repeated along a new axis into an n×n block whose diagonal is replaced by 1, and that block's
 * rows are multiplied out. It costs n times the input's memory, which only create_graph through
 * a product with zeros pays.
 */
function differentiableProductOfOthers(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.dim());
  const n = x.shape[d];
  const rows = [...x.shape.slice(0, d), n, n, ...x.shape.slice(d + 1)];
  const diagonal = allocate('bool', n * n);
  for (let k = 0; k < n; k++) diagonal[k * n + k] = 1;
  const maskShape = rows.map((s, i) => (i === d || i === d + 1 ? s : 1));
  const block = where(Tensor.fromData(diagonal, maskShape, 'bool'), 1, expand(unsqueeze(x, d), rows));
  return callOp('prod', block, d + 1, false) as Tensor;
}

function productOfOthers(x: Tensor, dim: number | null): Tensor {
  const { outer, size, inner } = around(x.shape, dim);
  const v = x.contiguousValues();
  const out = allocate(x.dtype, v.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      for (let k = 0; k < size; k++) {
        let p = 1;
        for (let j = 0; j < size; j++) if (j !== k) p *= v[o * size * inner + j * inner + i];
        out[o * size * inner + k * inner + i] = p;
      }
    }
  }
  return Tensor.fromData(out, x.shape, x.dtype);
}

function dimsOf(a: { readonly dim: readonly number[] | null }, ndim: number): number[] {
  const dims = a.dim;
  if (dims === null || dims.length === 0) return Array.from({ length: ndim }, (_, i) => i);
  return dims.map((d) => normalizeDim(d, ndim));
}

/** var/std's arguments without self (backward reads them from its plain args). */
type VarianceArgs = PlainArgs<ParamsArgs<'Tensor self, int[1]? dim=None, bool unbiased=True, bool keepdim=False, *, Scalar? correction=None'>>;

function correctionOf(a: VarianceArgs): number {
  if (a.correction !== null) return Number(a.correction);
  return a.unbiased ? 1 : 0;
}

/** (x − mean) and the divisor N − correction, the shared core of var and std. */
function deviation(x: Tensor, a: VarianceArgs): { centered: Tensor; divisor: number } {
  const dims = dimsOf(a, x.dim());
  const n = dims.reduce((acc, d) => acc * x.shape[d], 1);
  const mean = x.dim() === 0 ? x : (callOp('mean', x, dims, true) as Tensor);
  return { centered: sub(x, mean), divisor: Math.max(n - correctionOf(a), 0) };
}

function varianceOp(
  name: 'var' | 'std',
): OpDef<ParamsArgs<'Tensor self, int[1]? dim=None, bool unbiased=True, bool keepdim=False, *, Scalar? correction=None'>> {
  return {
    name,
    signature: `${name}(Tensor self, int[1]? dim=None, bool unbiased=True, bool keepdim=False, *, Scalar? correction=None) -> Tensor`,
    method: true,
    function: true,
    display: name === 'var' ? { symbol: 'var', formula: '∂var/∂aᵢ = 2(aᵢ − ā)/(N − c)' } : { symbol: 'std', formula: '∂std/∂aᵢ = (aᵢ − ā)/((N − c)·std)' },
    gradFn: name === 'var' ? 'VarBackward0' : 'StdBackward0',
    infer: (a) => {
      const x = a.self;
      if (!isFloating(x.dtype)) throw runtimeError(`std and var only support floating point and complex dtypes`);
      return { shape: [], dtype: x.dtype };
    },
    forward: (a, spec) => noGrad(() => varianceForward(a.self, dimsOf(a, a.self.dim()), correctionOf(a), a.keepdim, name === 'std', spec.dtype)),
    save: (a, out) => ({ self: a.self, result: out }),
    backward: (ctx, g) => {
      // FunctionsManual.cpp's var_backward, std_backward: the same operations in the same order.
      const self = ctx.saved('self');
      const { centered, divisor } = deviation(self, ctx.args);
      const dims = dimsOf(ctx.args, self.dim());
      const restore = (t: Tensor): Tensor => (ctx.args.keepdim || self.dim() === 0 ? t : dims.reduce((acc, d) => unsqueeze(acc, d), t));
      let gradVar = restore(g);
      if (name === 'std') {
        const result = restore(ctx.saved('result'));
        gradVar = where(eq(result, 0), 0, div(gradVar, mul(result, 2)));
      }
      return [mul(mul(gradVar, 2 / divisor), centered)];
    },
  };
}
export const varOp = withGradcheck(varianceOp('var'), [c([[2, 3]], self([1])), program('var', [[2, 3]], ([x]) => callOp('var', x, [1]) as Tensor)]);
export const stdOp = withGradcheck(varianceOp('std'), [c([[2, 3]], self([1], true, true)), program('std', [[2, 3]], ([x]) => callOp('std', x) as Tensor)]);

/** norm(p, dim): PyTorch 2.x routes it to linalg.vector_norm (LinalgVectorNormBackward0). */
export const normOp = defineOp({
  name: 'norm',
  signature: 'norm(Tensor self, Scalar? p=2, int[1]? dim=None, bool keepdim=False) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '‖a‖', formula: '∂‖a‖₂/∂a = a/‖a‖₂' },
  gradFn: 'LinalgVectorNormBackward0',
  infer: (a) => {
    const x = a.self;
    if (!isFloating(x.dtype)) {
      throw runtimeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${legacyTypeName(x.dtype)}`);
    }
    return { shape: [], dtype: x.dtype };
  },
  forward: (a) =>
    noGrad(() => {
      const x = a.self;
      const p = a.p === null ? 2 : Number(a.p);
      const dims = dimsOf(a, x.dim());
      const keep = a.keepdim;
      if (p === Infinity) return callOp('amax', abs(x), dims, keep) as Tensor;
      if (p === 0) return sum(callOp('ne', x, 0) as Tensor, dims, keep).to(x.dtype);
      if ((p === 1 || p === 2) && x.dtype === 'float32') return normFloat32(x, p, dims, keep);
      return pow(sum(pow(abs(x), p), dims, keep), 1 / p);
    }),
  save: (a, out) => ({ self: a.self, result: out }),
  backward: (ctx, g) => {
    const self = ctx.saved('self');
    const p = ctx.args.p === null ? 2 : Number(ctx.args.p);
    const dims = dimsOf(ctx.args, self.dim());
    const restore = (t: Tensor): Tensor => (ctx.args.keepdim || self.dim() === 0 ? t : dims.reduce((acc, d) => unsqueeze(acc, d), t));
    const norm = restore(ctx.saved('result'));
    const gr = restore(g);
    if (p === 1) return [mul(gr, sign(self))];
    if (p === 2) return [where(eq(norm, 0), 0, mul(gr, div(self, norm)))];
    if (p === Infinity) {
      const mask = eq(abs(self), norm);
      return [mul(mul(div(gr, sum(mask, dims, true)), mask), sign(self))];
    }
    const scale = mul(self, pow(abs(self), p - 2));
    return [where(eq(norm, 0), 0, mul(gr, div(scale, pow(norm, p - 1))))];
  },
  gradcheck: [
    c([[2, 3]], self(3, [1])),
    program('norm 2', [[2, 3]], ([x]) => callOp('norm', x) as Tensor),
    program('norm 3 along a dim', [[2, 3]], ([x]) => callOp('norm', x, 3, [1]) as Tensor),
  ],
});

export const logsumexpOp = defineOp({
  name: 'logsumexp',
  signature: 'logsumexp(Tensor self, int[1] dim, bool keepdim=False) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'LSE', formula: '∂LSE/∂aᵢ = softmax(a)ᵢ' },
  gradFn: 'LogsumexpBackward0',
  infer: (a) => ({ shape: [], dtype: isFloating(a.self.dtype) ? a.self.dtype : DEFAULT_FLOAT }),
  forward: (a) =>
    noGrad(() => {
      const x = a.self;
      const dims = dimsOf(a, x.dim());
      const m = callOp('amax', x, dims, true) as Tensor;
      const safe = where(callOp('isinf', m) as Tensor, 0, m);
      const s = callOp('log', sum(exp(sub(x, safe)), dims, true)) as Tensor;
      const r = s.add(safe);
      return a.keepdim ? r : dims.sort((p, q) => q - p).reduce((acc, d) => callOp('squeeze', acc, d) as Tensor, r);
    }),
  save: (a, out) => ({ self: a.self, result: out }),
  backward: (ctx, g) => {
    const self = ctx.saved('self');
    const dims = dimsOf(ctx.args, self.dim());
    const restore = (t: Tensor): Tensor => (ctx.args.keepdim ? t : [...dims].sort((p, q) => p - q).reduce((acc, d) => unsqueeze(acc, d), t));
    return [mul(restore(g), exp(sub(self, restore(ctx.saved('result')))))];
  },
  gradcheck: [c([[2, 3]], self([1])), program('logsumexp', [[2, 3]], ([x]) => callOp('logsumexp', x, [1]) as Tensor)],
});

export const cumsumOp = defineOp({
  name: 'cumsum',
  signature: 'cumsum(Tensor self, int dim, *, ScalarType? dtype=None) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'cumsum', formula: '∂(Σ_{j≤k} aⱼ)/∂aᵢ = 1 for i ≤ k' },
  gradFn: 'CumsumBackward0',
  infer: (a) => {
    const x = a.self;
    return { shape: x.shape, dtype: a.dtype ?? (isFloating(x.dtype) ? x.dtype : 'int64') };
  },
  forward: (a, spec) => {
    const x = a.self;
    const { outer, size, inner } = around(x.shape, a.dim);
    const out = allocate(spec.dtype, x.numel());
    kernels().cumsum(x.contiguousValues(), outer, size, inner, out);
    return Tensor.fromData(out, spec.shape, spec.dtype);
  },
  backward: (ctx, g) => {
    if (g.dim() === 0) return [g];
    const d = normalizeDim(ctx.args.dim, g.dim());
    const flip = (t: Tensor): Tensor => callOp('flip', t, [d]) as Tensor;
    return [flip(callOp('cumsum', flip(g), d) as Tensor)];
  },
  gradcheck: [c([[2, 3]], self(1)), program('cumsum', [[2, 3]], ([x]) => callOp('cumsum', x, 1) as Tensor)],
});
