/**
 * Forward-mode AD (torch.autograd.forward_ad): dual levels, tangents attached to tensors, and the
 * propagation of tangents through every op of the table.
 *
 * A tangent lives beside its primal in a per-level WeakMap (not on the Tensor), so leaving the
 * level forgets every tangent at once, as PyTorch destroys them on `exit_dual_level`.
 *
 * Each op call made while a dual level is open and an input carries a tangent computes its
 * output's tangent with the op's own `jvp` rule (ops/types.ts), or, for an op without one, with
 * the double-vjp trick on its backward rule: the backward g(u) = Jᵀu is linear in u, so
 * J·v = ∂/∂u ⟨Jᵀu, v⟩, one create_graph backward through the op's (differentiable) backward rule.
 * Tangent computations use engine ops under the current grad mode, so a tangent is itself
 * differentiable in reverse mode (its grad_fn shows, as in PyTorch), and they run with forward AD
 * suspended (no tangents of tangents: PyTorch supports a single level).
 */
import { isFloating } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import type { Args, BackwardContext, JvpContext, OpDef } from '../ops/types.ts';
import { sameShape, shapeText } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { getRecorder, pauseRecording, resumeRecording } from '../trace/recorder-hooks.ts';
import { tangentTerms } from '../trace/tangent-terms.ts';
import { grad } from './api.ts';
import { isGradEnabled, withGradMode } from './grad-mode.ts';
import type { TensorMeta } from './node.ts';
import { callOp } from '../ops/dispatch.ts';

/** The open level (-1: none). PyTorch supports one level at a time, numbered from 0. */
let level = -1;
let tangents = new WeakMap<Tensor, Tensor>();
/** >0 while a jvp rule runs: its own ops must not propagate tangents again. */
let suspended = 0;

export const currentDualLevel = (): number => level;

/** Whether an op call now should look for tangents (one number test per op when no level is open). */
export const forwardAdActive = (): boolean => level >= 0 && suspended === 0;

/** torch._C._enter_dual_level: opens the level and returns its number. */
export function enterDualLevel(): number {
  if (level >= 0) throw runtimeError('Nested forward mode AD is not supported at the moment');
  level = 0;
  tangents = new WeakMap();
  return level;
}

/** torch._C._exit_dual_level: every tangent of the level is forgotten. */
export function exitDualLevel(which: number = level): void {
  if (which < 0) throw runtimeError('Dual level must be a positive number.');
  if (which !== level) {
    throw runtimeError(
      'Exiting a forward AD level that is not the last that was created is not support. Ensure they are released in the reverse order they were created.',
    );
  }
  level = -1;
  tangents = new WeakMap();
}

function checkLevel(which: number | null | undefined): void {
  if (level < 0 || (which !== undefined && which !== null && which !== level)) {
    throw runtimeError('Trying to create a dual Tensor for forward AD but no level exists, make sure to enter_dual_level() first.');
  }
}

/** The tangent of `t` at the open level, or null (a zero tangent). */
export function tangentOf(t: Tensor): Tensor | null {
  // Inside a custom Function's forward the inputs read as plain tensors, as PyTorch unpacks them.
  return level >= 0 && suspended === 0 ? (tangents.get(t) ?? null) : null;
}

/** Custom Functions' forward runs without tangent propagation (PyTorch's AutoFwGradMode(false)). */
export function suspendForwardAd(): void {
  suspended++;
}

export function resumeForwardAd(): void {
  suspended--;
}

/** Run `fn` without tangent propagation (jvp rules, unpack_dual's primal view). */
export function withoutForwardAd<T>(fn: () => T): T {
  suspended++;
  try {
    return fn();
  } finally {
    suspended--;
  }
}

/**
 * torch._make_dual: a view of `primal` carrying `tangent`. A tangent laid out as the primal is
 * used as-is (unpack_dual gives the same object back); otherwise its values are copied into a
 * tensor laid out as the primal, as PyTorch does.
 */
export function makeDual(primal: Tensor, tangent: Tensor, which?: number | null): Tensor {
  checkLevel(which);
  if (!sameShape(primal.shape, tangent.shape)) {
    throw runtimeError(
      `Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. Tensor is of size ${shapeText(primal.shape)} while the given forward gradient is of size ${shapeText(tangent.shape)}.`,
    );
  }
  if (tangents.has(primal)) {
    throw runtimeError(`Making a dual Tensor based on a Tensor that already has a forward gradient at the same level ${level} is not supported.`);
  }
  const sameLayout = tangent.offset === primal.offset && tangent.strides.every((s, i) => s === primal.strides[i] || primal.shape[i] <= 1);
  const stored = sameLayout ? tangent : withoutForwardAd(() => callOp('clone', tangent) as Tensor);
  const dual = withoutForwardAd(() => primalView(primal));
  tangents.set(dual, stored);
  getRecorder()?.tangent('make_dual', [primal], dual, stored, dual.gradFn);
  return dual;
}

