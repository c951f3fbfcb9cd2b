// repr(tensor): `tensor(` + body + suffixes (dtype, grad_fn / requires_grad) + `)`,
// as _str_intern and _add_suffixes in torch/_tensor_str.py.

import { makeElementFormatter } from './element-formatter.ts';
import { getPrintOptions } from './options.ts';
import { summarizedValues, tensorBody } from './tensor-body.ts';
import type { DType, PrintOptions, TensorView } from './types.ts';

const PREFIX = 'tensor(';

function shapeTuple(shape: readonly number[]): string {
  // Python's str(tuple): (), (5,), (0, 3)
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function numel(shape: readonly number[]): number {
  return shape.reduce((n, s) => n * s, 1);
}

/** float32, int64 and bool are implied by the printed values; other dtypes are spelled out. */
function hasDefaultDType(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'int64' || dtype === 'bool';
}

/** Rounds float32 data to float32 once more, in case a caller passed unrounded doubles. */
function storedValues(view: TensorView): ArrayLike<number> {
  if (view.dtype !== 'float32' || view.values instanceof Float32Array) return view.values;
  return Float32Array.from(view.values as ArrayLike<number>);
}

function appendSuffixes(text: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  const parts = [text];
  let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

function body(view: TensorView, options: PrintOptions): string {
  const values = storedValues(view);
  const summarize = numel(view.shape) > options.threshold;
  const measured = summarize ? summarizedValues(values, view.shape, options.edgeitems) : values;
  const formatter = makeElementFormatter(measured, view.dtype, options);
  return tensorBody(values, view.shape, PREFIX.length, summarize, formatter, options);
}

/**
 * repr(t) / str(t) / print(t) exactly as PyTorch 2.x prints it, e.g.
 * `tensor([0.6667, 1.0000], dtype=torch.float64, requires_grad=True)`.
 * Uses the global print options (torch.set_printoptions) unless `options` is given.
 */
export function formatTensor(view: TensorView, options: PrintOptions = getPrintOptions()): string {
  const suffixes: string[] = [];
  let text: string;
  if (numel(view.shape) === 0) {
    // No element shows the dtype, so only the default float dtype goes unsaid.
    if (view.shape.length !== 1) suffixes.push(`size=${shapeTuple(view.shape)}`);
    if (view.dtype !== 'float32') suffixes.push(`dtype=torch.${view.dtype}`);
    text = '[]';
  } else {
    if (options.edgeitems === 0) suffixes.push(`size=${shapeTuple(view.shape)}`);
    if (!hasDefaultDType(view.dtype)) suffixes.push(`dtype=torch.${view.dtype}`);
    text = body(view, options);
  }
  if (view.gradFnName !== null) suffixes.push(`grad_fn=<${view.gradFnName}>`);
  else if (view.requiresGrad) suffixes.push('requires_grad=True');
  if (view.tangent !== undefined) suffixes.push(`tangent=${view.tangent}`);

  const repr = appendSuffixes(PREFIX + text, suffixes, PREFIX.length, options.linewidth);
  return view.isParameter ? `Parameter containing:\n${repr}` : repr;
}
