/**
 * Building blocks of the op table's forward-mode rules (`jvp` in an OpDef): a rule returns the
 * output's tangent from the inputs' tangents with engine ops, null for a zero tangent. PyTorch's
 * formulas (derivatives.yaml `result:` lines) are what these follow, so the tangents' own grad_fn
 * names match PyTorch's (exp's tangent is `self_t * result`: MulBackward0).
 */
import { isGradEnabled } from '../autograd/grad-mode.ts';
import type { Tensor } from '../tensor.ts';
import { callOp, callOpKw } from './dispatch.ts';
import type { Args, JvpContext } from './types.ts';

const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;

/** The sum of the contributions that exist (null: every tangent was zero). */
export function sumTangents(...parts: (Tensor | null)[]): Tensor | null {
  let total: Tensor | null = null;
  for (const p of parts) if (p) total = total ? op('add', total, p) : p;
  return total;
}

/**
 * A missing tangent of `primal` where PyTorch's formula multiplies it by `factor`. PyTorch fills
 * it with an efficient zero tensor and adds the terms, so when the primal or the factor requires
 * grad the sum joins the tangent's graph (`(x_dual * 2)`'s tangent prints
 * `grad_fn=<AddBackward0>` when x requires grad): only then is a zero materialised here,
 * otherwise the term is skipped (null).
 */
export function tangentOrZero(t: Tensor | null, primal: Tensor, factor: Tensor): Tensor | null {
  if (t) return t;
  return isGradEnabled() && (factor.requiresGrad || primal.requiresGrad) ? op('zeros_like', primal) : null;
}

/** `t · factor`, skipping the multiplication by 1. */
export const scaleTangent = (t: Tensor | null, factor: number): Tensor | null => (t === null ? null : factor === 1 ? t : op('mul', t, factor));

/**
 * A rule for an op linear in `param` (views, reductions, copies): the same call with the tangent
 * in its place. A view's tangent is so a view of the input's tangent, as PyTorch keeps them.
 */
export function sameOpOnTangent(name: string, param = 'self') {
  return (a: Args, ctx: JvpContext): Tensor | null => {
    const t = ctx.tangent(param);
    return t === null ? null : (callOpKw(name, [], { ...a, [param]: t }) as Tensor);
  };
}

/** An elementwise `f(self)` whose derivative is `local(self, result)`: tangent = self_t · local. */
export function elementwiseJvp(local: (self: Tensor, result: Tensor) => Tensor) {
  return (a: Args, ctx: JvpContext): Tensor | null => {
    const t = ctx.tangent('self');
    return t === null ? null : op('mul', t, local(a.self as Tensor, ctx.result));
  };
}

/** A bilinear product `f(x, y)` (mm, bmm, mv, dot): tangent = f(x_t, y) + f(x, y_t). */
export function bilinearJvp(name: string, first: string, second: string) {
  return (a: Args, ctx: JvpContext): Tensor | null => {
    const x = a[first] as Tensor,
      y = a[second] as Tensor;
    const tx = tangentOrZero(ctx.tangent(first), x, y),
      ty = tangentOrZero(ctx.tangent(second), y, x);
    return sumTangents(tx && op(name, tx, y), ty && op(name, x, ty));
  };
}

/** cat/stack: the same op over the tangents, zeros standing in for inputs without one. */
export function listOpJvp(name: string) {
  return (a: Args, ctx: JvpContext): Tensor | null => {
    const ts = ctx.tangents('tensors');
    if (ts.every((t) => t === null)) return null;
    const primals = a.tensors as readonly Tensor[];
    const filled = ts.map((t, i) => t ?? op('zeros_like', primals[i]));
    return callOpKw(name, [], { ...a, tensors: filled }) as Tensor;
  };
}

/** An op built by a factory, given its forward-mode rule. */
export function withJvp<D extends object>(
  def: D,
  jvp: (a: Args, ctx: JvpContext) => Tensor | null,
): D & { readonly jvp: (a: Args, ctx: JvpContext) => Tensor | null } {
  return { ...def, jvp };
}
