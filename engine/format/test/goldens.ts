// Typed access to goldens/format.json (written by scripts/goldens/format.py).

import { readFileSync } from 'node:fs';
import type { DType, PrintOptions, TensorView } from '../types.ts';
import type { SetPrintOptionsArgs } from '../options.ts';

/** JSON has no nan/inf, so the generator spells them as strings. */
type EncodedNumber = number | 'nan' | 'inf' | '-inf';

export interface TensorCase {
  name: string;
  shape: number[];
  dtype: DType;
  values: EncodedNumber[];
  requiresGrad: boolean;
  gradFnName: string | null;
  isParameter: boolean;
  setArgs: SetPrintOptionsArgs;
  options: Omit<PrintOptions, 'threshold'> & { threshold: number | 'inf' };
  expected: string;
}

export interface NumberSpelling {
  value: number;
  precision: number;
  fixed: string;
  scientific: string;
}

export interface ScalarRepr {
  value: EncodedNumber;
  kind: 'float' | 'int' | 'bool';
  expected: string;
}

interface Goldens {
  cases: TensorCase[];
  numbers: NumberSpelling[];
  scalars: ScalarRepr[];
}

export const goldens: Goldens = JSON.parse(readFileSync(new URL('./goldens/format.json', import.meta.url), 'utf8')) as Goldens;

export function decodeNumber(v: EncodedNumber): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
}

export function caseView(c: TensorCase): TensorView {
  const decoded = c.values.map(decodeNumber);
  const values = c.dtype === 'float32' ? Float32Array.from(decoded) : c.dtype === 'float64' ? Float64Array.from(decoded) : decoded;
  return {
    shape: c.shape,
    dtype: c.dtype,
    values,
    requiresGrad: c.requiresGrad,
    gradFnName: c.gradFnName,
    isParameter: c.isParameter,
  };
}

export function caseOptions(c: TensorCase): PrintOptions {
  return { ...c.options, threshold: c.options.threshold === 'inf' ? Infinity : c.options.threshold };
}
