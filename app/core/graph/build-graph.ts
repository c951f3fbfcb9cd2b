/**
 * buildGraph: the autograd graph as it stands after the trace event with seq `step`.
 * A pure function of (events, step), so time travel is just calling it with another step.
 */
import type { GradNorm, HandGradientVerdict, InputRef, TensorSummary, TraceEvent } from '../../../engine/trace/schema.ts';
import { dualSourceOf, forwardNodeEvent, nameWithDual, tangentGraphNodeId, tangentOnlyInputs } from './forward-nodes.ts';
import { handCheckedNodeId } from './hand-checks.ts';
import { formatSummaryValues } from './format.ts';
import { opMarksOf } from './node-marks.ts';
import { leafNodeId, opNodeId, type GraphEdge, type GraphModel, type GraphNode, type LeafNode, type OpNode } from './model.ts';

/** A leaf as it stands at a step (the replay index builds these too). */
export interface MutableLeaf {
  tensorId: number;
  parameter?: string;
  seq: number;
  summary?: TensorSummary;
  grad?: TensorSummary;
  tangent?: TensorSummary;
  handCheck?: HandGradientVerdict;
}

/** An op as it stands at a step (the replay index builds these too). */
export interface MutableOp {
  event: Extract<TraceEvent, { kind: 'op' }>;
  hasRunBackward: boolean;
  isFreed: boolean;
  /** The output's gradient at this node's backward step in the current pass. */
  grad?: TensorSummary;
  /** Forward mode: its output's tangent. */
  tangent?: TensorSummary;
  /** gradscope.check's verdict on its output's hand-written gradient. */
  handCheck?: HandGradientVerdict;
}

export interface BuildGraphOptions {
  /**
   * `'final'`: label tensors with the names they have at the end of the trace. The recorder learns
   * names when a run ends, so replay uses them from the start (and node boxes keep one size).
   * `'at-step'` (default): only names bound by events up to the step.
   */
  readonly names?: 'final' | 'at-step';
}

/**
 * Builds the graph from every event whose seq is at most `step` (default: all of them).
 * Nodes keep the order in which the trace introduced them; edges follow data flow, leaf → op → op.
 */
