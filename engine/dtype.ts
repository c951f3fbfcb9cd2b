/**
 * Dtypes, their storage arrays and PyTorch's type promotion.
 * int64 lives in a Float64Array holding exact integers (safe up to 2^53), which keeps every kernel
 * on plain numbers instead of BigInt.
 */
import type { DTypeName } from './trace/schema.ts';
import { runtimeError, type TorchError } from './errors.ts';
import { reserveTensorMemory } from './memory-budget.ts';

export type DType = DTypeName;
export type NumericArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

export const DTYPES: readonly DType[] = ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64'];
export const DEFAULT_FLOAT: DType = 'float32';

/** Bytes per element as PyTorch counts them (int64 is 8 bytes here too: it is stored as float64). */
export function itemSize(dtype: DType): number {
  switch (dtype) {
    case 'bool':
    case 'uint8':
    case 'int8':
      return 1;
    case 'int16':
      return 2;
    case 'int32':
    case 'float32':
      return 4;
    default:
      return 8;
  }
}

/**
 * The most one tensor may take: 2 GiB. A browser tab dies well before it could hold several of
 * those, and a typed array of more elements than the engine can index would fail anyway, so a
 * larger request fails here, before it is attempted, with PyTorch's out-of-memory text.
 */
export const MAX_TENSOR_BYTES = 2 ** 31;

/** PyTorch's CPU allocator's words when memory cannot be had (Linux build). */
export function outOfMemoryError(bytes: number): TorchError {
  return runtimeError(
    `[enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate ${bytes} bytes. Error code 12 (Cannot allocate memory)`,
  );
}

export function allocate(dtype: DType, n: number): NumericArray {
  const bytes = n * itemSize(dtype);
  // Past one tensor's limit, or past the total budget of live storage (memory-budget.ts).
  if (!(bytes <= MAX_TENSOR_BYTES) || !reserveTensorMemory(bytes)) throw outOfMemoryError(bytes);
  try {
    switch (dtype) {
      case 'float32':
        return new Float32Array(n);
      case 'float64':
        return new Float64Array(n);
      case 'int64':
        return new Float64Array(n);
      case 'int32':
        return new Int32Array(n);
      // The small integers wrap on overflow as PyTorch's do: the typed arrays store modulo 2^bits.
      case 'int16':
        return new Int16Array(n);
      case 'int8':
        return new Int8Array(n);
      case 'uint8':
        return new Uint8Array(n);
      case 'bool':
        return new Uint8Array(n);
    }
  } catch (error) {
    // The host refused the memory (V8: "Array buffer allocation failed").
    if (error instanceof RangeError) throw outOfMemoryError(bytes);
    throw error;
  }
}

export const isFloating = (d: DType): boolean => d === 'float32' || d === 'float64';
export const isIntegral = (d: DType, includeBool = false): boolean =>
  d === 'int32' || d === 'int64' || d === 'int16' || d === 'int8' || d === 'uint8' || (includeBool && d === 'bool');

/** PyTorch's category order: bool < integral < floating. */
export function category(d: DType): 0 | 1 | 2 {
  return d === 'bool' ? 0 : isFloating(d) ? 2 : 1;
}

/**
 * promote_types: the rank order gives PyTorch's table, except that uint8 with int8 is int16
 * (the smallest type holding both ranges).
 */
const RANK: Record<DType, number> = { bool: 0, uint8: 1, int8: 1, int16: 2, int32: 3, int64: 4, float32: 5, float64: 6 };
export function promoteTypes(a: DType, b: DType): DType {
  if ((a === 'uint8' && b === 'int8') || (a === 'int8' && b === 'uint8')) return 'int16';
  return RANK[a] >= RANK[b] ? a : b;
}

/** torch.can_cast: no casting down a category (float→int, int→bool). */
export function canCast(from: DType, to: DType): boolean {
  return category(from) <= category(to);
}

/** Converts a value to what storing it in `dtype` keeps (the typed array does the rest). */
export function castScalar(v: number, dtype: DType): number {
  switch (dtype) {
    case 'bool':
      return v !== 0 ? 1 : 0;
    case 'int64':
      return Math.trunc(v);
    case 'int32':
      return Math.trunc(v) | 0;
    case 'int16':
      return (Math.trunc(v) << 16) >> 16;
    case 'int8':
      return (Math.trunc(v) << 24) >> 24;
    case 'uint8':
      return Math.trunc(v) & 0xff;
    case 'float32':
      return Math.fround(v);
    case 'float64':
      return v;
  }
}

/** PyTorch's legacy type names, used in error texts ("torch.FloatTensor"). */
export function legacyTypeName(d: DType): string {
  const names: Record<DType, string> = {
    float32: 'Float',
    float64: 'Double',
    int64: 'Long',
    int32: 'Int',
    int16: 'Short',
    int8: 'Char',
    uint8: 'Byte',
    bool: 'Bool',
  };
  return names[d];
}

/** Python-visible name: torch.float32 etc. */
export const torchName = (d: DType): string => `torch.${d}`;

/** The participants in result_type: dtype, whether it is a zero-dim tensor, whether a wrapped Python number. */
export interface TypeOperand {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly isWrappedNumber: boolean;
}

/**
 * torch.result_type: dimensioned tensors beat zero-dim tensors beat wrapped numbers, but only
 * across categories (a float scalar makes an int tensor float32; it never makes float32 float64).
 */
export function resultType(operands: readonly TypeOperand[]): DType {
  let dimResult: DType | null = null;
  let zeroResult: DType | null = null;
  let wrappedResult: DType | null = null;
  for (const o of operands) {
    if (o.isWrappedNumber) {
      const d = isFloating(o.dtype) ? DEFAULT_FLOAT : o.dtype;
      wrappedResult = wrappedResult === null ? d : promoteTypes(wrappedResult, d);
    } else if (o.shape.length === 0) {
      zeroResult = zeroResult === null ? o.dtype : promoteTypes(zeroResult, o.dtype);
    } else {
      dimResult = dimResult === null ? o.dtype : promoteTypes(dimResult, o.dtype);
    }
  }
  const result = combineCategories(dimResult, combineCategories(zeroResult, wrappedResult));
  return result ?? DEFAULT_FLOAT;
}

function combineCategories(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (isFloating(higher)) return higher;
  if (higher === 'bool' || isFloating(lower)) return promoteTypes(higher, lower);
  return higher;
}
