/**
 * `grad_fn._saved_<name>` as PyTorch exposes it, derived from the op table: the tensors an OpDef's
 * `save` stores and the non-tensor arguments of the call. PyTorch names its saved values after the
 * op's parameters too, so the names mostly agree; `RULES` lists only where they differ.
 */
import { parseSignature } from '../ops/signature.ts';
import type { OpDef, OpParamInfo } from '../ops/types.ts';
import type { SavedTensor } from './node.ts';

/** One `_saved_<name>` attribute: a saved tensor (also `_raw_saved_<name>`), or a plain value. */
export type SavedAttribute =
  { readonly name: string; readonly kind: 'tensor'; readonly saved: SavedTensor } | { readonly name: string; readonly kind: 'value'; readonly value: unknown };

/** Where PyTorch's saved names differ from the op table's, by grad_fn name. */
interface SavedNameRule {
  /** Op-table save key → PyTorch's attribute name. */
  readonly rename?: Readonly<Record<string, string>>;
  /** Saved (or passed) for our backward only; PyTorch does not keep it. */
  readonly hide?: readonly string[];
  /** Saved as a wrapped-number tensor here, kept by PyTorch as a Python number (`x ** 2`). */
  readonly number?: readonly string[];
  /** PyTorch lists these and returns None when the call did not need them (`(x * 2)._saved_self`). */
  readonly noneWhenAbsent?: readonly string[];
  /** Input sizes PyTorch saves instead of the tensor (`_saved_self_sym_sizes`): attribute → input. */
  readonly sizes?: Readonly<Record<string, string>>;
  /** Input element counts PyTorch saves (`_saved_self_sym_numel`): attribute → input. */
  readonly numels?: Readonly<Record<string, string>>;
}

const SELF_SIZES = { self_sym_sizes: 'self' } as const;

const RULES: Readonly<Record<string, SavedNameRule>> = {
  SumBackward0: { hide: ['keepdim'], sizes: SELF_SIZES },
  SumBackward1: { sizes: SELF_SIZES },
  MeanBackward1: { sizes: SELF_SIZES, numels: { self_sym_numel: 'self' } },
  ProdBackward0: { hide: ['keepdim'] },
  MeanBackward0: { hide: ['keepdim'], sizes: SELF_SIZES, numels: { self_sym_numel: 'self' } },
  MaxBackward1: { hide: ['keepdim'] },
  MinBackward1: { hide: ['keepdim'] },
  MulBackward0: { noneWhenAbsent: ['self', 'other'] },
  DivBackward0: { noneWhenAbsent: ['self', 'other'] },
  PowBackward0: { number: ['exponent'], hide: ['result'] },
  MmBackward0: { rename: { other: 'mat2' } },
  BmmBackward0: { rename: { other: 'mat2' } },
  MvBackward0: { rename: { other: 'vec' } },
  DotBackward0: { rename: { other: 'tensor' } },
  LeakyReluBackward0: { hide: ['result'] },
  HardtanhBackward0: { hide: ['result'] },
  GeluBackward0: { hide: ['result'] },
  SiluBackward0: { hide: ['result'] },
  SoftplusBackward0: { hide: ['result'] },
  ViewBackward0: { hide: ['size', 'shape'], sizes: SELF_SIZES },
  ReshapeAliasBackward0: { hide: ['shape'], sizes: SELF_SIZES },
  UnsafeViewBackward0: { hide: ['size'], sizes: SELF_SIZES },
  ExpandBackward0: { hide: ['size'], sizes: SELF_SIZES },
};

/** Arguments that choose the output's form, never read by a backward formula. */
const NEVER_SAVED = new Set(['dtype', 'out', 'generator', 'layout', 'device', 'memory_format', 'pin_memory', 'non_blocking', 'copy', 'train', 'inplace']);

/** Whether `key` is kept for our backward only (PyTorch saves no such tensor for this node). */
export const isSavedOnlyHere = (gradFnName: string, key: string): boolean => RULES[gradFnName]?.hide?.includes(key) ?? false;

const paramsByOp = new WeakMap<OpDef, readonly OpParamInfo[]>();

function paramsOf(op: OpDef): readonly OpParamInfo[] {
  let params = paramsByOp.get(op);
  if (!params) {
    params = parseSignature(op.signature);
    paramsByOp.set(op, params);
  }
  return params;
}