export function buildGraph(events: readonly TraceEvent[], step?: number, options: BuildGraphOptions = {}): GraphModel {
  const leaves = new Map<number, MutableLeaf>();
  const ops = new Map<number, MutableOp>();
  /** Op node id by output tensor id, to resolve names and backward roots. */
  const opByOutputTensor = new Map<number, number>();
  /** Node ids in creation order, leaves and ops interleaved. */
  const order: string[] = [];
  /** Variable names by tensor id; names can arrive before the tensor's node (x = torch.tensor(...)). */
  const names = new Map<number, string>();
  const edges: GraphEdge[] = [];
  /** Input edges by target op: a backward step pulses its own, without scanning every edge (100,000-op chains). */
  const edgesByTarget = new Map<string, GraphEdge[]>();
  let lastSeq = -1;
  let activeNodeId: string | undefined;
  let pulseEdgeIds: string[] = [];
  let tangentEdgeIds: string[] = [];
  let gradNorms: readonly GradNorm[] | undefined;
  const limit = step ?? Number.POSITIVE_INFINITY;
  const learnsNamesAtStep = options.names !== 'final';
  if (!learnsNamesAtStep) {
    for (const event of events) {
      if (event.kind === 'name') names.set(event.tensorId, event.name);
      else if ((event.kind === 'leaf' || event.kind === 'op') && event.name !== undefined) {
        names.set(event.kind === 'leaf' ? event.tensor.id : event.output.id, event.name);
      }
    }
  }

  const ensureLeaf = (tensorId: number, seq: number): MutableLeaf => {
    let leaf = leaves.get(tensorId);
    if (!leaf) {
      leaf = { tensorId, seq };
      leaves.set(tensorId, leaf);
      order.push(leafNodeId(tensorId));
    }
    return leaf;
  };

  const nodeIdOfTensor = (tensorId: number): string | undefined => {
    if (leaves.has(tensorId)) return leafNodeId(tensorId);
    const nodeId = opByOutputTensor.get(tensorId);
    return nodeId === undefined ? undefined : opNodeId(nodeId);
  };

  const addEdge = (source: string, target: string, inputIndex: number): void => {
    const edge = { id: `${source}>${target}#${inputIndex}`, source, target, inputIndex };
    edges.push(edge);
    const inputEdges = edgesByTarget.get(target);
    if (inputEdges) inputEdges.push(edge);
    else edgesByTarget.set(target, [edge]);
  };

  /** A leaf or op event (recorded, or made for forward mode by forwardNodeEvent) adds its node. */
  const applyNodeEvent = (event: Extract<TraceEvent, { kind: 'leaf' | 'op' }>): void => {
    if (event.kind === 'leaf') {
      const leaf = ensureLeaf(event.tensor.id, event.seq);
      leaf.summary = event.tensor;
      if (event.parameter !== undefined) leaf.parameter = event.parameter;
      if (learnsNamesAtStep && event.name !== undefined) names.set(event.tensor.id, event.name);
      activeNodeId = leafNodeId(event.tensor.id);
      return;
    }
    if (ops.has(event.nodeId)) return;
    ops.set(event.nodeId, { event, hasRunBackward: false, isFreed: false });
    opByOutputTensor.set(event.output.id, event.nodeId);
    const target = opNodeId(event.nodeId);
    order.push(target);
    event.inputs.forEach((input, inputIndex) => {
      let source: string;
      if (input.kind === 'leaf') {
        ensureLeaf(input.tensorId, event.seq);
        source = leafNodeId(input.tensorId);
      } else if (input.kind === 'node' && ops.has(input.nodeId)) {
        source = opNodeId(input.nodeId);
      } else {
        return; // no grad flows here (a constant), or the producer is outside the trace
      }
      addEdge(source, target, inputIndex);
    });
    if (learnsNamesAtStep && event.name !== undefined) names.set(event.output.id, event.name);
    activeNodeId = target;
  };

  /** Forward mode: nodes whose output carries a tangent (a tangent travels along their out-edges). */
  const hasTangent = new Set<string>();
  /** Forward mode: duals forward mode made a leaf for, and their primal (names: forward-nodes.ts). */
  const dualSources = new Map<number, number>();
  const lookupTensor = (tensorId: number): InputRef | undefined => {
    if (leaves.has(tensorId)) return { kind: 'leaf', tensorId };
    const nodeId = opByOutputTensor.get(tensorId);
    return nodeId === undefined ? undefined : { kind: 'node', nodeId, outputNr: 0 };
  };
  const leafByTensorOf = (graphId: string): MutableLeaf | undefined => (graphId.startsWith('t') ? leaves.get(Number(graphId.slice(1))) : undefined);
  const opByGraphId = (graphId: string): MutableOp | undefined => (graphId.startsWith('n') ? ops.get(Number(graphId.slice(1))) : undefined);

  for (const event of events) {
    if (event.seq > limit) continue;
    lastSeq = Math.max(lastSeq, event.seq);
    activeNodeId = undefined;
    pulseEdgeIds = [];
    tangentEdgeIds = [];
    const made = event.kind === 'tangent' ? forwardNodeEvent(event, lookupTensor) : undefined;
    if (made) applyNodeEvent(made);
    switch (event.kind) {
      case 'leaf':
      case 'op':
        applyNodeEvent(event);
        break;
      case 'tangent': {
        const source = dualSourceOf(event);
        if (source !== undefined) dualSources.set(event.tensorId, source);
        const target = tangentGraphNodeId(event);
        const leaf = leafByTensorOf(target);
        const op = leaf ? undefined : opByGraphId(target);
        if (leaf) leaf.tangent = event.tangent;
        else if (op) op.tangent = event.tangent;
        else break;
        for (const [source, inputIndex] of tangentOnlyInputs(event, target, nodeIdOfTensor, edgesByTarget.get(target) ?? []))
          addEdge(source, target, inputIndex);
        activeNodeId = target;
        tangentEdgeIds = (edgesByTarget.get(target) ?? []).filter((edge) => hasTangent.has(edge.source)).map((edge) => edge.id);
        hasTangent.add(target);
        break;
      }
      case 'hand-gradient': {
        const target = handCheckedNodeId(event);
        const checked = target === undefined ? undefined : (leafByTensorOf(target) ?? opByGraphId(target));
        if (!checked) break;
        checked.handCheck = event.verdict;
        activeNodeId = target;
        break;
      }
      case 'name':
        if (learnsNamesAtStep) names.set(event.tensorId, event.name);
        activeNodeId = nodeIdOfTensor(event.tensorId);
        break;
      case 'backward-step': {
        const op = ops.get(event.nodeId);
        if (op) {
          op.hasRunBackward = true;
          const gradIn = event.gradsIn.find((grad) => grad !== null);
          if (gradIn) op.grad = gradIn;
          const target = opNodeId(event.nodeId);
          activeNodeId = target;
          pulseEdgeIds = (edgesByTarget.get(target) ?? []).filter((edge) => (event.gradsOut[edge.inputIndex] ?? null) !== null).map((edge) => edge.id);
        }
        break;
      }
      case 'accumulate': {
        const leaf = leaves.get(event.tensorId);
        if (leaf) {
          leaf.grad = event.after;
          activeNodeId = leafNodeId(event.tensorId);
        }
        break;
      }
      case 'saved-freed':
        for (const nodeId of event.nodeIds) {
          const op = ops.get(nodeId);
          if (op) op.isFreed = true;
        }
        break;
      case 'backward-start':
        // A new pass computes every op's gradient afresh; leaves keep accumulating.
        for (const op of ops.values()) delete op.grad;
        activeNodeId = nodeIdOfTensor(event.rootTensorId);
        break;
      case 'pass-summary':
        gradNorms = event.gradNorms;
        break;
      default:
        // backward-end, run-start and kinds added later do not change the picture.
        break;
    }
  }

  const opByNodeId = new Map<string, MutableOp>();
  for (const op of ops.values()) opByNodeId.set(opNodeId(op.event.nodeId), op);
  const leafByNodeId = new Map<string, MutableLeaf>();
  for (const leaf of leaves.values()) leafByNodeId.set(leafNodeId(leaf.tensorId), leaf);

  const marks = opMarksOf(events, limit);
  const nodes: GraphNode[] = order.map((id) => {
    const leaf = leafByNodeId.get(id);
    const nameOf = (tensorId: number) => nameWithDual((candidate) => names.get(candidate), dualSources, tensorId);
    if (leaf) return toLeafNode(leaf, nameOf(leaf.tensorId));
    const op = opByNodeId.get(id)!;
    const node = toOpNode(op, nameOf(op.event.output.id));
    const opMarks = marks.get(op.event.nodeId);
    return opMarks ? { ...node, marks: opMarks } : node;
  });

  return {
    nodes,
    edges,
    step: lastSeq,
    ...(activeNodeId !== undefined && { activeNodeId }),
    ...(pulseEdgeIds.length > 0 && { pulseEdgeIds }),
    ...(tangentEdgeIds.length > 0 && { tangentEdgeIds }),
    ...(gradNorms !== undefined && { gradNorms }),
  };
}

