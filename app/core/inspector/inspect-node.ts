/** What the inspector shows about one graph node at one step: pure data from the trace. */
import type { DTypeName, SourceLocation, TensorSummary, TraceEvent } from '../../../engine/trace/schema.ts';
import type { GraphModel, GraphNode } from '../graph/model.ts';
import { isForwardOnlyNode } from '../graph/forward-nodes.ts';
import { traceIndexOf, type TraceIndex } from '../trace/trace-index.ts';
import { tensorExpression } from './tensor-expression.ts';

export interface TensorFacts {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DTypeName;
}

export interface NodeDetails {
  readonly id: string;
  readonly title: string;
  /** Op table name (`mul`), or `leaf`. */
  readonly op: string;
  readonly gradFn: string;
  readonly loc?: SourceLocation;
  readonly inputs: readonly TensorFacts[];
  readonly output: TensorFacts;
  readonly value: TensorSummary;
  readonly grad?: TensorSummary;
  /** Forward mode: the tangent it carries at the step. */
  readonly tangent?: TensorSummary;
  /** null for leaves (they save nothing) and for nodes only forward mode made (no backward to save for). */
  readonly isFreed: boolean | null;
}

/** What the inspector says where forward mode alone made a node: PyTorch records no grad_fn there. */
export const NO_GRAD_FN = 'none (forward mode only: nothing here requires grad)';

export function inspectNode(events: readonly TraceEvent[], model: GraphModel, nodeId: string): NodeDetails | null {
  return inspectNodeIn(traceIndexOf(events), model, nodeId);
}

/** inspectNode with the trace's lookups (last leaf and op events, final names) from its replay index. */
export function inspectNodeIn(index: TraceIndex, model: GraphModel, nodeId: string): NodeDetails | null {
  return inspectGraphNode(
    index,
    model.nodes.find((candidate) => candidate.id === nodeId),
  );
}

/** What the inspector shows of a graph node (TraceIndex.nodeAt: no need to make the whole graph). */
export function inspectGraphNode(index: TraceIndex, node: GraphNode | undefined): NodeDetails | null {
  if (!node) return null;
  const names = index.finalNames;
  const leafLoc = node.kind === 'leaf' ? index.leafEvent(node.tensorId)?.loc : undefined;
  const opEvent = node.kind === 'op' ? index.opEvent(node.nodeId) : undefined;
  // An unnamed tensor is the expression that made it, as the chain-rule panel writes it (`x @ w`).
  const facts = (summary: TensorSummary): TensorFacts => ({
    name: names.get(summary.id) ?? tensorExpression(index, summary.id),
    shape: summary.shape,
    dtype: summary.dtype,
  });
  if (node.kind === 'leaf') {
    const value = index.leafEvent(node.tensorId)?.tensor;
    if (!value) return null;
    return {
      id: node.id,
      title: `leaf ${facts(value).name}`,
      op: 'leaf',
      gradFn: value.requiresGrad ? 'AccumulateGrad' : NO_GRAD_FN,
      ...(leafLoc && { loc: leafLoc }),
      inputs: [],
      output: facts(value),
      value,
      ...(node.grad && { grad: node.grad }),
      ...(node.tangent && { tangent: node.tangent }),
      isFreed: null,
    };
  }
  if (!opEvent) return null;
  const inputs: TensorFacts[] = [];
  for (const input of opEvent.inputs) {
    const summary = input.kind === 'leaf' ? index.leafEvent(input.tensorId)?.tensor : input.kind === 'node' ? index.opEvent(input.nodeId)?.output : undefined;
    if (summary) inputs.push(facts(summary));
  }
  return {
    id: node.id,
    title: `${node.gradFn}${node.outputName ? ` → ${node.outputName}` : ''}`,
    op: opEvent.op,
    gradFn: isForwardOnlyNode(node.nodeId) ? NO_GRAD_FN : opEvent.gradFn,
    ...(opEvent.loc && { loc: opEvent.loc }),
    inputs,
    output: facts(opEvent.output),
    value: opEvent.output,
    ...(node.grad && { grad: node.grad }),
    ...(node.tangent && { tangent: node.tangent }),
    isFreed: isForwardOnlyNode(node.nodeId) ? null : node.isFreed,
  };
}
