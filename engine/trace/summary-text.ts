/**
 * PyTorch's text of a summarized tensor (`tensor([0.6667, 1.0000])`), made when the page asks for
 * it: the recorder keeps values only, since formatting every recorded tensor cost more than the op.
 */
import { defaultPrintOptions, formatTensor } from '../format/index.ts';
import type { TensorSummary } from './schema.ts';

/**
 * The summary's text: the one recorded with it (traces made before text was lazy), else formatted
 * from its values with PyTorch's default print options; undefined for a large tensor (no values).
 */
export function summaryText(summary: TensorSummary): string | undefined {
  if (summary.text !== undefined) return summary.text;
  if (!summary.values) return undefined;
  return formatTensor({ shape: summary.shape, dtype: summary.dtype, values: summary.values, requiresGrad: false, gradFnName: null }, defaultPrintOptions);
}
