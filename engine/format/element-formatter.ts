// PyTorch's _Formatter: one formatter per tensor decides, from the values that will be
// shown, between integer-looking floats (`1.`), fixed point (`0.6667`) and scientific
// (`1.0000e-05`), and the common width every element is right-aligned to.

import { formatFixed, formatIntRepr, formatScientific } from './python-number.ts';
import type { DType, PrintOptions } from './types.ts';

export interface ElementFormatter {
  /** Width every formatted element is padded to (without the ", " separator). */
  readonly width: number;
  format(value: number): string;
}

function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

function integerFormatter(values: ArrayLike<number>, spell: (v: number) => string): ElementFormatter {
  let width = 1;
  for (let i = 0; i < values.length; i++) width = Math.max(width, spell(values[i] as number).length);
  return { width, format: (value) => padStart(spell(value), width) };
}

function floatFormatter(values: ArrayLike<number>, options: PrintOptions): ElementFormatter {
  const { precision } = options;
  let isIntMode = true;
  let isSciMode = false;
  let width = 1;

  const shown: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isFinite(v) && v !== 0) shown.push(v);
  }

  // PyTorch returns before applying a forced sci_mode when nothing is nonzero and finite,
  // so tensor([0., 0.]) stays `0.` even under set_printoptions(sci_mode=True).
  if (shown.length > 0) {
    let min = Infinity;
    let max = 0;
    for (const v of shown) {
      const a = Math.abs(v);
      if (a < min) min = a;
      if (a > max) max = a;
      if (v !== Math.ceil(v)) isIntMode = false;
    }
    const isWideRange = max / min > 1000 || max > 1e8;
    if (isIntMode) {
      isSciMode = isWideRange;
      for (const v of shown) {
        // Integer-looking floats get a trailing '.', hence the + 1.
        const len = isSciMode ? formatScientific(v, precision).length : formatFixed(v, 0).length + 1;
        width = Math.max(width, len);
      }
    } else {
      isSciMode = isWideRange || min < 1e-4;
      for (const v of shown) {
        const len = isSciMode ? formatScientific(v, precision).length : formatFixed(v, precision).length;
        width = Math.max(width, len);
      }
    }
    if (options.sciMode !== null) isSciMode = options.sciMode;
  }

  const format = (value: number): string => {
    let text: string;
    if (isSciMode) {
      text = formatScientific(value, precision, width);
    } else if (isIntMode) {
      text = formatFixed(value, 0);
      if (Number.isFinite(value)) text += '.';
    } else {
      text = formatFixed(value, precision);
    }
    return padStart(text, width);
  };
  return { width, format };
}

/**
 * Builds the formatter for a tensor from the values that will be printed (all of them,
 * or only the edge items when the tensor is summarised).
 */
export function makeElementFormatter(values: ArrayLike<number>, dtype: DType, options: PrintOptions): ElementFormatter {
  if (dtype === 'bool') return integerFormatter(values, (v) => (v !== 0 ? 'True' : 'False'));
  if (dtype !== 'float32' && dtype !== 'float64') return integerFormatter(values, formatIntRepr);
  return floatFormatter(values, options);
}
