/**
 * The trace: what flows from the engine to the picture. Pure data (no live objects), so a
 * snapshot can hold it and the graph view can be drawn without Python. Versioned: bump
 * TRACE_VERSION when an event's meaning changes and add a migration beside the snapshot loader.
 */
export const TRACE_VERSION = 3;

/*
 * Version 2 (additive; v1 traces load through migrate.ts):
 * - backward-step: `op`, `formula` and `edges` (the chain-rule numbers per input edge);
 * - `gradient-sum`: the contributions a fan-out received and their sum;
 * - op events: `moduleScope` (the nn.Module calls the op ran inside); leaf events: `parameter`;
 * - saved-freed: `pass`; backward-start: `root` (the tensor backward was called on);
 * - `pass-summary`: one per backward pass, kept forever (loss and gradient norms), while the
 *   detail of old passes is dropped (see compact.ts and docs/trace.md).
 * Names: `name` events and the `name` fields carry top-level Python variables only (bound when a
 * cell finishes); tensors bound inside loops or functions are unnamed, the last loop value wins.
 *
 * Version 3 (additive; v2 traces load unchanged):
 * - `hook`: a tensor hook that ran on a gradient (before the target's step or accumulation);
 * - `backward-error`: a backward step that raised (wrong gradient count/shape, NaN under anomaly
 *   mode, a modified saved tensor), naming the node;
 * - `custom-call`, `custom-line`, `custom-return`: line-by-line recording of the user's own
 *   `forward`/`backward` of a custom `torch.autograd.Function`, with locals;
 * - `gradcheck`: the finite-difference check of a custom Function node, with both Jacobians;
 * - op events: `pass` when recorded inside a backward pass (create_graph: the second-order
 *   layer) and `customCall` (the forward call that made a custom node).
 * - `tangent` (added later in v3, additive): forward-mode AD. Each op run under a dual level
 *   (torch.autograd.forward_ad, torch.func.jvp) with an input that carries a tangent reports the
 *   tangent it gave its output, in seq order, so a replay can show the tangent travelling forward
 *   beside the values. It also starts at `make_dual` and comes from custom Functions' `jvp`.
 * - `hand-gradient` (added later in v3, additive): `gradscope.check` compared a hand-written
 *   gradient with autograd's (backprop exercises).
 * - `trace-summary`: a run past the recorder's bound (MAX_EVENTS_PER_RUN) counted what it did not record.
 * - pass-summary `gradNorms[].valueNorm` (added later in v3, additive): each leaf's value norm in that
 *   pass, so a training loop's parameters can be charted over every iteration.
 */

export type DTypeName = 'float32' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** A tensor as the picture needs it: small tensors carry their values, large ones statistics. */
export interface TensorSummary {
  /** Engine tensor id (stable for the tensor's lifetime, unique within a worker session). */
  readonly id: number;
  readonly shape: readonly number[];
  readonly dtype: DTypeName;
  readonly requiresGrad: boolean;
  /** Row-major values when numel <= SUMMARY_VALUE_LIMIT; booleans as 0/1. */
  readonly values?: readonly number[];
  /** PyTorch's own text for the tensor (`tensor([1., 2.])`), when small. */
  readonly text?: string;
  readonly stats?: { readonly min: number; readonly max: number; readonly mean: number };
}

export const SUMMARY_VALUE_LIMIT = 64;

/** Where in the user's code something happened. `cell` is the cell's id (or file name in the CLI). */
export interface SourceLocation {
  readonly cell: string;
  readonly line: number;
  readonly column?: number;
}

/** One input edge of a graph node: either another op node or a leaf tensor (AccumulateGrad). */
export type InputRef =
  | { readonly kind: 'node'; readonly nodeId: number; readonly outputNr: number }
  | { readonly kind: 'leaf'; readonly tensorId: number }
  | { readonly kind: 'none' };

/** One nn.Module call the op ran inside. `path` is the attribute path from the outermost module
 * (`fc1`, `encoder.layers.0`; `''` for the outermost module itself), `type` its class name. The UI
 * label is `fc1: Linear` (or just `MLP` when the path is empty). */
export interface ModuleFrame {
  readonly path: string;
  readonly type: string;
  /**
   * Which module call this is, numbered 1, 2, … per session in the order calls start. Two
   * modules with the same path (two models that both have `fc1`) and two calls of one module are
   * different calls, so the graph groups them apart (as torch.fx names them `fc1` and `fc1_1`).
   * Absent in v2 traces: the graph then groups by path.
   */
  readonly call?: number;
}

/** Where a broadcast gradient was summed back to its input's shape. */
export interface GradReduction {
  /** Dims of `fromShape` that were summed (leading dims that the input lacks, and size-1 dims). */
  readonly dims: readonly number[];
  /** The gradient's shape before the reduction (the op output's shape). */
  readonly fromShape: readonly number[];
  /** The input's shape, which the gradient was reduced to. */
  readonly toShape: readonly number[];
  /** For the panel, e.g. `summed over dim 0 ([2, 3] → [3])`. */
  readonly text: string;
}