/** A view of t (ViewBackward0 when t requires grad, as PyTorch's _make_dual / _unpack_dual). */
function primalView(t: Tensor): Tensor {
  return callOp('view', t, [...t.shape]) as Tensor;
}

/** torch._unpack_dual: (a view of the primal without tangent, the tangent or null). */
export function unpackDual(t: Tensor, which?: number | null): [Tensor, Tensor | null] {
  const tangent = which !== undefined && which !== null && which !== level ? null : tangentOf(t);
  if (tangent === null) return [t, null];
  return [withoutForwardAd(() => primalView(t)), tangent];
}

/** Attach `tangent` to `t` (a custom Function's jvp result), with PyTorch's size check. */
export function setTangent(t: Tensor, tangent: Tensor): void {
  if (level < 0) return;
  if (!sameShape(t.shape, tangent.shape)) {
    throw runtimeError(
      `Trying to set a forward gradient that has a different size than that of the original Tensor, this is not supported. Tensor is of size ${shapeText(t.shape)} while the given forward gradient is of size ${shapeText(tangent.shape)}.`,
    );
  }
  tangents.set(t, tangent);
  getRecorder()?.tangent('custom', [], t, tangent, t.gradFn);
}

/** A tangent the shape of its primal: a broadcast input's tangent is expanded (then materialised). */
function fitTo(primal: Tensor, tangent: Tensor): Tensor {
  if (sameShape(tangent.shape, primal.shape)) return tangent;
  return withoutForwardAd(() => callOp('contiguous', callOp('expand', tangent, [...primal.shape])) as Tensor);
}

/** The tensors behind graph-input parameters, lists flattened, with their parameter names. */
function namedInputs(names: readonly string[], args: Args): [string, Tensor | null][] {
  const out: [string, Tensor | null][] = [];
  for (const n of names) {
    const v = args[n] as Tensor | readonly (Tensor | null)[] | null | undefined;
    if (Array.isArray(v)) for (const t of v as readonly (Tensor | null)[]) out.push([n, t ?? null]);
    else out.push([n, (v as Tensor | null | undefined) ?? null]);
  }
  return out;
}

/**
 * After an op ran (forward only): give its first output the tangent of the op's JVP when an input
 * has one. Called by the dispatcher for every op while a level is open.
 */
export function propagateTangent(def: OpDef, args: Args, names: readonly string[], result: Tensor | Tensor[]): void {
  const out = Array.isArray(result) ? result[0] : result;
  if (!isFloating(out.dtype) || (!def.jvp && !def.backward)) return;
  const inputs = namedInputs(names, args);
  if (!inputs.some(([, t]) => t !== null && tangents.has(t))) return;
  const paused = pauseRecording();
  let tangent: Tensor | null;
  try {
    tangent = withoutForwardAd(() => {
      const ctx: JvpContext = {
        result: out,
        tangent: (name) => {
          const v = args[name];
          return v instanceof Tensor ? (tangents.get(v) ?? null) : null;
        },
        tangents: (name) => {
          const v = args[name];
          return Array.isArray(v) ? v.map((t: Tensor | null) => (t ? (tangents.get(t) ?? null) : null)) : [];
        },
      };
      const raw = def.jvp ? def.jvp(args, ctx) : doubleVjp(def, args, names, inputs, out, Array.isArray(result) ? result : [result]);
      return raw === null ? null : fitTo(out, raw.dtype === out.dtype ? raw : (callOp('to', raw, out.dtype) as Tensor));
    });
  } finally {
    resumeRecording(paused);
  }
  if (tangent === null) tangent = withoutForwardAd(() => callOp('zeros_like', out) as Tensor);
  tangents.set(out, tangent);
  const recorder = getRecorder();
  if (!recorder) return;
  const terms = recordingPaused(() => withoutForwardAd(() => tangentTerms(def, args, inputs, out, (t) => tangents.get(t))));
  recorder.tangent(
    def.name,
    inputs.map(([, t]) => t),
    out,
    tangent,
    out.gradFn,
    terms,
  );
}

/** Runs `fn` with the trace recorder paused (the panel's extra numbers record nothing themselves). */
function recordingPaused<T>(fn: () => T): T {
  const paused = pauseRecording();
  try {
    return fn();
  } finally {
    resumeRecording(paused);
  }
}

/**
 * An in-place op wrote `result` (which carries the op's tangent) into `self`: self's tangent
 * follows in place, so views of self (whose tangents are views of self's) see it, as in PyTorch.
 * A view of a tensor without tangent gives its base a zero tangent and takes a view of it.
 */
