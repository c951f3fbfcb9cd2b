/**
 * Which locals changed since the previous line of a frame: new names, and values that differ
 * (an in-place `grad_input[input < 0] = 0` keeps the tensor's id but changes its values).
 */
import type { LocalValue, PyValue } from '../../../engine/trace/schema.ts';

export type LocalChange = 'new' | 'changed' | 'same';

export interface LocalRow {
  readonly name: string;
  readonly value: PyValue;
  readonly change: LocalChange;
}

/** Locals in the trace's order, each marked against `previous` (none marked on a frame's first line). */
export function diffLocals(previous: readonly LocalValue[] | undefined, current: readonly LocalValue[]): LocalRow[] {
  const before = new Map((previous ?? []).map((local) => [local.name, local.value]));
  return current.map(({ name, value }) => {
    const old = before.get(name);
    let change: LocalChange = 'same';
    if (previous !== undefined) change = old === undefined ? 'new' : samePyValue(old, value) ? 'same' : 'changed';
    return { name, value, change };
  });
}

/** Equal as the locals panel shows them: tensor ids and reprs aside, shapes, dtypes and values alike. */
export function samePyValue(a: PyValue, b: PyValue): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: PyValue): unknown {
  switch (value.kind) {
    case 'tensor': {
      const { shape, dtype, requiresGrad, values, stats } = value.tensor;
      return ['tensor', shape, dtype, requiresGrad, values ?? null, stats ?? null];
    }
    case 'tuple':
    case 'list':
      return [value.kind, value.items.map(canonical)];
    case 'ctx':
      return ['ctx', value.attrs.map((attr) => [attr.name, canonical(attr.value)]), value.savedTensors.map(canonical), value.needsInputGrad];
    default:
      return value;
  }
}