/**
 * The chain rule for one input edge of a backward step: `upstream · local = product`, then the
 * reduction (if broadcast), giving `grad`, what was sent along the edge.
 * The upstream gradient is the step's `gradsIn[0]`.
 */
export interface BackwardEdge {
  /** Edge index: the same position as in the op event's `inputs`. */
  readonly index: number;
  /** Where the gradient goes (a copy of the op event's input ref). */
  readonly input: InputRef;
  /** This input's local derivative as the op table writes it, e.g. `∂(a·b)/∂a = b`. */
  readonly formula?: string;
  /** For products that are not elementwise: which product the input gets, e.g. `grad · Bᵀ`. */
  readonly rule?: string;
  /**
   * ∂output/∂input as numbers. Elementwise ops: shaped like the output (broadcast inputs are
   * expanded first). Ops with a one-element output (sum, mean, losses): shaped like the input.
   * Present only for small tensors of these two kinds.
   */
  readonly local?: TensorSummary;
  /** upstream · local, before any reduction (elementwise ops; shaped like the output). */
  readonly product?: TensorSummary;
  /** Present when the product was summed to the input's shape (broadcasting). */
  readonly reduction?: GradReduction;
  /** The gradient sent along the edge (= the step's `gradsOut[index]`). */
  readonly grad: TensorSummary | null;
}

/** Forward mode: one input's term of `ẏ = Σ ∂y/∂xᵢ · ẋᵢ`. */
export interface TangentTerm {
  /** The input's position in the tangent event's `inputs`. */
  readonly index: number;
  /** The input's tangent ẋᵢ. */
  readonly tangentIn: TensorSummary;
  /** ∂y/∂xᵢ · ẋᵢ (null: zero). */
  readonly contribution: TensorSummary | null;
  /** ∂y/∂xᵢ as numbers, for elementwise ops (shaped like the output). */
  readonly local?: TensorSummary;
}

/** One gradient arriving at a fan-out (a tensor used by several ops). */
export interface GradContribution {
  /** The node whose backward step sent it. */
  readonly fromNodeId: number;
  readonly grad: TensorSummary;
}

/** A parameter's (or any leaf's) gradient size after a backward pass. */
export interface GradNorm {
  readonly tensorId: number;
  /** Top-level variable name, or the module parameter path (`fc1.weight`). */
  readonly name?: string;
  /** L2 norm of `.grad` after the pass. */
  readonly norm: number;
  /** L2 norm of the tensor's value during the pass (what the optimizer changes from pass to pass). */
  readonly valueNorm?: number;
}

/** A Python value as the locals panel shows it (no live objects). */
export type PyValue =
  | { readonly kind: 'tensor'; readonly tensor: TensorSummary }
  | { readonly kind: 'none' }
  /** int, float, bool, str and other short values, as Python's repr writes them. */
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'tuple' | 'list'; readonly items: readonly PyValue[] }
  /** A custom Function's ctx: what the user set on it, saved tensors, needs_input_grad. */
  | {
      readonly kind: 'ctx';
      readonly attrs: readonly LocalValue[];
      readonly savedTensors: readonly PyValue[];
      readonly needsInputGrad: readonly boolean[];
    }
  /** Anything else: its type name and a shortened repr. */
  | { readonly kind: 'other'; readonly type: string; readonly text: string };

/** One local variable of a recorded frame. */
export interface LocalValue {
  readonly name: string;
  readonly value: PyValue;
}

/** How a hand-written gradient compares with autograd's (see the `hand-gradient` event). */
export type HandGradientVerdict = 'exact' | 'close' | 'wrong';

/** Hand-written gradients keep their values for the inspector's heatmaps up to this many elements. */
export const HAND_GRADIENT_VALUE_LIMIT = 4096;

/** One input/output pair's Jacobians in a gradcheck (rows: input elements, columns: output elements, as PyTorch). */
export interface JacobianPair {
  readonly inputIndex: number;
  readonly outputIndex: number;
  /** Shape [input numel, output numel]; values present when small. */
  readonly analytical: TensorSummary;
  readonly numerical: TensorSummary;
  /** [row, column] entries where the two differ beyond the tolerance. */
  readonly mismatches: readonly (readonly [number, number])[];
}