export function toLeafNode(leaf: MutableLeaf, name: string | undefined): LeafNode {
  const node: LeafNode = {
    kind: 'leaf',
    id: leafNodeId(leaf.tensorId),
    tensorId: leaf.tensorId,
    shape: leaf.summary?.shape ?? [],
    valueText: leaf.summary ? formatSummaryValues(leaf.summary) : '',
    seq: leaf.seq,
    ...(name !== undefined && { name }),
    ...(leaf.parameter !== undefined && { parameter: leaf.parameter }),
    ...(leaf.grad && { grad: leaf.grad, gradText: formatSummaryValues(leaf.grad) }),
    ...(leaf.tangent && { tangent: leaf.tangent, tangentText: formatSummaryValues(leaf.tangent) }),
    ...(leaf.handCheck && { handCheck: leaf.handCheck }),
  };
  return node;
}

export function toOpNode(op: MutableOp, outputName: string | undefined): OpNode {
  const { event } = op;
  return {
    kind: 'op',
    id: opNodeId(event.nodeId),
    nodeId: event.nodeId,
    op: event.op,
    gradFn: event.gradFn,
    outputTensorId: event.output.id,
    outputShape: event.output.shape,
    seq: event.seq,
    hasRunBackward: op.hasRunBackward,
    isFreed: op.isFreed,
    ...(outputName !== undefined && { outputName }),
    ...(event.moduleScope !== undefined && event.moduleScope.length > 0 && { moduleScope: event.moduleScope }),
    ...(op.grad && { grad: op.grad, gradText: formatSummaryValues(op.grad) }),
    ...(op.tangent && { tangent: op.tangent, tangentText: formatSummaryValues(op.tangent) }),
    ...(op.handCheck && { handCheck: op.handCheck }),
  };
}
