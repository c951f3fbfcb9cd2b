/**
 * torch.autograd.Function support: the Python layer runs the user's forward under no_grad, then
 * calls applyCustom to attach a CustomNode whose backward calls the user's backward.
 */
import { runtimeError } from '../errors.ts';
import { isExpandableTo, sameShape, shapeText } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import { getRecorder } from '../trace/recorder-hooks.ts';
import { sumToSize } from '../ops/functional.ts';
import { isRecordingGraph } from './inference-mode.ts';
import { GradNode, gradientEdge, SavedTensor, type TensorMeta } from './node.ts';

export interface CustomFunctionSpec {
  /** The grad_fn name, e.g. `MyReLUBackward`. */
  readonly name: string;
  /** One entry per forward argument: the tensor, or null for non-tensor arguments. */
  readonly inputs: readonly (Tensor | null)[];
  /** What the user's forward returned (computed under no_grad). */
  readonly outputs: readonly Tensor[];
  /** ctx.save_for_backward(...) */
  readonly saved: readonly Tensor[];
  readonly backward: (ctx: CustomNode, grads: (Tensor | null)[]) => (Tensor | null)[] | PythonRaised;
  readonly nonDifferentiable?: readonly Tensor[];
  /** Replace missing output gradients with zeros before calling backward (PyTorch's default: true). */
  readonly materializeGrads?: boolean;
  /** The trace's `custom-call` id of the user's forward that made these outputs (when recorded). */
  readonly customCall?: number;
}

export class CustomNode extends GradNode {
  /** ctx.needs_input_grad, one per forward argument. */
  readonly needsInputGrad: boolean[];
  private readonly inputIsTensor: boolean[];
  private savedList: SavedTensor[];
  private readonly inputMetaByArg: (TensorMeta | null)[];

  constructor(
    private readonly spec: CustomFunctionSpec,
    outputs: readonly Tensor[],
  ) {
    super();
    this.inputIsTensor = spec.inputs.map((t) => t != null);
    this.needsInputGrad = spec.inputs.map((t) => t != null && t.requiresGrad);
    const tensors = spec.inputs.filter((t): t is Tensor => t != null);
    this.nextFunctions = tensors.map(gradientEdge);
    this.inputMeta = tensors.map((t) => ({ shape: t.shape, dtype: t.dtype }));
    this.inputMetaByArg = spec.inputs.map((t) => (t != null ? { shape: t.shape, dtype: t.dtype } : null));
    this.outputMeta = outputs.map((t) => ({ shape: t.shape, dtype: t.dtype }));
    this.savedList = spec.saved.map((t) => new SavedTensor(t, outputs.includes(t) ? this : null));
  }

  name(): string {
    return this.spec.name;
  }

  /** ctx.saved_tensors, version-checked; throws after the graph was freed. */
  savedTensors(): Tensor[] {
    return this.savedList.map((s) => s.unpack());
  }

  override heldTensors(): readonly Tensor[] {
    return this.savedList.flatMap((s) => (s.heldTensor ? [s.heldTensor] : []));
  }

  /** ctx._raw_saved_tensors: the SavedTensor objects themselves (register_hooks). */
  rawSavedTensors(): readonly SavedTensor[] {
    return this.savedList;
  }

  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const materialize = this.spec.materializeGrads ?? true;
    const gradsIn = grads.map((g, i) => {
      if (g || !materialize) return g;
      return zerosOf(this.outputMeta[i]);
    });
    const expected = this.spec.inputs.length;
    const returned = this.spec.backward(this, gradsIn);
    // Not a list: the Python backward raised; Python holds its exception and raises it again when the
    // engine's error reaches it (throwing it through WebAssembly into these frames can abort V8).
    if (!Array.isArray(returned)) throw new PythonBackwardError(returned);
    const result = withoutTrailingNones(returned, expected);
    if (result.length !== expected) {
      throw runtimeError(`function ${this.spec.name} returned an incorrect number of gradients (expected ${expected}, got ${result.length})`);
    }
    const out: (Tensor | null)[] = [];
    result.forEach((g, i) => {
      if (!this.inputIsTensor[i]) {
        if (g !== null && g !== undefined) {
          throw runtimeError(
            `function ${this.spec.name} returned a gradient different than None at position ${i + 1}, but the corresponding forward input was not a Variable`,
          );
        }
        return;
      }
      const meta = this.inputMetaByArg[i]!;
      if (g && !sameShape(g.shape, meta.shape)) {
        if (!isExpandableTo(meta.shape, g.shape)) {
          throw runtimeError(
            `Function ${this.spec.name} returned an invalid gradient at index ${i} - got ${shapeText(g.shape)} but expected shape compatible with ${shapeText(meta.shape)}`,
          );
        }
        out.push(sumToSize(g, meta.shape));
        return;
      }
      out.push(g ?? null);
    });
    return out;
  }

  override release(): boolean {
    if (this.savedList.length === 0) return false;
    for (const s of this.savedList) s.release();
    return true;
  }
}

