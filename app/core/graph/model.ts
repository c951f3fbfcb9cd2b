/**
 * What the graph view draws: a pure-data picture of the autograd graph at one step of the trace.
 * Built by buildGraph(events, step); laid out by layout.ts; drawn by draw.ts.
 */
import type { GradNorm, HandGradientVerdict, ModuleFrame, TensorSummary } from '../../../engine/trace/schema.ts';

/** A leaf tensor (it has `.grad` and an AccumulateGrad node in PyTorch). Id: `t<tensorId>`. */
export interface LeafNode {
  readonly kind: 'leaf';
  readonly id: string;
  readonly tensorId: number;
  /** Python variable name, when the tensor is bound to one. */
  readonly name?: string;
  readonly shape: readonly number[];
  /** Compact value text, `[1, 2, 3]`, or `min … max` for large tensors; '' when unknown. */
  readonly valueText: string;
  /** `.grad` after the last accumulation up to the step; undefined before any. */
  readonly grad?: TensorSummary;
  readonly gradText?: string;
  /** Sequence number of the event that introduced the node. */
  readonly seq: number;
  /** The nn.Module parameter path (`fc1.weight`) when the leaf is a module parameter. */
  readonly parameter?: string;
  /** Forward mode: the tangent it carries up to the step (make_dual). */
  readonly tangent?: TensorSummary;
  readonly tangentText?: string;
  /** A backprop exercise's verdict on the hand-written gradient of this tensor, up to the step (gradscope.check). */
  readonly handCheck?: HandGradientVerdict;
  /** In a training loop: its value and gradient norms over every pass (parameter-history.ts). */
  readonly history?: LeafHistory;
}

/** A leaf's norms over a training run, one entry per backward pass that reached it. */
export interface LeafHistory {
  readonly passes: readonly number[];
  /** ‖value‖ during each pass (NaN where the trace did not record it). */
  readonly valueNorms: readonly number[];
  /** ‖.grad‖ after each pass. */
  readonly gradNorms: readonly number[];
  /** Position in `passes` of the pass the graph shows. */
  readonly shownIndex?: number;
}

/**
 * A recorded op (its grad_fn). Id: `n<nodeId>`. Forward mode without a graph makes op nodes too,
 * with a negative node id (app/core/graph/forward-nodes.ts).
 */
export interface OpNode {
  readonly kind: 'op';
  readonly id: string;
  readonly nodeId: number;
  /** Op table name, e.g. `mul`. */
  readonly op: string;
  /** PyTorch's grad_fn name, e.g. `MulBackward0`. */
  readonly gradFn: string;
  readonly outputTensorId: number;
  /** Python variable name of the output tensor (the last binding wins). */
  readonly outputName?: string;
  readonly outputShape: readonly number[];
  readonly seq: number;
  /** This node's backward has run at least once up to the step. */
  readonly hasRunBackward: boolean;
  /** Its saved tensors were freed (backward without retain_graph). */
  readonly isFreed: boolean;
  /** The gradient of its output that arrived at its backward step in the current pass. */
  readonly grad?: TensorSummary;
  readonly gradText?: string;
  /** The nn.Module calls the op ran inside, outermost first (absent outside modules). */
  readonly moduleScope?: readonly ModuleFrame[];
  /** Marks (node-marks.ts): a custom Function's node, its gradcheck, a backward error, a second-order node. */
  readonly marks?: OpMarks;
  /** Forward mode: the tangent its output got up to the step (the op's JVP). */
  readonly tangent?: TensorSummary;
  readonly tangentText?: string;
  /** A backprop exercise's verdict on the hand-written gradient of its output, up to the step (gradscope.check). */
  readonly handCheck?: HandGradientVerdict;
}

/** What the trace says about an op beyond its value: drawn as a badge, outline or dashes. */
export interface OpMarks {
  /** The custom `torch.autograd.Function` class that made the node (`MyReLU`). */
  readonly customFunction?: string;
  readonly gradcheck?: 'passed' | 'failed';
  /** A backward error on this node recorded up to the step (PyTorch's message). */
  readonly error?: { readonly message: string; readonly anomaly: boolean };
  /** The backward pass this op ran inside (create_graph=True): a second-order node. */
  readonly pass?: number;
}

export type GraphNode = LeafNode | OpNode;

/** An edge in data-flow direction: input (leaf or op) → the op that consumed it. */
export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Position of this input among the target op's inputs. */
  readonly inputIndex: number;
}

export interface GraphModel {
  /** Nodes in creation order (the order the trace introduced them). */
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** The seq of the last event included, or -1 for an empty trace. */
  readonly step: number;
  /** The node the event at `step` is about (an op's forward or backward step, an accumulation). */
  readonly activeNodeId?: string;
  /** Edges a gradient travels along at this step (a backward step sends one down each input edge). */
  readonly pulseEdgeIds?: readonly string[];
  /** Edges a tangent travels along at this step (forward mode: from the op's inputs to it). */
  readonly tangentEdgeIds?: readonly string[];
  /** Gradient norms per leaf from the latest pass summary up to the step. */
  readonly gradNorms?: readonly GradNorm[];
}

export const leafNodeId = (tensorId: number): string => `t${tensorId}`;
export const opNodeId = (nodeId: number): string => `n${nodeId}`;
