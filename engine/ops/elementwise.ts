/** Shape/dtype rules and forwards shared by the elementwise ops. */
import { allocate, DEFAULT_FLOAT, isFloating, resultType, type DType } from '../dtype.ts';
import { kernels } from '../kernels/index.ts';
import type { BinaryOp, UnaryOp } from '../kernels/types.ts';
import { broadcastAll, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { asDtype, broadcastView } from './tensor-utils.ts';
import type { Args, OutputSpec } from './types.ts';

export type BinaryKind = 'arith' | 'trueDivide' | 'compare';

/** Broadcast shape and PyTorch's result dtype for a binary op. */
export function inferBinary(a: Tensor, b: Tensor, kind: BinaryKind): OutputSpec & { compute: DType } {
  const shape = broadcastAll([a.shape, b.shape]);
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
    infer: (args: Args): OutputSpec => inferBinary(args.self as Tensor, args.other as Tensor, kind),
    forward: (args: Args, spec: OutputSpec): Tensor => {
      const a = args.self as Tensor;
      const b = args.other as Tensor;
      const { compute } = inferBinary(a, b, kind);
      return binaryForward(op, a, b, spec.shape, compute, spec.dtype, alphaParam ? Number(args.alpha) : 1);
    },
  };
}

/** Ops like exp/log compute in floating point: integer inputs give the default float dtype. */
export function unaryOp(op: UnaryOp, floatResult: boolean, p0 = 0, p1 = 0) {
  return {
    infer: (args: Args): OutputSpec => {
      const x = args.self as Tensor;
      return { shape: x.shape, dtype: floatResult && !isFloating(x.dtype) ? DEFAULT_FLOAT : x.dtype };
    },
    forward: (args: Args, spec: OutputSpec): Tensor => unaryForward(op, args.self as Tensor, spec.dtype, p0, p1),
  };
}

export function unaryForward(op: UnaryOp, x: Tensor, dtype: DType, p0 = 0, p1 = 0): Tensor {
  const out = allocate(dtype, x.numel());
  kernels().unary(op, x, out, p0, p1);
  return Tensor.fromData(out, x.shape, dtype);
}
