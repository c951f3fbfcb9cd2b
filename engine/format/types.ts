// The plain data the printer needs; the engine's Tensor builds one of these, so the
// printer never depends on the Tensor class.

export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

export interface TensorView {
  shape: readonly number[];
  dtype: DType;
  /** Row-major contiguous values; bools as 0/1; float32 values exactly as stored. */
  values: ArrayLike<number>;
  /** Prints `requires_grad=True` when there is no grad_fn (a leaf that requires grad). */
  requiresGrad: boolean;
  /** Prints `grad_fn=<MulBackward0>` when not null. */
  gradFnName: string | null;
  /**
   * Forward-mode AD: the tangent as PyTorch puts it in the suffix (`tangent={tangent}`, an
   * f-string: a 0-d tangent prints as its Python float). Same in 1.13 and 2.x.
   */
  tangent?: string;
  /** nn.Parameter: `Parameter containing:\ntensor(...)`. */
  isParameter?: boolean;
}

/** torch.set_printoptions state. `threshold` may be Infinity (profile 'full'). */
export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}
