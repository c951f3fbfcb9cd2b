/**
 * The argument types of an op, read from its signature string by the type checker: the signature
 * is the one place an op declares its parameters, so `forward`, `backward`, `infer` and `save`
 * see `{ self: Tensor; other: Tensor; alpha: Scalar }` for
 * `add(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor` without a cast, and a parameter
 * renamed in the signature is an error wherever the rule still reads the old name.
 * The value types mirror what `bindArgs` in dispatch.ts hands an op after defaults and
 * conversions: `T?` may be null, a defaulted `T` never is.
 */
import type { DType } from '../dtype.ts';
import type { Tensor } from '../tensor.ts';

/** A Python number as PyTorch's `Scalar` parameters accept it. */
export type Scalar = number | boolean;

/** Arguments bound by parameter name (after defaults and kind checks), untyped. */
export type Args = Readonly<Record<string, unknown>>;

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;

/** Top-level `, `-separated items (no signature default contains a comma). */
type SplitParams<S extends string> = S extends `${infer H},${infer R}` ? [Trim<H>, ...SplitParams<R>] : Trim<S> extends '' ? [] : [Trim<S>];

/** `Tensor(a!)` → `Tensor`: alias annotations do not change the value. */
type StripAlias<T extends string> = T extends `${infer B}(${string})${infer Rest}` ? `${B}${Rest}` : T;

/** The JS value bound for one schema type. */
export type ValueOf<T extends string> = T extends `${infer U}?`
  ? ValueOf<U> | null
  : T extends 'Tensor[]'
    ? readonly Tensor[]
    : T extends 'Tensor?[]'
      ? readonly (Tensor | null)[]
      : T extends `int[${string}]`
        ? readonly number[]
        : T extends 'Tensor'
          ? Tensor
          : T extends 'Scalar'
            ? Scalar
            : T extends 'int' | 'float'
              ? number
              : T extends 'bool'
                ? boolean
                : T extends 'ScalarType'
                  ? DType
                  : T extends 'str'
                    ? string
                    : unknown;

type Param<P extends string> = P extends `${infer Decl}=${string}`
  ? Param<Trim<Decl>>
  : P extends `${infer Ty} ${infer Name}`
    ? [Name, ValueOf<StripAlias<Ty>>]
    : never; // the `*` separator of keyword-only parameters

/** `'Tensor self, int dim=0'` → `{ readonly self: Tensor; readonly dim: number }`. */
export type ParamsArgs<L extends string> = { readonly [E in Param<SplitParams<L>[number]> as E[0]]: E[1] };

/**
 * The bound arguments of a whole signature, `name(params) -> returns`; plain `Args` when the
 * signature is not a literal (built at run time).
 */
export type SignatureArgs<S extends string> = string extends S ? Args : S extends `${string}(${infer L}) -> ${string}` ? ParamsArgs<L> : Args;

/** What backward sees in `ctx.args`: the call's non-tensor arguments (OpNode keeps no tensors). */
export type PlainArgs<A extends Args> = { readonly [K in keyof A as Extract<A[K], Tensor> extends never ? K : never]: A[K] };

/** The arguments of a one-tensor op, `f(Tensor self) -> Tensor`. */
export type SelfArgs = ParamsArgs<'Tensor self'>;

/** The arguments of a two-tensor op, `f(Tensor self, Tensor other) -> Tensor`. */
export type BinaryArgs = ParamsArgs<'Tensor self, Tensor other'>;