/**
 * A backward may return more gradients than forward took inputs when the extras are all None
 * (the docs' LinearFunction returns grad_bias even when called without a bias): PyTorch drops them.
 */
function withoutTrailingNones(result: (Tensor | null)[], expected: number): (Tensor | null)[] {
  if (result.length <= expected) return result;
  return result.slice(expected).every((g) => g === null || g === undefined) ? result.slice(0, expected) : result;
}

/** What a custom Function's Python backward hands back when it raised (Python holds the exception). */
export interface PythonRaised {
  readonly raised: string;
  readonly message: string;
}

/**
 * A custom Function's Python backward raised; the Python layer raises that exception again. `type`
 * and the message are the Python exception's, for the trace (as Pyodide's PythonError carries them).
 */
export class PythonBackwardError extends Error {
  override readonly name = 'PythonBackwardError';
  readonly type: string;
  constructor(raised: PythonRaised) {
    super(raised.message);
    this.type = raised.raised;
  }
}

/** Typed arrays start zeroed, so an empty tensor is a zeros tensor. */
const zerosOf = (meta: TensorMeta): Tensor => Tensor.empty(meta.shape, meta.dtype);

/** Attach a CustomNode to the outputs of a custom Function's forward; returns the outputs to hand back. */
export function applyCustom(spec: CustomFunctionSpec): Tensor[] {
  const needsGraph = isRecordingGraph() && spec.inputs.some((t) => t != null && t.requiresGrad);
  if (!needsGraph) return [...spec.outputs];
  // An output that is also an input gets a fresh alias, so the input keeps its own history.
  const outputs = spec.outputs.map((o) => (spec.inputs.includes(o) ? aliasOf(o) : o));
  const node = new CustomNode({ ...spec, saved: spec.saved.map((s) => outputs[spec.outputs.indexOf(s)] ?? s) }, outputs);
  const nonDiff = new Set(spec.nonDifferentiable ?? []);
  outputs.forEach((o, i) => {
    if (nonDiff.has(spec.outputs[i])) return;
    o.gradFn = node;
    o.outputNr = i;
  });
  getRecorder()?.forwardOp(
    node,
    spec.name,
    spec.inputs.filter((t): t is Tensor => t != null),
    outputs[0],
    spec.customCall,
  );
  return outputs;
}

export const ONCE_DIFFERENTIABLE_MESSAGE = 'trying to differentiate twice a function that was marked with @once_differentiable';

/** PyTorch's `Error` node: differentiating through it raises its message. */
class ErrorNode extends GradNode {
  constructor(
    private readonly message: string,
    inputs: readonly Tensor[],
  ) {
    super();
    this.nextFunctions = inputs.map(gradientEdge);
    this.inputMeta = inputs.map((t) => ({ shape: t.shape, dtype: t.dtype }));
    this.outputMeta = inputs.map((t) => ({ shape: t.shape, dtype: t.dtype }));
  }

  name(): string {
    return 'Error';
  }

  apply(): (Tensor | null)[] {
    throw runtimeError(this.message);
  }
}

/**
 * `@once_differentiable` under create_graph, as PyTorch's DelayedError: each output becomes a
 * fresh leaf that requires grad, aliased behind an `Error` node, so the gradient can be used as a
 * value but differentiating it again raises PyTorch's message. Null entries (no gradient) pass.
 */
export function onceDifferentiableOutputs(outputs: readonly (Tensor | null)[]): (Tensor | null)[] {
  const present = outputs.filter((t): t is Tensor => t !== null);
  if (present.length === 0) return [...outputs];
  const leaves = present.map((t) => {
    const leaf = new Tensor(t.storage, t.shape, t.strides, t.offset, t.dtype);
    leaf.requiresGrad = true;
    return leaf;
  });
  const node = new ErrorNode(ONCE_DIFFERENTIABLE_MESSAGE, leaves);
  const aliases = leaves.map((leaf, i) => {
    const a = aliasOf(leaf);
    a.gradFn = node;
    a.outputNr = i;
    return a;
  });
  getRecorder()?.forwardOp(node, 'Error', leaves, aliases[0]);
  let next = 0;
  return outputs.map((t) => (t === null ? null : aliases[next++]));
}

function aliasOf(t: Tensor): Tensor {
  const a = new Tensor(t.storage, t.shape, t.strides, t.offset, t.dtype);
  a.base = t.base ?? t;
  return a;
}
