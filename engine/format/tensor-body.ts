// The bracketed body of a tensor repr: nesting, summarisation with '...', and wrapping
// of the innermost rows at linewidth. Mirrors _tensor_str_with_formatter, _vector_str and
// get_summarized_data in torch/_tensor_str.py, over a flat row-major array.

import type { ElementFormatter } from './element-formatter.ts';
import type { PrintOptions } from './types.ts';

interface Block {
  values: ArrayLike<number>;
  shape: readonly number[];
  /** Index into `values` of this block's first element. */
  offset: number;
  /** Which dimension of `shape` this block starts at. */
  dim: number;
}

function stride(shape: readonly number[], dim: number): number {
  let s = 1;
  for (let d = dim + 1; d < shape.length; d++) s *= shape[d] as number;
  return s;
}

function subBlock(block: Block, index: number): Block {
  return { ...block, offset: block.offset + index * stride(block.shape, block.dim), dim: block.dim + 1 };
}

/** Indices shown along one dimension; `null` marks the '...' gap. */
function shownIndices(size: number, summarize: boolean, edgeitems: number): (number | null)[] {
  if (summarize && size > 2 * edgeitems) {
    const head = Array.from({ length: edgeitems }, (_, i) => i);
    const tail = Array.from({ length: edgeitems }, (_, i) => size - edgeitems + i);
    return [...head, null, ...tail];
  }
  return Array.from({ length: size }, (_, i) => i);
}

/**
 * The values a summarised print shows (get_summarized_data): the formatter's width and
 * mode come from these only, so hidden elements never widen the columns.
 */
export function summarizedValues(values: ArrayLike<number>, shape: readonly number[], edgeitems: number): number[] {
  const out: number[] = [];
  // PyTorch 2.x shows only '...' when edgeitems is 0, so no element is measured.
  if (edgeitems === 0 && shape.length > 0) return out;
  const visit = (block: Block): void => {
    if (block.dim === shape.length) {
      out.push(values[block.offset] as number);
      return;
    }
    for (const i of shownIndices(shape[block.dim] as number, true, edgeitems)) {
      if (i !== null) visit(subBlock(block, i));
    }
  };
  visit({ values, shape, offset: 0, dim: 0 });
  return out;
}

function vectorString(block: Block, indent: number, summarize: boolean, formatter: ElementFormatter, options: PrintOptions): string {
  const elementLength = formatter.width + 2; // with the ", " separator
  const perLine = Math.max(1, Math.floor((options.linewidth - indent) / elementLength));
  const size = block.shape[block.dim] as number;
  const items =
    summarize && options.edgeitems === 0
      ? ['...']
      : shownIndices(size, summarize, options.edgeitems).map((i) => (i === null ? ' ...' : formatter.format(block.values[block.offset + i] as number)));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function blockString(block: Block, indent: number, summarize: boolean, formatter: ElementFormatter, options: PrintOptions): string {
  const remaining = block.shape.length - block.dim;
  if (remaining === 0) return formatter.format(block.values[block.offset] as number);
  if (remaining === 1) return vectorString(block, indent, summarize, formatter, options);
  const slices = shownIndices(block.shape[block.dim] as number, summarize, options.edgeitems).map((i) =>
    i === null ? '...' : blockString(subBlock(block, i), indent + 1, summarize, formatter, options),
  );
  // Blank lines between blocks grow with depth: one newline per remaining inner dimension.
  return '[' + slices.join(',' + '\n'.repeat(remaining - 1) + ' '.repeat(indent + 1)) + ']';
}

/** The body of a non-empty tensor, e.g. `[[1., 2.],\n        [3., 4.]]`, at a given indent. */
export function tensorBody(
  values: ArrayLike<number>,
  shape: readonly number[],
  indent: number,
  summarize: boolean,
  formatter: ElementFormatter,
  options: PrintOptions,
): string {
  return blockString({ values, shape, offset: 0, dim: 0 }, indent, summarize, formatter, options);
}
