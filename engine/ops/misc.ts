/** lerp, addcmul/addcdiv (optimizer steps), outer, index_select, sort/topk, clamp aliases, cross_entropy. */
import { allocate, resultType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { broadcastAll, normalizeDim, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { add, div, mul, neg, sub, sum, sumToSize } from './functional.ts';
import { noGrad } from '../autograd/grad-mode.ts';
import { defineOp, type OpDef, type ParamsArgs } from './types.ts';
import { addcFused } from './addc-fused.ts';
import { c, program, self, long, positive, unit, withGradcheck } from './gradcheck-case.ts';

const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

function ternarySpec(a: Tensor, b: Tensor, c: Tensor) {
  return { shape: broadcastAll([a.shape, b.shape, c.shape]), dtype: resultType([a, b, c]) };
}

export const lerpOp = defineOp({
  name: 'lerp',
  signature: 'lerp(Tensor self, Tensor end, Tensor weight) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'lerp', formula: '∂/∂a = 1 − w, ∂/∂b = w, ∂/∂w = b − a' },
  gradFn: (a) => (a.weight.isWrappedNumber ? 'LerpBackward0' : 'LerpBackward1'),
  inputs: (a) => (a.weight.isWrappedNumber ? ['self', 'end'] : ['self', 'end', 'weight']),
  infer: (a) => ternarySpec(a.self, a.end, a.weight),
  forward: (a) => noGrad(() => add(a.self, mul(a.weight, sub(a.end, a.self)))),
  save: (a) => ({ self: a.self, end: a.end, weight: a.weight }),
  backward: (ctx, g) => {
    const w = ctx.saved('weight');
    const grads = [
      ctx.needsInputGrad(0) ? sumToSize(mul(g, sub(1, w)), ctx.meta('self').shape) : null,
      ctx.needsInputGrad(1) ? sumToSize(mul(g, w), ctx.meta('end').shape) : null,
    ];
    if (!ctx.hasInput('weight')) return grads;
    return [...grads, ctx.needsInputGrad(2) ? sumToSize(mul(g, sub(ctx.saved('end'), ctx.saved('self'))), ctx.meta('weight').shape) : null];
  },
  gradcheck: [c([[2, 3], [3], [2, 3]], self())],
});

function addcOp(name: 'addcmul' | 'addcdiv'): OpDef<ParamsArgs<'Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1'>> {
  const isMul = name === 'addcmul';
  return {
    name,
    signature: `${name}(Tensor self, Tensor tensor1, Tensor tensor2, *, Scalar value=1) -> Tensor`,
    method: true,
    function: true,
    display: isMul ? { symbol: '+v·ab', formula: '∂/∂a = v·b, ∂/∂b = v·a' } : { symbol: '+v·a/b', formula: '∂/∂a = v/b, ∂/∂b = −v·a/b²' },
    gradFn: isMul ? 'AddcmulBackward0' : 'AddcdivBackward0',
    infer: (a) => ternarySpec(a.self, a.tensor1, a.tensor2),
    forward: (a, spec) =>
      noGrad(() => {
        // Floats: ATen's rounding, value·t1 first and addcmul's last step fused (addc-fused.ts).
        if (spec.dtype === 'float32' || spec.dtype === 'float64') {
          return addcFused(isMul, a.self, a.tensor1, a.tensor2, Number(a.value), spec.shape, spec.dtype);
        }
        const combined = isMul ? mul(a.tensor1, a.tensor2) : div(a.tensor1, a.tensor2);
        return add(a.self, combined, Number(a.value));
      }),
    save: (a) => ({ tensor1: a.tensor1, tensor2: a.tensor2 }),
    backward: (ctx, g) => {
      const v = Number(ctx.args.value);
      const t1 = ctx.saved('tensor1'),
        t2 = ctx.saved('tensor2');
      const gv = mul(g, v);
      return [
        ctx.needsInputGrad(0) ? sumToSize(g, ctx.meta('self').shape) : null,
        ctx.needsInputGrad(1) ? sumToSize(isMul ? mul(gv, t2) : div(gv, t2), ctx.meta('tensor1').shape) : null,
        ctx.needsInputGrad(2) ? sumToSize(isMul ? mul(gv, t1) : neg(div(mul(gv, t1), mul(t2, t2))), ctx.meta('tensor2').shape) : null,
      ];
    },
  };
}
export const addcmulOp = withGradcheck(addcOp('addcmul'), [
  c([[2, 3], [2, 3], [3]], self(0.5)),
  program('addcmul', [[2, 3], [2, 3], [3]], ([a, b, c]) => callOp('addcmul', a, b, c, 0.5) as Tensor),
]);
export const addcdivOp = withGradcheck(addcOp('addcdiv'), [
  c([[2, 3], [2, 3], [3]], self(0.5), { range: positive }),
  c([[2, 3], [2, 3], [3]], self(), { range: [0.5, 2] }),
]);

/** outer(a, b) = a.reshape(n, 1) * b, as PyTorch 2.x computes it (MulBackward0). */
export const outerOp = defineOp({
  name: 'outer',
  signature: 'outer(Tensor self, Tensor vec2) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '⊗', formula: 'a·bᵀ' },
  composite: (a) => {
    const x = a.self,
      y = a.vec2;
    if (x.dim() !== 1 || y.dim() !== 1) throw runtimeError(`outer: Expected 1-D argument self, but got ${x.dim()}-D`);
    return mul(op('reshape', x, [x.shape[0], 1]), y);
  },
  gradcheck: [c([[3], [2]], self())],
});
export const gerOp: OpDef = withGradcheck({ ...outerOp, name: 'ger', signature: 'ger(Tensor self, Tensor vec2) -> Tensor' }, [c([[3], [2]], self())]);

export const indexSelectOp = defineOp({
  name: 'index_select',
  signature: 'index_select(Tensor self, int dim, Tensor index) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'select', formula: 'gradient added back at the selected indices' },
  gradFn: 'IndexSelectBackward0',
  inputs: ['self'],
  infer: (a) => {
    const x = a.self,
      idx = a.index;
    if (idx.dim() > 1) throw runtimeError('index_select(): Index is supposed to be a vector');
    if (idx.dtype !== 'int64' && idx.dtype !== 'int32') throw runtimeError('index_select(): Expected dtype int32 or int64 for index');
    const d = normalizeDim(a.dim, x.dim());
    const shape = [...x.shape];
    if (shape.length > 0) shape[d] = idx.numel();
    return { shape, dtype: x.dtype };
  },
  forward: (a) => {
    const x = a.self;
    const d = normalizeDim(a.dim, x.dim());
    const indices: (Tensor | null)[] = Array.from({ length: d }, () => null);
    indices.push(op('reshape', a.index, [-1]));
    return op('index', x.detach(), indices);
  },
  save: (a) => ({ index: a.index }),
  backward: (ctx, g) => {
    const shape = ctx.meta('self').shape;
    const d = normalizeDim(ctx.args.dim, shape.length);
    const indices: (Tensor | null)[] = Array.from({ length: d }, () => null);
    indices.push(op('reshape', ctx.saved('index'), [-1]));
    const zeros = Tensor.fromData(allocate(g.dtype, numelOf(shape)), shape, g.dtype);
    return [op('index_put', zeros, indices, g, true)];
  },
  gradcheck: [
    c([[2, 3]], (xs) => [xs[0], 1, long([2, 0, 2])]),
    program('index_select', [[2, 3]], ([x]) => callOp('index_select', x, 1, long([2, 0, 2], [3])) as Tensor),
  ],
});

/** sort's parameters, with topk's optional: one rule serves both. */
type SortLikeArgs = ParamsArgs<'Tensor self, int dim=-1, bool descending=False'> &
  Partial<ParamsArgs<'Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True'>>;

function sortLike(name: 'sort' | 'topk'): OpDef<SortLikeArgs> {
  const isSort = name === 'sort';
  return {
    name,
    signature: isSort
      ? 'sort(Tensor self, int dim=-1, bool descending=False) -> (Tensor values, Tensor indices)'
      : 'topk(Tensor self, int k, int dim=-1, bool largest=True, bool sorted=True) -> (Tensor values, Tensor indices)',
    method: true,
    function: true,
    display: { symbol: name, formula: 'gradient returned to where each value came from' },
    gradFn: isSort ? 'SortBackward0' : 'TopkBackward0',
    infer: (a) => {
      const x = a.self;
      const shape = [...x.shape];
      if (!isSort && shape.length > 0) {
        const d = normalizeDim(a.dim, x.dim());
        if (Number(a.k) > shape[d] || Number(a.k) < 0) throw runtimeError('selected index k out of range');
        shape[d] = Number(a.k);
      }
      return { shape, dtype: x.dtype };
    },
    forward: (a, spec) => {
      const x = a.self;
      const d = x.dim() === 0 ? 0 : normalizeDim(a.dim, x.dim());
      const descending = isSort ? Boolean(a.descending) : Boolean(a.largest);
      const k = isSort ? (x.dim() === 0 ? 1 : x.shape[d]) : Number(a.k);
      const src = x.contiguousValues();
      const size = x.dim() === 0 ? 1 : x.shape[d];
      const outer = numelOf(x.shape.slice(0, d)),
        inner = numelOf(x.shape.slice(d + 1));
      const values = allocate(spec.dtype, outer * k * inner);
      const indices = allocate('int64', outer * k * inner);
      const order = new Array<number>(size);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          for (let j = 0; j < size; j++) order[j] = j;
          const at = (j: number): number => src[o * size * inner + j * inner + i];
          // Stable; NaN sorts as the largest value, as in PyTorch.
          order.sort((p, q) => {
            const vp = at(p),
              vq = at(q);
            const cmp = vp !== vp ? (vq !== vq ? 0 : 1) : vq !== vq ? -1 : vp - vq;
            return (descending ? -cmp : cmp) || p - q;
          });
          for (let j = 0; j < k; j++) {
            values[o * k * inner + j * inner + i] = at(order[j]);
            indices[o * k * inner + j * inner + i] = order[j];
          }
        }
      }
      return [Tensor.fromData(values, spec.shape, spec.dtype), Tensor.fromData(indices, spec.shape, 'int64')];
    },
    save: (_a, _out, outs) => ({ indices: outs[1] }),
    backward: (ctx, g) => {
      const shape = ctx.meta('self').shape;
      if (shape.length === 0) return [g];
      const d = normalizeDim(ctx.args.dim, shape.length);
      const zeros = Tensor.fromData(allocate(g.dtype, numelOf(shape)), shape, g.dtype);
      return [op('scatter_add', zeros, d, ctx.saved('indices'), g)];
    },
  };
}
export const sortOp = withGradcheck(sortLike('sort'), [
  c([[2, 3]], self(1, true)),
  program('sort', [[2, 3]], ([x]) => (callOp('sort', x, 1, true) as Tensor[])[0]),
]);
export const topkOp = withGradcheck(sortLike('topk'), [c([[2, 4]], self(2)), program('topk', [[2, 3]], ([x]) => (callOp('topk', x, 2) as Tensor[])[0])]);

