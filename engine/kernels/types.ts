/**
 * The kernel interface: everything that touches numbers in bulk goes through one `Kernels`
 * object, so a WebAssembly SIMD implementation can replace the JS one (`setKernels`) without any
 * op changing. Kernels never allocate tensors and never see autograd; they read strided views and
 * write contiguous (or strided, for `scatter`) typed arrays.
 */
import type { NumericArray } from '../dtype.ts';
import type { Shape } from '../shape.ts';

/** A strided read-only window onto a typed array (a Tensor satisfies this through `view()`). */
export interface StridedView {
  readonly data: NumericArray;
  readonly shape: Shape;
  readonly strides: Shape;
  readonly offset: number;
}

export type UnaryOp =
  | 'copy'
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'abs'
  | 'sign'
  | 'reciprocal'
  | 'notZero'
  | 'logicalNot'
  /** ~x on integers (two's complement: −x − 1, exact for every int64 a double holds) */
  | 'bitwiseNot'
  | 'sin'
  | 'cos'
  | 'asin'
  | 'rsqrt'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'trunc'
  | 'log1p'
  | 'expm1'
  | 'erf'
  | 'isnan'
  | 'isinf'
  | 'isfinite'
  | 'log2'
  | 'log10'
  /** clamp(x, p0, p1); pass ±Infinity for a missing bound. */
  | 'clamp'
  /** x^p0 with a scalar exponent */
  | 'powScalar'
  /** p0^x with a scalar base */
  | 'scalarPow'
  /** x * p0 */
  | 'scale'
  /** 1 − x², rounded once in float32 (tanh_backward's fused multiply-add) */
  | 'oneMinusSquare';

export type BinaryOp =
  /** a + alpha*b */
  | 'add'
  /** a - alpha*b */
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'maximum'
  | 'minimum'
  | 'logicalAnd'
  | 'logicalOr'
  | 'logicalXor'
  /** Python's // and % (floor semantics, sign of the divisor) */
  | 'floorDivide'
  | 'remainder'
  | 'bitwiseAnd'
  | 'bitwiseOr'
  | 'bitwiseXor';

/** Reductions along one dim that are not sums: extremes (and where they are) and products. */
export type DimReduceOp = 'max' | 'min' | 'argmax' | 'argmin' | 'prod';

export interface Kernels {
  /**
   * Reduce a contiguous [outer, size, inner] block along the middle axis into out[outer, inner].
   * max/min propagate NaN; argmax/argmin give the first extreme (or the first NaN).
   */
  reduceDim(op: DimReduceOp, x: NumericArray, outer: number, size: number, inner: number, out: NumericArray): void;
  /** Running sum along the middle axis of a contiguous [outer, size, inner] block. */
  cumsum(x: NumericArray, outer: number, size: number, inner: number, out: NumericArray): void;
  /** out[i] = op(x[i]) over x's shape, out contiguous. */
  unary(op: UnaryOp, x: StridedView, out: NumericArray, p0: number, p1: number): void;
  /** out = op(a, b) with a and b already broadcast to outShape (zero strides on broadcast dims). */
  binary(op: BinaryOp, a: StridedView, b: StridedView, out: NumericArray, alpha: number): void;
  /** out = cond ? a : b, all three broadcast to out's shape. */
  where(cond: StridedView, a: StridedView, b: StridedView, out: NumericArray): void;
  /** Gather a strided view into contiguous out (the typed array store does the dtype cast). */
  copy(src: StridedView, out: NumericArray): void;
  /** Write contiguous src (of dst's numel) into dst's strided positions. */
  scatter(dst: StridedView, src: NumericArray): void;
  /** Sum over the dims marked in `reduced`; out is contiguous over the kept dims. */
  sum(x: StridedView, reduced: readonly boolean[], out: NumericArray): void;
  /**
   * out[i] = a[i] @ b[i] for i in [0, batch): `a` is a [batch, m, k] view and `b` a [batch, k, n]
   * view, both with any strides (a transposed operand or a broadcast batch, stride 0, needs no
   * copy); out is contiguous [batch, m, n]. Sums over k in order, rounding as gemm.ts describes.
   * With `startFromOut` each sum starts from the value already in out (BLAS's C += A·B).
   */
  matmul(a: StridedView, b: StridedView, out: NumericArray, startFromOut?: boolean): void;
}
