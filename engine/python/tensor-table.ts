/**
 * The engine tensors Python holds, by id. An op called from Python takes its tensor arguments as
 * ids and returns its result's id, so no JavaScript proxy is built per call: Pyodide's proxy of a
 * returned object (its type flags probe some twenty properties) cost more than the op itself.
 * Each Python Tensor holds one reference to its entry and gives it back when it dies
 * (torch/_tensor.py batches those releases); an entry lives while any reference does.
 */
import { countTensorMemoryFrom } from '../memory-budget.ts';
import { getOp, opCaller, opSignatures } from '../ops/dispatch.ts';
import { scalarTensor } from '../ops/tensor-utils.ts';
import type { DType } from '../dtype.ts';
import { Tensor } from '../tensor.ts';

const held = new Map<number, Tensor>();
// References beyond the first (an op that returns a tensor Python already holds, a Parameter made
// over a tensor still held): rare, so the common entry is one map slot.
const extraRefs = new Map<number, number>();

/** Takes one reference to `t` for Python; returns its id. */
export function holdTensor(t: Tensor): number {
  const id = t.id;
  if (held.has(id)) extraRefs.set(id, (extraRefs.get(id) ?? 0) + 1);
  else held.set(id, t);
  return id;
}

/** The held tensor of `id`. */
export function heldTensor(id: number): Tensor {
  const t = held.get(id);
  if (t === undefined) throw new Error(`Gradscope: tensor ${id} is not held by Python`);
  return t;
}

/** Gives back one reference per id (ids may repeat). */
export function releaseTensors(...ids: number[]): void {
  for (const id of ids) {
    const extra = extraRefs.get(id);
    if (extra === undefined) held.delete(id);
    else if (extra === 1) extraRefs.delete(id);
    else extraRefs.set(id, extra - 1);
  }
}

/** How many distinct tensors Python holds (tests check that dead Python tensors are released). */
export const heldTensorCount = (): number => held.size;

/**
 * The memory budget's census counts what Python holds: the held tensors, once `flushReleases`
 * (Python giving back the references of tensors that died since its last batch) has run.
 */
export function countHeldTensorMemory(flushReleases: () => void): void {
  countTensorMemoryFrom(() => {
    flushReleases();
    return [...held.values()];
  });
}

let tensorParams: Map<string, readonly number[]> | null = null;

/** Positions of each op's `Tensor` parameters (not lists): where an id stands for a tensor. */
function tensorParamsOf(name: string): readonly number[] {
  if (!tensorParams) {
    tensorParams = new Map();
    for (const op of opSignatures()) {
      tensorParams.set(
        op.name,
        op.params.flatMap((p, i) => (/^Tensor(\([a-z]!?\))?\??$/.test(p.type) ? [i] : [])),
      );
    }
  }
  return tensorParams.get(name) ?? [];
}

type OpResult = number | Tensor[];

/** A held tensor's id for Python; lists of tensors go back as they are. */
function resultForPython(result: Tensor | Tensor[]): OpResult {
  return result instanceof Tensor ? holdTensor(result) : result;
}

/**
 * Op `name`'s caller for Python: its `Tensor` arguments are ids (or engine tensors, e.g. a Python
 * number already wrapped), and a single tensor result comes back as the id of a new reference.
 */
export function opCallerById(name: string): (...args: unknown[]) => OpResult {
  if (!getOp(name)) throw new TypeError(`unknown op '${name}'`);
  const call = opCaller(name);
  const positions = tensorParamsOf(name);
  return (...args: unknown[]) => {
    for (const i of positions) {
      const v = args[i];
      if (typeof v === 'number') args[i] = heldTensor(v);
    }
    return resultForPython(call(...args));
  };
}

/** A binary operator's callers for Python: `x * y` by ids, and `x * 2.0` with the number wrapped. */
export function binaryCallersById(name: string): {
  withTensor: (self: number, other: number) => OpResult;
  withNumber: (self: number, value: number | boolean, dtype: DType) => OpResult;
} {
  const call = opCaller(name);
  return {
    withTensor: (self, other) => resultForPython(call(heldTensor(self), heldTensor(other))),
    withNumber: (self, value, dtype) => resultForPython(call(heldTensor(self), scalarTensor(value, dtype))),
  };
}
