/**
 * Autograd graph nodes. A node is a tensor's `grad_fn`: it knows its PyTorch name, the edges to
 * the nodes of its inputs (`nextFunctions`), and how to turn output gradients into input gradients.
 */
import type { DType } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { forwardStackForNewNode, isAnomalyEnabled } from './anomaly.ts';
import { checkSavable } from './inference-mode.ts';
import type { Tensor } from '../tensor.ts';
import type { SourceLocation } from '../trace/schema.ts';
import type { SavedAttribute } from './saved-attributes.ts';

/** A tensor hook: may return a replacement gradient. */
export type TensorHook = (grad: Tensor) => Tensor | void | undefined | null;

/** What the trace says about a hook when it fires: its name and where it was registered. */
export interface HookInfo {
  readonly name: string;
  readonly loc?: SourceLocation;
}

const hookInfo = new WeakMap<TensorHook, HookInfo>();

export const describeHook = (hook: TensorHook, info: HookInfo): void => void hookInfo.set(hook, info);

export const hookInfoOf = (hook: TensorHook): HookInfo => hookInfo.get(hook) ?? { name: hook.name || '<hook>' };

/** `grad_fn.register_prehook(fn)`: sees the output gradients before the node runs; may replace them. */
export type NodePreHook = (gradOutputs: (Tensor | null)[]) => (Tensor | null)[] | void | undefined | null;

/** `grad_fn.register_hook(fn)`: sees (grad_inputs, grad_outputs) after the node ran; may replace grad_inputs. */
export type NodePostHook = (gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]) => (Tensor | null)[] | void | undefined | null;

/** An edge to an input's node and which of that node's inputs it feeds. */
export type Edge = [GradNode | null, number];

/** Shape and dtype of a gradient a node must produce or accept. */
export interface TensorMeta {
  readonly shape: readonly number[];
  readonly dtype: DType;
}

let nextNodeId = 1;
let nextSequenceNr = 0;

/** AccumulateGrad runs before any other ready node, as in PyTorch (its sequence number is UINT64_MAX). */
export const ACCUMULATE_SEQUENCE_NR = Number.MAX_SAFE_INTEGER;

/** The hooks of an output that has none (one shared empty list, not one per backward step). */
const NO_HOOKS: readonly TensorHook[] = Object.freeze([]);

export abstract class GradNode {
  /** Unique id, used by the trace. */
  readonly id: number = nextNodeId++;
  /** Creation order; the backward engine runs higher numbers first. */
  readonly sequenceNr: number;
  nextFunctions: Edge[] = [];
  /** Shape/dtype of each input, so gradients can be validated (and summed to size). */
  inputMeta: TensorMeta[] = [];
  /** Shape/dtype of each output, to materialize missing gradients as zeros. */
  outputMeta: TensorMeta[] = [];
  private hooksByOutput: Map<number, TensorHook[]> | null = null;
  /** Tensors whose `.grad` should be kept (retain_grad) per output number. */
  retainedOutputs: Map<number, Tensor> | null = null;
  /** Hooks on the node itself (not on a tensor), in registration order. */
  readonly preHooks: NodePreHook[] = [];
  readonly postHooks: NodePostHook[] = [];
  /** In anomaly mode: the user's stack when this node was created, named when its backward fails. */
  readonly forwardStack: string | null = forwardStackForNewNode();

  constructor(sequenceNr?: number) {
    this.sequenceNr = sequenceNr ?? nextSequenceNr++;
  }

  /** PyTorch's grad_fn name, e.g. `MulBackward0` (`torch::autograd::AccumulateGrad` for C++ nodes). */
  abstract name(): string;

  /** The name PyTorch prints (`grad_fn=<CopySlices>`): the class name, without the C++ namespace. */
  className(): string {
    return this.name().replace('torch::autograd::', '');
  }

  /** Output gradients in, one gradient per input edge out. Runs under the backward's grad mode. */
  abstract apply(grads: (Tensor | null)[]): (Tensor | null)[];

  /** `grad_fn._saved_*` attributes; nodes outside the op table have none. */
  savedAttributes(): readonly SavedAttribute[] {
    return [];
  }

  /** Free saved tensors (after a backward without retain_graph). Returns whether anything was held. */
  release(): boolean {
    return false;
  }

  /** The tensors this node keeps alive for its backward, for the memory budget's census (memory-budget.ts). */
  heldTensors(): readonly Tensor[] {
    return [];
  }

  /** Hooks registered on the tensor that is output `outputNr` of this node. */
  tensorHooks(outputNr: number): TensorHook[] {
    this.hooksByOutput ??= new Map();
    let list = this.hooksByOutput.get(outputNr);
    if (!list) {
      list = [];
      this.hooksByOutput.set(outputNr, list);
    }
    return list;
  }

  hooksFor(outputNr: number): readonly TensorHook[] {
    return this.hooksByOutput?.get(outputNr) ?? NO_HOOKS;
  }

  retainGradOf(outputNr: number, tensor: Tensor): void {
    this.retainedOutputs ??= new Map();
    this.retainedOutputs.set(outputNr, tensor);
  }
}

/** The sink of a leaf's gradient: adds it into `variable.grad`. */
export class AccumulateGrad extends GradNode {
  constructor(readonly variable: Tensor) {
    super(ACCUMULATE_SEQUENCE_NR);
    this.outputMeta = [{ shape: variable.shape, dtype: variable.dtype }];
  }

  name(): string {
    return 'torch::autograd::AccumulateGrad';
  }

