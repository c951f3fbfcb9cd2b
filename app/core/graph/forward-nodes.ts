/**
 * Forward mode in the graph. A tangent event sits on the node of its output tensor: the op's own
 * node when a graph was recorded too (`nodeId`), otherwise a node only forward mode made (no
 * tensor there requires grad, so PyTorch records no grad_fn): `make_dual` starts a leaf, any other
 * op a forward-only op node with a negative node id (`n-<tensorId>`, never a real node's). Both the
 * reference buildGraph and the replay index apply the node events made here, so they agree.
 */
import type { InputRef, TraceEvent } from '../../../engine/trace/schema.ts';
import { leafNodeId, opNodeId, type GraphEdge } from './model.ts';

export type TangentEvent = Extract<TraceEvent, { kind: 'tangent' }>;
type NodeEvent = Extract<TraceEvent, { kind: 'leaf' | 'op' }>;

/** The node id of a forward-only op node: its output tensor's id, negated. */
export const forwardOnlyNodeId = (tensorId: number): number => -tensorId;

/** The graph node a tangent event is drawn on. */
export function tangentGraphNodeId(event: TangentEvent): string {
  if (event.nodeId !== undefined) return opNodeId(event.nodeId);
  return event.op === 'make_dual' ? leafNodeId(event.tensorId) : opNodeId(forwardOnlyNodeId(event.tensorId));
}

/** Where the graph already has a tensor: a leaf, or an op node's output. */
export type TensorLookup = (tensorId: number) => InputRef | undefined;

/**
 * The leaf or op event that makes the node a tangent event is drawn on, when no recorded event
 * made it (undefined when the node is the op's own, or already exists). Its inputs are the graph
 * nodes of the op's inputs that the graph has.
 */
export function forwardNodeEvent(event: TangentEvent, lookup: TensorLookup): NodeEvent | undefined {
  if (event.nodeId !== undefined || lookup(event.tensorId) !== undefined) return undefined;
  const loc = event.loc ? { loc: event.loc } : {};
  if (event.op === 'make_dual') return { kind: 'leaf', seq: event.seq, tensor: event.primal, ...loc };
  const inputs: InputRef[] = event.inputs.map((tensorId) => (tensorId === null ? undefined : lookup(tensorId)) ?? { kind: 'none' });
  return {
    kind: 'op',
    seq: event.seq,
    nodeId: forwardOnlyNodeId(event.tensorId),
    op: event.op,
    // Forward mode alone records no grad_fn: the node is labelled with the op.
    gradFn: event.op,
    inputs,
    output: event.primal,
    ...loc,
  };
}

/**
 * The tensor a make_dual made a dual of, when forward mode made its leaf (no recorded node): an
 * unnamed dual (torch.func.jvp's, inside the function) is called by its primal's name, since it is
 * that tensor carrying a tangent.
 */
export function dualSourceOf(event: TangentEvent): number | undefined {
  return event.op === 'make_dual' && event.nodeId === undefined ? (event.inputs[0] ?? undefined) : undefined;
}

/** A tensor's name, or for an unnamed dual its primal's. */
export function nameWithDual(nameOf: (tensorId: number) => string | undefined, dualSources: ReadonlyMap<number, number>, tensorId: number): string | undefined {
  const own = nameOf(tensorId);
  if (own !== undefined) return own;
  const source = dualSources.get(tensorId);
  return source === undefined ? undefined : nameOf(source);
}

/**
 * Inputs that carried a tangent into an op's own node without being one of its autograd inputs
 * (a make_dual of a tensor that does not require grad, multiplied by a weight that does): the
 * edges the graph lacks for the tangent to travel along, as [source node id, input index].
 */
export function tangentOnlyInputs(
  event: TangentEvent,
  target: string,
  nodeIdOfTensor: (tensorId: number) => string | undefined,
  incoming: readonly GraphEdge[],
): [string, number][] {
  if (event.nodeId === undefined) return [];
  const missing: [string, number][] = [];
  event.inputs.forEach((tensorId, inputIndex) => {
    const source = tensorId === null ? undefined : nodeIdOfTensor(tensorId);
    if (source === undefined || source === target || incoming.some((edge) => edge.inputIndex === inputIndex)) return;
    missing.push([source, inputIndex]);
  });
  return missing;
}

/** Whether an op node was made by forward mode alone (forwardNodeEvent). */
export const isForwardOnlyNode = (nodeId: number): boolean => nodeId < 0;