export type TraceEvent =
  /** A leaf tensor that requires grad, seen for the first time as an op input. */
  | {
      readonly kind: 'leaf';
      readonly seq: number;
      readonly tensor: TensorSummary;
      readonly name?: string;
      readonly loc?: SourceLocation;
      /** The module parameter path when the leaf is an nn.Module parameter (`fc1.weight`). */
      readonly parameter?: string;
    }
  /** A recorded forward op: its autograd node (`grad_fn`) and its output. */
  | {
      readonly kind: 'op';
      readonly seq: number;
      readonly nodeId: number;
      /** Op table name, e.g. `mul`. */
      readonly op: string;
      /** PyTorch's grad_fn name, e.g. `MulBackward0`. */
      readonly gradFn: string;
      readonly inputs: readonly InputRef[];
      readonly output: TensorSummary;
      readonly loc?: SourceLocation;
      readonly name?: string;
      /** The nn.Module calls the op ran inside, outermost first (absent outside modules). */
      readonly moduleScope?: readonly ModuleFrame[];
      /** The backward pass this op ran inside (create_graph=True: a second-order node). */
      readonly pass?: number;
      /** For a custom Function's node, the `custom-call` id of the forward that made it. */
      readonly customCall?: number;
    }
  /** A Python variable name bound to a tensor (the last binding wins). */
  | { readonly kind: 'name'; readonly seq: number; readonly tensorId: number; readonly name: string }
  | {
      readonly kind: 'backward-start';
      readonly seq: number;
      readonly pass: number;
      readonly rootTensorId: number;
      readonly retainGraph: boolean;
      readonly createGraph: boolean;
      readonly loc?: SourceLocation;
      /** The tensor backward was called on (its value is the loss). */
      readonly root?: TensorSummary;
    }
  /** One node's backward: gradients that arrived and gradients it sent to its inputs. */
  | {
      readonly kind: 'backward-step';
      readonly seq: number;
      readonly pass: number;
      readonly nodeId: number;
      readonly gradsIn: readonly (TensorSummary | null)[];
      readonly gradsOut: readonly (TensorSummary | null)[];
      /** Op-table name (`mul`); absent for custom Functions and engine-internal nodes. */
      readonly op?: string;
      /** The op's whole local-derivative formula (`∂(a·b)/∂a = b, ∂(a·b)/∂b = a`). */
      readonly formula?: string;
      /** The chain rule per input edge (same order as `gradsOut`). */
      readonly edges: readonly BackwardEdge[];
    }
  /**
   * Several gradients met at one tensor (its node output or leaf) and were summed. Comes right
   * before the target's backward-step (or its accumulate, for a leaf).
   */
  | {
      readonly kind: 'gradient-sum';
      readonly seq: number;
      readonly pass: number;
      /** The node output (`node`) or leaf (`leaf`) that received the contributions. */
      readonly target: InputRef;
      readonly contributions: readonly GradContribution[];
      readonly sum: TensorSummary;
    }
  /** A gradient added into a leaf's `.grad`. */
  | {
      readonly kind: 'accumulate';
      readonly seq: number;
      readonly pass: number;
      readonly tensorId: number;
      readonly before: TensorSummary | null;
      readonly added: TensorSummary;
      readonly after: TensorSummary;
    }
  | { readonly kind: 'backward-end'; readonly seq: number; readonly pass: number }
  /** The graph's saved tensors were freed after a backward without retain_graph. */
  | { readonly kind: 'saved-freed'; readonly seq: number; readonly nodeIds: readonly number[]; readonly pass?: number }
  /**
   * What every backward pass leaves behind, even after its detail was dropped (loss chart,
   * gradient norms). Comes right after the pass's backward-end. A pass whose backward-start is no
   * longer in the trace was compacted: only this summary remains.
   */
  | {
      readonly kind: 'pass-summary';
      readonly seq: number;
      readonly pass: number;
      readonly rootTensorId: number;
      /** The root tensor's value when it has one element (the loss). */
      readonly loss?: number;
      /** Per leaf that received a gradient in this pass, in first-accumulation order. */
      readonly gradNorms: readonly GradNorm[];
      readonly loc?: SourceLocation;
    }
  /** Marks the start of a cell run, so steps can be grouped and lines resolved. */
  | { readonly kind: 'run-start'; readonly seq: number; readonly cell: string }
  /**
   * A tensor hook (`register_hook`) ran on the gradient arriving at `target` (a node output or
   * a leaf). Comes before the target's backward-step (or accumulate). `after` is present when the
   * hook returned a replacement gradient.
   */
  | {
      readonly kind: 'hook';
      readonly seq: number;
      readonly pass: number;
      readonly target: InputRef;
      /** The hook function's name (`<lambda>`, `print_grad`). */
      readonly name: string;
      readonly before: TensorSummary;
      readonly after?: TensorSummary;
      /** Where the hook was registered or defined, when known. */
      readonly loc?: SourceLocation;
    }
  /**
   * A backward step raised. `message` is PyTorch's text; `anomaly` marks errors found by
   * anomaly mode (NaN gradients). `loc` is the user's line the error points at inside a custom
   * backward (its `return`), when there is one; the node's forward line is its op event's `loc`.
   */
  | {
      readonly kind: 'backward-error';
      readonly seq: number;
      readonly pass: number;
      readonly nodeId: number;
      readonly ename: string;
      readonly message: string;
      readonly anomaly: boolean;
      readonly loc?: SourceLocation;
    }
  /**
   * The user's `forward` or `backward` of a custom Function starts. `callId` links its lines.
   * Backward calls carry the node and pass; a forward call's node is the op event whose
   * `customCall` is this id.
   */
  | {
      readonly kind: 'custom-call';
      readonly seq: number;
      readonly callId: number;
      readonly fn: 'forward' | 'backward';
      /** The Function's class name (`MyReLU`). */
      readonly functionName: string;
      readonly nodeId?: number;
      readonly pass?: number;
      /** The `def` line of the method. */
      readonly loc?: SourceLocation;
    }
  /** A line of a recorded custom frame is about to run; `locals` as they are before it runs. */
  | {
      readonly kind: 'custom-line';
      readonly seq: number;
      readonly callId: number;
      readonly loc: SourceLocation;
      readonly locals: readonly LocalValue[];
    }
  /** A recorded custom frame returned (`value`) or raised (`error`), at line `loc`. */
  | {
      readonly kind: 'custom-return';
      readonly seq: number;
      readonly callId: number;
      readonly loc: SourceLocation;
      readonly locals: readonly LocalValue[];
      readonly value?: PyValue;
      readonly error?: string;
    }
  /**
   * Forward mode: `op` (the op-table name; `make_dual` where a tangent starts, `custom` for a
   * custom Function's jvp) gave tensor `tensorId` (the primal output, summarised in `primal`)
   * the tangent `tangent` (its JVP). `inputs` are the ids of the op's tensor inputs in edge order
   * (null where an input is absent). `nodeId` is the primal's grad_fn when a graph was recorded
   * as well (its op event comes just before); tangents of ops without a node are still reported.
   */
  | {
      readonly kind: 'tangent';
      readonly seq: number;
      readonly op: string;
      readonly tensorId: number;
      readonly nodeId?: number;
      readonly inputs: readonly (number | null)[];
      readonly primal: TensorSummary;
      readonly tangent: TensorSummary;
      /** Each input's share of the tangent (`∂y/∂x · ẋ`), for the chain-rule panel (small outputs, ops with a jvp rule). */
      readonly terms?: readonly TangentTerm[];
      readonly loc?: SourceLocation;
      /** The backward pass it ran inside (forward over reverse: a backward under a dual level). */
      readonly pass?: number;
    }
  /**
   * A backprop exercise: `gradscope.check(name, mine, tensor)` compared the learner's hand-written
   * gradient `mine` with autograd's `tensor.grad`, as the makemore lecture's `cmp()` does.
   * `verdict`: equal element for element (`exact`), within torch.allclose's tolerance (`close`), or
   * `wrong`. `target` is where the tensor sits in the graph (a leaf, or its grad_fn's output).
   * `mine` and `autograd` keep their values up to HAND_GRADIENT_VALUE_LIMIT elements (the heatmaps).
   */
  | {
      readonly kind: 'hand-gradient';
      readonly seq: number;
      readonly name: string;
      readonly tensorId: number;
      readonly target: InputRef;
      readonly verdict: HandGradientVerdict;
      readonly maxDiff: number;
      readonly mine: TensorSummary;
      readonly autograd: TensorSummary;
      readonly loc?: SourceLocation;
    }
  /**
   * Finite-difference check of a custom Function node on its recorded inputs in float64
   * (what `torch.autograd.gradcheck` does). `message` is gradcheck's text when it fails.
   */
  | {
      readonly kind: 'gradcheck';
      readonly seq: number;
      readonly nodeId: number;
      readonly ok: boolean;
      readonly jacobians: readonly JacobianPair[];
      readonly message?: string;
    }
  /**
   * A run recorded more events than the recorder keeps per run (MAX_EVENTS_PER_RUN): from then on
   * it only counted them. Ends the run's events. `counts`: what was not recorded, by kind, op and
   * line, most frequent first (names and pass summaries are always recorded).
   */
  | {
      readonly kind: 'trace-summary';
      readonly seq: number;
      /** The bound that was reached: events kept in detail per run. */
      readonly limit: number;
      /** How many events were only counted. */
      readonly omitted: number;
      readonly counts: readonly OmittedCount[];
    };

/** Events of one kind (and op, and line) that a run past its bound only counted. */
export interface OmittedCount {
  readonly kind: TraceEventKind;
  readonly op?: string;
  readonly loc?: SourceLocation;
  readonly count: number;
}

export type TraceEventKind = TraceEvent['kind'];

export interface Trace {
  readonly version: typeof TRACE_VERSION;
  readonly events: readonly TraceEvent[];
}
