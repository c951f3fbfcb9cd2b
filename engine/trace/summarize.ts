/** Tensors as the trace holds them: small ones with values, large ones statistics. */
import type { Tensor } from '../tensor.ts';
import { SUMMARY_VALUE_LIMIT, type TensorSummary } from './schema.ts';

/**
 * A tensor as the picture needs it. PyTorch's text is not made here: it is most of a recorded
 * op's cost and the page rarely shows it, so `summaryText` formats it from the values on demand.
 */
export function summarize(t: Tensor): TensorSummary {
  const shape = t.shape.slice();
  const n = t.numel();
  const values = t.contiguousValues();
  if (n <= SUMMARY_VALUE_LIMIT) {
    // A loop, not Array.from: most summaries hold one to a few numbers, where Array.from's setup dominates.
    const copy = new Array<number>(n);
    for (let i = 0; i < n; i++) copy[i] = values[i] as number;
    return { id: t.id, shape, dtype: t.dtype, requiresGrad: t.requiresGrad, values: copy };
  }
  let min = Infinity,
    max = -Infinity,
    sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { id: t.id, shape, dtype: t.dtype, requiresGrad: t.requiresGrad, stats: { min, max, mean: sum / n } };
}

/** A summary that keeps the values of tensors up to `limit` elements (heatmaps need them). */
export function summarizeKeepingValues(t: Tensor, limit: number): TensorSummary {
  const summary = summarize(t);
  return summary.values || t.numel() > limit ? summary : { ...summary, values: Array.from(t.contiguousValues()) };
}

/** L2 norm of all elements (what `torch.linalg.norm(p.grad)` prints), for pass summaries. */
export function l2Norm(t: Tensor): number {
  const values = t.contiguousValues();
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}