export const clipOp = defineOp({
  name: 'clip',
  signature: 'clip(Tensor self, Scalar? min=None, Scalar? max=None) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'clamp', formula: 'alias of clamp' },
  composite: (a) => op('clamp', a.self, a.min, a.max),
  gradcheck: [c([[2, 3]], self(-0.6, null))],
});
export const clampMinOp = defineOp({
  name: 'clamp_min',
  signature: 'clamp_min(Tensor self, Scalar min) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'clamp', formula: 'clamp(min=)' },
  composite: (a) => op('clamp', a.self, a.min, null),
  gradcheck: [c([[2, 3]], self(0.3))],
});
export const clampMaxOp = defineOp({
  name: 'clamp_max',
  signature: 'clamp_max(Tensor self, Scalar max) -> Tensor',
  method: true,
  function: true,
  display: { symbol: 'clamp', formula: 'clamp(max=)' },
  composite: (a) => op('clamp', a.self, null, a.max),
  gradcheck: [c([[2, 3]], self(0.3))],
});

/**
 * F.cross_entropy as PyTorch 2.x composes it: nll_loss(log_softmax) for class indices, and
 * −Σ target·log_softmax for class probabilities (optionally label-smoothed).
 */
export const crossEntropyOp = defineOp({
  name: 'cross_entropy',
  signature: "cross_entropy(Tensor self, Tensor target, Tensor? weight=None, str reduction='mean', int ignore_index=-100, float label_smoothing=0.0) -> Tensor",
  method: false,
  function: true,
  display: { symbol: 'CE', formula: '∂/∂a = softmax(a) − target' },
  composite: (a) => {
    const x = a.self,
      target = a.target;
    const classDim = x.dim() === 1 ? 0 : 1;
    const classes = x.shape[classDim];
    const logp = op('log_softmax', x, classDim);
    const eps = Number(a.label_smoothing);
    const reduction = a.reduction;
    const weight = a.weight;
    if (target.dtype === 'int64') {
      const nll = op('nll_loss', logp, target, weight, reduction, a.ignore_index);
      if (eps === 0) return nll;
      const weighted = weight ? mul(logp, op('reshape', weight, classDim === 1 ? [1, classes, ...x.shape.slice(2).map(() => 1)] : [classes])) : logp;
      let smooth = neg(sum(weighted, [classDim]));
      const keep = op('ne', target, a.ignore_index);
      smooth = mul(smooth, keep);
      const smoothReduced = reduction === 'none' ? smooth : reduction === 'sum' ? sum(smooth) : div(sum(smooth), sum(keep));
      return add(mul(nll, 1 - eps), mul(smoothReduced, eps / classes));
    }
    let probs = target;
    if (eps > 0) probs = add(mul(target, 1 - eps), eps / classes);
    let terms = mul(logp, probs);
    if (weight) terms = mul(terms, op('reshape', weight, classDim === 1 ? [1, classes, ...x.shape.slice(2).map(() => 1)] : [classes]));
    const loss = neg(sum(terms, [classDim]));
    if (reduction === 'none') return loss;
    if (reduction === 'sum') return sum(loss);
    return op('_div_scalar', sum(loss), x.numel() / classes);
  },
  gradcheck: [
    c(
      [
        [2, 3],
        [2, 3],
      ],
      self(),
      { range: unit },
    ),
    program('cross_entropy', [[2, 3]], ([x]) => callOp('cross_entropy', x, long([2, 0], [2])) as Tensor),
    program(
      'cross_entropy with probabilities',
      [
        [2, 3],
        [2, 3],
      ],
      ([x, t]) => callOp('cross_entropy', x, t) as Tensor,
    ),
  ],
});
