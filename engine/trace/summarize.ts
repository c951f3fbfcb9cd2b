/** Tensors as the trace holds them: small ones with values and PyTorch's text, large ones statistics. */
import { formatTensor } from '../format/index.ts';
import type { Tensor } from '../tensor.ts';
import { SUMMARY_VALUE_LIMIT, type TensorSummary } from './schema.ts';

/** A tensor as the picture needs it. */
export function summarize(t: Tensor): TensorSummary {
  const base = { id: t.id, shape: [...t.shape], dtype: t.dtype, requiresGrad: t.requiresGrad };
  const n = t.numel();
  const values = t.contiguousValues();
  if (n <= SUMMARY_VALUE_LIMIT) {
    const text = formatTensor({ shape: t.shape, dtype: t.dtype, values, requiresGrad: false, gradFnName: null });
    return { ...base, values: Array.from(values), text };
  }
  let min = Infinity,
    max = -Infinity,
    sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { ...base, stats: { min, max, mean: sum / n } };
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
