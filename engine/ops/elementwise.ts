/** Shape/dtype rules and forwards shared by the elementwise ops. */
import { allocate, DEFAULT_FLOAT, isFloating, resultType, type DType } from '../dtype.ts';
import { kernels } from '../kernels/index.ts';
import type { BinaryOp, UnaryOp } from '../kernels/types.ts';
import { broadcastShapes, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { asDtype, broadcastView } from './tensor-utils.ts';
import type { BackwardContext, BinaryArgs, OpDef, OutputSpec, Scalar, SelfArgs } from './types.ts';

export type BinaryKind = 'arith' | 'trueDivide' | 'compare';

/** Broadcast shape and PyTorch's result dtype for a binary op. */
export function inferBinary(a: Tensor, b: Tensor, kind: BinaryKind): OutputSpec & { compute: DType } {
  const shape = broadcastShapes(a.shape, b.shape);
  let compute = resultType([a, b]);
  if (kind === 'trueDivide' && !isFloating(compute)) compute = DEFAULT_FLOAT;
  return { shape, dtype: kind === 'compare' ? 'bool' : compute, compute };
}

/** Runs a binary kernel on a and b (cast to the compute dtype, broadcast to the output shape). */
export function binaryForward(op: BinaryOp, a: Tensor, b: Tensor, shape: readonly number[], compute: DType, dtype: DType, alpha = 1): Tensor {
  const out = allocate(dtype, numelOf(shape));
  const av = broadcastView(asDtype(a, compute), shape);
  const bv = broadcastView(asDtype(b, compute), shape);
  kernels().binary(op, av, bv, out, alpha);
  // bool + bool is logical or in PyTorch; the store into a Uint8Array kept the raw sum.
  if (dtype === 'bool' && (op === 'add' || op === 'mul')) for (let i = 0; i < out.length; i++) out[i] = out[i] !== 0 ? 1 : 0;
  return Tensor.fromData(out, shape, dtype);
}

/** The infer/forward pair of a plain binary op over `self` and `other`. */
export function binaryOp(op: BinaryOp, kind: BinaryKind, alphaParam = false) {
  return {
    infer: (args: BinaryArgs): OutputSpec => inferBinary(args.self, args.other, kind),
    forward: (args: BinaryArgs & { readonly alpha?: Scalar }, spec: OutputSpec): Tensor => {
      const a = args.self;
      const b = args.other;
      // The spec is infer's own (with the compute dtype) when dispatch made it; otherwise infer again.
      const compute = (spec as Partial<ReturnType<typeof inferBinary>>).compute ?? inferBinary(a, b, kind).compute;
      return binaryForward(op, a, b, spec.shape, compute, spec.dtype, alphaParam ? Number(args.alpha) : 1);
    },
  };
}

/** Ops like exp/log compute in floating point: integer inputs give the default float dtype. */
export function unaryOp(op: UnaryOp, floatResult: boolean, p0 = 0, p1 = 0) {
  return {
    infer: (args: SelfArgs): OutputSpec => {
      const x = args.self;
      return { shape: x.shape, dtype: floatResult && !isFloating(x.dtype) ? DEFAULT_FLOAT : x.dtype };
    },
    forward: (args: SelfArgs, spec: OutputSpec): Tensor => unaryForward(op, args.self, spec.dtype, p0, p1),
  };
}

export function unaryForward(op: UnaryOp, x: Tensor, dtype: DType, p0 = 0, p1 = 0): Tensor {
  const out = allocate(dtype, x.numel());
  kernels().unary(op, x, out, p0, p1);
  return Tensor.fromData(out, x.shape, dtype);
}

/** What a one-input function returns: the default float for integer input, self's dtype, or bool. */
export type UnaryResult = 'float' | 'same' | 'bool';

/**
 * A one-input elementwise op `name(Tensor self) -> Tensor` over the kernel of the same name:
 * `save` keeps self or the result for `backward(saved, grad)` (the incoming grad when nothing is
 * saved); no backward = not differentiable.
 */
export function unary(
  name: UnaryOp,
  gradFn: string | null,
  display: { symbol: string; formula: string },
  result: UnaryResult,
  save: 'self' | 'result' | null,
  backward: ((saved: Tensor, g: Tensor) => Tensor) | null,
): OpDef<SelfArgs> {
  const k = unaryOp(name, result === 'float');
  const def: OpDef<SelfArgs> = {
    name,
    signature: `${name}(Tensor self) -> Tensor`,
    method: true,
    function: true,
    display,
    ...(gradFn ? { gradFn } : {}),
    infer: result === 'bool' ? (a) => ({ shape: a.self.shape, dtype: 'bool' }) : k.infer,
    forward: k.forward,
  };
  if (!backward) return def;
  const rule = (ctx: BackwardContext<SelfArgs>, g: Tensor): Tensor[] => [backward(save ? ctx.saved('x') : g, g)];
  if (!save) return { ...def, backward: rule };
  return { ...def, save: (a, out) => ({ x: save === 'self' ? a.self : out }), backward: rule };
}
