/**
 * CopySlices: the grad_fn a base tensor gets when one of its views is modified in place
 * (`x[0] = 5`, `x[:, 1].mul_(2)`). The gradient for the base passes through unchanged outside the
 * view's region; inside it goes through the in-place op's own backward.
 */
import type { Tensor } from '../tensor.ts';
import { callOp } from '../ops/dispatch.ts';
import { GradNode, gradientEdge } from './node.ts';

/** A view's position inside its (contiguous) base, in elements. */
export interface ViewGeometry {
  readonly size: readonly number[];
  readonly stride: readonly number[];
  readonly storageOffset: number;
}

export class CopySlices extends GradNode {
  constructor(
    base: Tensor,
    private readonly geometry: ViewGeometry,
    private readonly fn: GradNode,
  ) {
    super();
    this.nextFunctions = [gradientEdge(base), ...fn.nextFunctions.slice(1)];
    this.inputMeta = [{ shape: base.shape, dtype: base.dtype }, ...fn.inputMeta.slice(1)];
    this.outputMeta = [{ shape: base.shape, dtype: base.dtype }];
  }

  name(): string {
    return 'torch::autograd::CopySlices';
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const grad = grads[0];
    if (!grad) return this.nextFunctions.map(() => null);
    const { size, stride, storageOffset } = this.geometry;
    const gradInView = callOp('as_strided', grad, size, stride, storageOffset) as Tensor;
    const fnGrads = this.fn.apply([gradInView]);
    const regionGrad = fnGrads[0] ?? (callOp('zeros_like', gradInView) as Tensor);
    const baseGrad = callOp('as_strided_scatter', grad, regionGrad, size, stride, storageOffset) as Tensor;
    return [baseGrad, ...fnGrads.slice(1)];
  }

  override release(): boolean {
    return this.fn.release();
  }
}
