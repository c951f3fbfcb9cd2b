/**
 * OpDef: everything about one op in one object — PyTorch name and signature, shape/dtype rule,
 * forward (kernels), grad_fn name, backward rule (written with engine ops, so it can itself be
 * differentiated), and what the graph legend shows.
 */
import type { TensorMeta } from '../autograd/node.ts';
import type { DType } from '../dtype.ts';
import type { Tensor } from '../tensor.ts';
import type { GradcheckCase } from './gradcheck-case.ts';

import type { Args, PlainArgs, SignatureArgs } from './signature-types.ts';

export type { Args, BinaryArgs, ParamsArgs, PlainArgs, Scalar, SelfArgs, SignatureArgs } from './signature-types.ts';

export interface OutputSpec {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export interface BackwardContext<A extends Args = Args> {
  /** The call's non-tensor arguments (dims, scalars, flags). */
  readonly args: PlainArgs<A>;
  /** A tensor saved in forward, version-checked; throws after the graph was freed. */
  saved(name: string): Tensor;
  /** Whether forward saved a tensor under this name (optional inputs like layer_norm's weight). */
  hasSaved(name: string): boolean;
  /** Shape/dtype of a graph input, by parameter name. */
  meta(name: string): TensorMeta;
  /** Shapes/dtypes of every element of a Tensor[] input (cat's `tensors`). */
  metas(name: string): TensorMeta[];
  /** Whether the named parameter is one of this node's graph inputs. */
  hasInput(name: string): boolean;
  /** Whether input i (in `inputs` order) needs a gradient (has an edge). */
  needsInputGrad(i: number): boolean;
}

/** What a forward-mode rule reads besides the call's arguments (see autograd/forward-ad.ts). */
export interface JvpContext {
  /** The op's (primal) output. */
  readonly result: Tensor;
  /** The tangent of a Tensor parameter, or null where it has none (a zero tangent). */
  tangent(name: string): Tensor | null;
  /** The tangents of a Tensor[] parameter's elements (cat's `tensors`), null where none. */
  tangents(name: string): (Tensor | null)[];
}

export interface OpDisplay {
  /** Short glyph for the graph node, e.g. `×`. */
  readonly symbol: string;
  /** The local derivative, for the legend, e.g. `∂(a·b)/∂a = b`. */
  readonly formula: string;
}

/**
 * A rule over the call's arguments. Declared through a method so that it is compared bivariantly:
 * an `OpDef<{ self: Tensor }>` still fits the table's `OpDef` (whose rules take any `Args`),
 * because dispatch only ever calls a rule with the arguments bound from that op's own signature.
 */
type ArgsRule<A, R> = { rule(args: A): R }['rule'];

/**
 * One op. `A` is its bound arguments, normally read from the signature by `defineOp`; the
 * default (`Args`, untyped) keeps a plain `const fooOp: OpDef = {...}` compiling.
 */
export interface OpDef<A extends Args = Args> {
  /** PyTorch's op name, e.g. `mul`. */
  readonly name: string;
  /** native_functions.yaml style, e.g. `mul(Tensor self, Tensor other) -> Tensor`. */
  readonly signature: string;
  /** Exists as a Tensor method / as a torch function. */
  readonly method: boolean;
  readonly function: boolean;
  readonly display: OpDisplay;
  /** PyTorch's grad_fn name, or a rule choosing it from the call (x**2 vs x**y vs 2**x). */
  readonly gradFn?: string | ArgsRule<A, string>;
  /**
   * The tensor parameters that become graph edges (`next_functions`), in order. Defaults to every
   * single-Tensor parameter. backward returns one gradient per entry.
   */
  readonly inputs?: readonly string[] | ArgsRule<A, readonly string[]>;
  /** Output shape and dtype (and PyTorch's errors for bad shapes). */
  infer?(args: A): OutputSpec;
  /**
   * Compute the output (no autograd here). An array means several outputs of which only the
   * first is differentiable (max(dim) → values, indices).
   */
  forward?(args: A, out: OutputSpec): Tensor | Tensor[];
  /** What backward needs, by name; called only when the graph is recorded. */
  save?(args: A, output: Tensor, outputs: readonly Tensor[]): Readonly<Record<string, Tensor>>;
  /** A call that PyTorch itself routes elsewhere (`2 / x` is `reciprocal(x) * 2`); undefined = no. */
  rewrite?(args: A): Tensor | undefined;
  backward?(ctx: BackwardContext<A>, grad: Tensor): (Tensor | null)[];
  /**
   * Forward mode: the output's tangent from the inputs' tangents (J·v), written with engine ops;
   * null for a zero tangent. Without it, a differentiable op gets J·v from its backward rule by
   * the double-vjp trick (autograd/forward-ad.ts), so every op works in forward mode.
   */
  jvp?(args: A, ctx: JvpContext): Tensor | null;
  /** A composite op is written with other ops and has no rule of its own (matmul, contiguous). */
  composite?(args: A): Tensor | Tensor[];
  /** For in-place variants (`add_`): the out-of-place op whose result is written into self. */
  readonly inplaceOf?: OpDef;
  /** In-place casts freely (copy_, fill_) instead of PyTorch's can_cast check (add_). */
  readonly castsFreely?: boolean;
  /**
   * How gradcheck calls a differentiable op (the first case also on non-contiguous and expanded
   * leaves, and for the in-place variant); engine/test/gradcheck.test.ts walks the table.
   */
  readonly gradcheck?: readonly GradcheckCase[];
}

/**
 * An op whose rules read typed arguments: `S` is inferred from the `signature` literal and the
 * callbacks are checked against `SignatureArgs<S>` (see signature-types.ts).
 */
export function defineOp<const S extends string>(def: OpDef<SignatureArgs<S>> & { readonly signature: S }): OpDef<SignatureArgs<S>> {
  return def;
}

/** JSON-safe description of one parameter, for the Python layer's generated wrappers. */
export interface OpParamInfo {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly default?: number | boolean | string | null | readonly number[];
  readonly keywordOnly: boolean;
}

export interface OpSignatureInfo {
  readonly name: string;
  readonly params: readonly OpParamInfo[];
  readonly method: boolean;
  readonly function: boolean;
  readonly inplace: boolean;
  /** Field names when the op returns PyTorch's named tuple (max(dim) → values, indices). */
  readonly returns: readonly string[];
}