  apply(): (Tensor | null)[] {
    // The engine accumulates directly (it needs create_graph and the recorder).
    return [];
  }

  override heldTensors(): readonly Tensor[] {
    return [this.variable];
  }
}

export function accumulateNodeFor(t: Tensor): GradNode {
  t.accumulator ??= new AccumulateGrad(t);
  return t.accumulator;
}

/** The edge a new node uses to reach tensor t's history. */
export function gradientEdge(t: Tensor): Edge {
  if (t.gradFn) return [t.gradFn, t.outputNr];
  if (t.requiresGrad) return [accumulateNodeFor(t), 0];
  return [null, 0];
}

export const FREED_GRAPH_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** A pack/unpack pair (torch.autograd.graph.saved_tensors_hooks): pack runs when a tensor is saved. */
export interface SavedTensorHooks {
  readonly pack: (tensor: Tensor) => unknown;
  readonly unpack: (packed: unknown) => Tensor;
}

const defaultHooks: SavedTensorHooks[] = [];

/** Enter a `saved_tensors_hooks` block: every tensor saved until the matching pop is packed by it. */
export const pushSavedTensorHooks = (hooks: SavedTensorHooks): void => void defaultHooks.push(hooks);

export const popSavedTensorHooks = (): void => void defaultHooks.pop();

/**
 * A tensor saved for backward, with the version it had when saved. Unpacking checks the version
 * (an in-place write since then makes the gradient wrong) and whether the graph was freed.
 * Under saved-tensor hooks it keeps only what `pack` returned, and unpacking calls `unpack`
 * (without the version check: PyTorch cannot track versions through the hooks either).
 */
export class SavedTensor {
  private tensor: Tensor | null;
  private readonly savedVersion: number;
  private hooks: SavedTensorHooks | null = null;
  private packed: unknown = null;

  /** `packable`: false for what only our backward keeps (PyTorch does not save it, so no hook sees it). */
  constructor(
    tensor: Tensor,
    private readonly isOutputOf: GradNode | null,
    packable = true,
  ) {
    checkSavable(tensor.isInference);
    this.tensor = tensor;
    this.savedVersion = tensor.version;
    const hooks = defaultHooks[defaultHooks.length - 1];
    // PyTorch 2.x does not hand wrapped numbers (`x * 2`'s 2) to the hooks.
    if (hooks && packable && !tensor.isWrappedNumber) this.packWith(hooks);
  }

  get hasHooks(): boolean {
    return this.hooks !== null;
  }

  /** The tensor kept, until the graph is freed (null then); with hooks, what they packed is theirs to account for. */
  get heldTensor(): Tensor | null {
    return this.hooks ? null : this.tensor;
  }

  /** Whether the node saved its own output (PyTorch's `_saved_result`). */
  get isOutput(): boolean {
    return this.isOutputOf !== null;
  }

  /** `grad_fn._raw_saved_x.register_hooks(pack, unpack)`: packs the saved tensor now. */
  registerHooks(hooks: SavedTensorHooks): void {
    if (this.hooks) {
      throw runtimeError('Calling register_hooks on a saved tensor whose hooks have already been set. Hint: only one pair of hooks is allowed at a time.');
    }
    if (this.tensor === null) {
      throw runtimeError(
        'Calling register_hooks on a saved tensor after it has been freed. Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved variables after calling backward.',
      );
    }
    // A tensor saved as itself is handed to the hook detached, as PyTorch does.
    this.packWith(hooks, this.tensor.detach());
  }

  private packWith(hooks: SavedTensorHooks, shown: Tensor = this.tensor!): void {
    const t = this.tensor!;
    const version = t.version;
    this.packed = hooks.pack(shown);
    this.hooks = hooks;
    if (t.version !== version) {
      throw runtimeError(
        'A saved tensor pack hook is modifying its input in place. Tensors provided as input to pack hook can not be modified by in-place operations as this can lead to unexpected side-effects. Please open an issue if you need to perform in-place operations on the input to a pack hook.',
      );
    }
  }

  unpack(): Tensor {
    const t = this.tensor;
    if (t === null) throw runtimeError(FREED_GRAPH_MESSAGE);
    if (this.hooks) return this.hooks.unpack(this.packed);
    if (t.version !== this.savedVersion) {
      const gradFn = this.isOutputOf ?? t.gradFn;
      const which = gradFn ? `, which is output ${t.outputNr} of ${gradFn.name()},` : '';
      const hint = isAnomalyEnabled()
        ? 'Hint: the backtrace further above shows the operation that failed to compute its gradient. The variable in question was changed in there or anywhere later. Good luck!'
        : 'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).';
      throw runtimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: [${t.typeName()} [${t.shape.join(', ')}]]${which} is at version ${t.version}; expected version ${this.savedVersion} instead. ${hint}`,
      );
    }
    return t;
  }

  /**
   * What `grad_fn._saved_result` hands the user: PyTorch rebuilds a saved output as a new tensor
   * object (same data and version counter, same grad_fn), so `y.grad_fn._saved_result is y` is False.
   */
  unpackForUser(): Tensor {
    const t = this.unpack();
    if (this.isOutputOf === null || this.hooks) return t;
    const rebuilt = t.detach();
    rebuilt.gradFn = this.isOutputOf;
    rebuilt.outputNr = t.outputNr;
    return rebuilt;
  }

  release(): void {
    this.tensor = null;
    this.hooks = null;
    this.packed = null;
  }

  get isReleased(): boolean {
    return this.tensor === null;
  }
}
