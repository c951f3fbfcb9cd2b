/** The grad_fn of an op-table op: runs the OpDef's backward rule with its saved tensors. */
import { runtimeError } from '../errors.ts';
import type { Args, BackwardContext, OpDef } from '../ops/types.ts';
import type { Tensor } from '../tensor.ts';
import { GradNode, gradientEdge, SavedTensor, type TensorMeta } from './node.ts';
import { inPyTorchSaveOrder, isSavedOnlyHere, savedAttributes, type SavedAttribute } from './saved-attributes.ts';

export class OpNode extends GradNode implements BackwardContext {
  readonly args: Args;
  private readonly gradFnName: string;
  private readonly inputNames: readonly string[];
  /** The parameter name behind each edge. */
  private readonly edgeNames: readonly string[];
  private savedTensors: Map<string, SavedTensor> | null = null;
  private unpackedForApply: Map<string, Tensor> | null = null;

  constructor(
    readonly op: OpDef,
    args: Args,
    inputNames: readonly string[],
    output: Tensor,
    gradFnName?: string,
  ) {
    super();
    this.gradFnName = gradFnName ?? (typeof op.gradFn === 'function' ? op.gradFn(args) : (op.gradFn ?? `${op.name}Backward0`));
    this.inputNames = inputNames;
    // Plain loops, no per-call closures: this runs for every recorded op.
    const plain: Record<string, unknown> = {};
    for (const k in args) {
      const v = args[k];
      if (!isTensorValue(v)) plain[k] = v;
    }
    this.args = plain;
    // A Tensor[] parameter (cat's `tensors`) contributes one edge per element.
    const edgeNames: string[] = [];
    const edgeTensors: (Tensor | null)[] = [];
    for (const n of inputNames) {
      const v = args[n] as Tensor | readonly (Tensor | null)[] | null | undefined;
      if (Array.isArray(v)) {
        for (const t of v as readonly (Tensor | null)[]) {
          edgeNames.push(n);
          edgeTensors.push(t ?? null);
        }
      } else {
        edgeNames.push(n);
        edgeTensors.push((v as Tensor | null | undefined) ?? null);
      }
    }
    this.edgeNames = edgeNames;
    this.nextFunctions = new Array(edgeTensors.length);
    this.inputMeta = new Array(edgeTensors.length);
    for (let i = 0; i < edgeTensors.length; i++) {
      const t = edgeTensors[i];
      this.nextFunctions[i] = t ? gradientEdge(t) : [null, 0];
      this.inputMeta[i] = t ? { shape: t.shape, dtype: t.dtype } : { shape: [], dtype: output.dtype };
    }
    this.outputMeta = [{ shape: output.shape, dtype: output.dtype }];
  }

  /** Save what backward needs; call after the output's gradFn is set (saved outputs name this node). */
  saveFor(args: Args, output: Tensor, outputs: readonly Tensor[]): void {
    if (!this.op.save) return;
    this.savedTensors = new Map();
    // PyTorch's order, which saved-tensor pack hooks can observe.
    const entries = Object.entries(this.op.save(args, output, outputs));
    for (const [name, t] of inPyTorchSaveOrder(this.op, entries, output)) {
      this.savedTensors.set(name, new SavedTensor(t, t === output ? this : null, !isSavedOnlyHere(this.gradFnName, name)));
    }
  }

  name(): string {
    return this.gradFnName;
  }

  override heldTensors(): readonly Tensor[] {
    return [...(this.savedTensors?.values() ?? [])].flatMap((s) => (s.heldTensor ? [s.heldTensor] : []));
  }

  /** `grad_fn._saved_*` in PyTorch's names (see saved-attributes.ts). */
  override savedAttributes(): SavedAttribute[] {
    const inputShape = (input: string): readonly number[] | undefined => (this.edgeNames.includes(input) ? this.meta(input).shape : undefined);
    return savedAttributes(this.op, this.gradFnName, this.savedTensors ?? new Map(), this.args, inputShape);
  }

  /**
   * PyTorch unpacks every saved tensor once, in order, at the start of a node's backward; with
   * unpack hooks that is visible (a hook that prints), so hooked tensors are unpacked that way here.
   * Tensors without hooks stay lazy: unpacking them has no effect beyond the version check.
   */
  private withHookedTensorsUnpacked<R>(run: () => R): R {
    if (!this.hasHookedSavedTensor()) return run();
    const hooked = [...this.savedTensors!].filter(([, s]) => s.hasHooks);
    this.unpackedForApply = new Map(hooked.map(([name, s]) => [name, s.unpack()]));
    try {
      return run();
    } finally {
      this.unpackedForApply = null;
    }
  }

  /** Without building anything: this is asked at every backward step, and hooks are rare. */
  private hasHookedSavedTensor(): boolean {
    if (!this.savedTensors) return false;
    for (const s of this.savedTensors.values()) if (s.hasHooks) return true;
    return false;
  }

  saved(name: string): Tensor {
    const unpacked = this.unpackedForApply?.get(name);
    if (unpacked) return unpacked;
    const s = this.savedTensors?.get(name);
    if (!s) throw new Error(`${this.gradFnName}: nothing saved under '${name}'`);
    return s.unpack();
  }

  hasSaved(name: string): boolean {
    return this.savedTensors?.has(name) ?? false;
  }

  meta(name: string): TensorMeta {
    return this.inputMeta[this.edgeNames.indexOf(name)];
  }

  metas(name: string): TensorMeta[] {
    return this.inputMeta.filter((_, i) => this.edgeNames[i] === name);
  }

  hasInput(name: string): boolean {
    return this.inputNames.includes(name);
  }

  needsInputGrad(i: number): boolean {
    return this.nextFunctions[i]?.[0] != null;
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const grad = grads[0];
    if (!grad || !this.op.backward) return this.nextFunctions.map(() => null);
    const out = this.withHookedTensorsUnpacked(() => this.op.backward!(this, grad));
    if (out.length !== this.nextFunctions.length) {
      throw runtimeError(`${this.gradFnName} returned ${out.length} gradients, expected ${this.nextFunctions.length}`);
    }
    return out;
  }

  override release(): boolean {
    if (!this.savedTensors || this.savedTensors.size === 0) return false;
    for (const s of this.savedTensors.values()) s.release();
    return true;
  }
}

function isTensorValue(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'storage' in v && 'strides' in v;
}