/**
 * The `_saved_*` attributes of an op node, in PyTorch's names. `saved` is what the OpDef's `save`
 * stored (key → SavedTensor); `args` the call's non-tensor arguments.
 */
export function savedAttributes(
  op: OpDef,
  gradFnName: string,
  saved: ReadonlyMap<string, SavedTensor>,
  args: Readonly<Record<string, unknown>>,
  inputShape: (input: string) => readonly number[] | undefined,
): SavedAttribute[] {
  const rule = RULES[gradFnName] ?? {};
  const hidden = new Set(rule.hide ?? []);
  const out = new Map<string, SavedAttribute>();
  for (const [key, s] of saved) {
    if (hidden.has(key)) continue;
    // The unary helpers save their one tensor as `x`: the input, or the output (`_saved_result`).
    const name = key === 'x' ? (s.isOutput ? 'result' : 'self') : (rule.rename?.[key] ?? key);
    if (rule.number?.includes(key) && !s.isReleased) {
      const t = s.unpack();
      if (t.isWrappedNumber) {
        out.set(name, { name, kind: 'value', value: t.item() });
        continue;
      }
    }
    out.set(name, { name, kind: 'tensor', saved: s });
  }
  for (const name of rule.noneWhenAbsent ?? []) {
    if (!out.has(name)) out.set(name, { name, kind: 'value', value: null });
  }
  for (const [name, input] of Object.entries(rule.sizes ?? {})) {
    const shape = inputShape(input);
    if (shape) out.set(name, { name, kind: 'value', value: [...shape] });
  }
  for (const [name, input] of Object.entries(rule.numels ?? {})) {
    const shape = inputShape(input);
    if (shape) out.set(name, { name, kind: 'value', value: shape.reduce((n, d) => n * d, 1) });
  }
  for (const param of paramsOf(op)) {
    const value = args[param.name];
    if (value === undefined || value === null || hidden.has(param.name) || NEVER_SAVED.has(param.name) || out.has(param.name)) continue;
    if (param.type.startsWith('Tensor') || param.type.startsWith('ScalarType')) continue;
    out.set(param.name, { name: param.name, kind: 'value', value: asPyTorchSaves(param, value) });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** PyTorch's Reduction enum, which its loss nodes save instead of the string. */
const REDUCTION_ENUM: Readonly<Record<string, number>> = { none: 0, mean: 1, sum: 2 };

function asPyTorchSaves(param: OpParamInfo, value: unknown): unknown {
  // `int[1] dim` accepts a bare int; PyTorch stores (and prints) it as a tuple.
  if (param.type.startsWith('int[') && typeof value === 'number') return [value];
  if (param.name === 'reduction' && typeof value === 'string') return REDUCTION_ENUM[value] ?? value;
  return value;
}

const positionsByOp = new WeakMap<OpDef, ReadonlyMap<string, number>>();

/** Each parameter's position in the op's signature, computed once per op (saving runs for every recorded op). */
function positionsOf(op: OpDef): ReadonlyMap<string, number> {
  let positions = positionsByOp.get(op);
  if (!positions) {
    positions = new Map(paramsOf(op).map((p, i) => [p.name, i]));
    positionsByOp.set(op, positions);
  }
  return positions;
}

/** Where a saved entry goes in PyTorch's order: inputs by position, then outputs, then anything else. */
function saveRank(positions: ReadonlyMap<string, number>, key: string, isOutput: boolean): number {
  if (key === 'x') return isOutput ? 1000 : -1;
  return positions.get(key) ?? (isOutput ? 1000 : 2000);
}

/**
 * Saved entries in the order PyTorch saves (and unpacks) them: inputs in signature order, then
 * outputs, then anything else. Pack hooks run in this order. `output` is the op's (first) output.
 */
export function inPyTorchSaveOrder<T>(op: OpDef, entries: readonly [string, T][], output: unknown): [string, T][] {
  const sorted = [...entries];
  if (sorted.length < 2) return sorted;
  const positions = positionsOf(op);
  // An insertion sort: a node saves a handful of entries, and no comparator closure is made per call.
  for (let i = 1; i < sorted.length; i++) {
    const entry = sorted[i];
    const rank = saveRank(positions, entry[0], entry[1] === output);
    let j = i - 1;
    while (j >= 0 && saveRank(positions, sorted[j][0], sorted[j][1] === output) > rank) {
      sorted[j + 1] = sorted[j];
      j--;
    }
    sorted[j + 1] = entry;
  }
  return sorted;
}