export function propagateTangentInPlace(self: Tensor, result: Tensor): void {
  const fresh = tangents.get(result);
  if (!fresh) return;
  withoutForwardAd(() => {
    let own = tangents.get(self);
    const base = self.base;
    if (!own && base && base.isContiguous()) {
      let baseTangent = tangents.get(base);
      if (!baseTangent) {
        baseTangent = callOp('zeros_like', base) as Tensor;
        tangents.set(base, baseTangent);
      }
      own = callOp('as_strided', baseTangent, [...self.shape], [...self.strides], self.offset - base.offset) as Tensor;
      tangents.set(self, own);
    }
    if (!own) {
      tangents.set(self, fresh);
      return;
    }
    // Written through the kernels: the tangent's history is the new value's (PyTorch's copy_).
    const value = fresh.dtype === own.dtype ? fresh : (callOp('to', fresh, own.dtype) as Tensor);
    kernels().scatter(own, value.contiguousValues());
    own.bumpVersion();
  });
}

/** Copy self's tangent onto the copy an in-place op computes from (dispatch's snapshot). */
export function shareTangent(from: Tensor, to: Tensor): void {
  const t = tangents.get(from);
  if (t) tangents.set(to, t);
}

/** The backward rule's view of an op call, built from the forward's arguments (no graph node). */
class JvpBackwardContext implements BackwardContext {
  readonly args: Args;
  constructor(
    private readonly all: Args,
    private readonly inputs: readonly [string, Tensor | null][],
    private readonly names: readonly string[],
    private readonly savedTensors: Readonly<Record<string, Tensor>>,
    private readonly output: Tensor,
  ) {
    const plain: Record<string, unknown> = {};
    // As OpNode: single tensors are inputs, not arguments (index_put's `indices` list stays).
    for (const [k, v] of Object.entries(all)) if (!(v instanceof Tensor)) plain[k] = v;
    this.args = plain;
  }
  /** Some `save` rules keep only what inputs that require grad need: the argument itself stands in. */
  saved(name: string): Tensor {
    const t = this.savedTensors[name] ?? this.argument(name);
    if (!t) throw new Error(`jvp: nothing saved under '${name}'`);
    return t;
  }
  hasSaved(name: string): boolean {
    return this.savedTensors[name] !== undefined || this.argument(name) !== undefined;
  }
  private argument(name: string): Tensor | undefined {
    if (name === 'result') return this.output;
    const v = this.all[name];
    return v instanceof Tensor ? v : undefined;
  }
  meta(name: string): TensorMeta {
    const t = this.inputs.find(([n]) => n === name)?.[1];
    return t ? { shape: t.shape, dtype: t.dtype } : { shape: [], dtype: this.output.dtype };
  }
  metas(name: string): TensorMeta[] {
    return this.inputs.filter(([n]) => n === name).map(([, t]) => (t ? { shape: t.shape, dtype: t.dtype } : { shape: [], dtype: this.output.dtype }));
  }
  hasInput(name: string): boolean {
    return this.names.includes(name);
  }
  needsInputGrad(i: number): boolean {
    const t = this.inputs[i]?.[1];
    return t !== null && t !== undefined && tangents.has(t);
  }
}

/** J·v through the op's backward rule: J·v = ∂/∂u Σᵢ⟨(Jᵢᵀu), vᵢ⟩ (backward rules are linear in u). */
function doubleVjp(
  def: OpDef,
  args: Args,
  names: readonly string[],
  inputs: readonly [string, Tensor | null][],
  out: Tensor,
  outputs: readonly Tensor[],
): Tensor | null {
  // A tangent is differentiable in reverse mode only when a primal or tangent it came from is.
  const keepGraph = isGradEnabled() && inputs.some(([, t]) => t !== null && (t.requiresGrad || tangents.get(t)?.requiresGrad === true));
  return withGradMode(true, () => {
    const saved = def.save ? def.save(args, out, outputs) : {};
    const ctx = new JvpBackwardContext(args, inputs, names, saved, out);
    const u = callOp('zeros_like', out) as Tensor;
    u.requiresGrad = true;
    const grads = def.backward!(ctx, u);
    let total: Tensor | null = null;
    grads.forEach((g, i) => {
      const t = inputs[i]?.[1];
      const v = t ? tangents.get(t) : undefined;
      if (!g || !v) return;
      const term = callOp('sum', callOp('mul', g, v)) as Tensor;
      total = total ? (callOp('add', total, term) as Tensor) : term;
    });
    const s = total as Tensor | null;
    if (!s || !s.requiresGrad) return null;
    const [jv] = grad(s, u, null, keepGraph, keepGraph, true);
    if (!jv) return null;
    return keepGraph && jv.requiresGrad ? jv : jv.detach();
  });
}
