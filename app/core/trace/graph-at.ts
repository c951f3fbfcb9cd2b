/**
 * The graph at a step, read from the replay index: the nodes and edges created before the step's
 * position (a prefix, since the structure is append-only) with each node's state looked up at that
 * position. Equal to buildGraph(events, step), which stays as the reference (test/graph-at.test.ts).
 */
import { toLeafNode, toOpNode, type BuildGraphOptions } from '../graph/build-graph.ts';
import type { GraphModel, GraphNode, OpMarks } from '../graph/model.ts';
import { nameWithDual } from '../graph/forward-nodes.ts';
import { countBefore, lastIndexBefore, valueBefore, type History } from './history.ts';
import { finish, sliceCounter, type Sliced } from '../graph/sliced.ts';
import type { IndexCore, LeafRecord, OpRecord } from './index-core.ts';

/** What a node's picture depends on; the same inputs give back the same node object. */
interface NodeMemo {
  readonly inputs: readonly unknown[];
  readonly node: GraphNode;
}

const memos = new WeakMap<LeafRecord | OpRecord, NodeMemo>();

const sameInputs = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((value, i) => value === b[i]);

function memoised(record: LeafRecord | OpRecord, inputs: readonly unknown[], make: () => GraphNode): GraphNode {
  const memo = memos.get(record);
  if (memo && sameInputs(memo.inputs, inputs)) return memo.node;
  const node = make();
  memos.set(record, { inputs, node });
  return node;
}

function nameAt(core: IndexCore, tensorId: number, end: number, isFinal: boolean): string | undefined {
  return nameWithDual((id) => ownNameAt(core, id, end, isFinal), core.dualSources, tensorId);
}

function ownNameAt(core: IndexCore, tensorId: number, end: number, isFinal: boolean): string | undefined {
  if (isFinal) return core.finalNames.get(tensorId);
  const history: History<string> | undefined = core.namesOverTime.get(tensorId);
  return history ? valueBefore(history, end) : undefined;
}

function leafAt(core: IndexCore, leaf: LeafRecord, end: number, isFinal: boolean): GraphNode {
  const summary = valueBefore(leaf.summaries, end);
  const parameter = valueBefore(leaf.parameters, end);
  const grad = valueBefore(leaf.grads, end);
  const tangent = valueBefore(leaf.tangents, end);
  const handCheck = valueBefore(leaf.handChecks, end);
  const name = nameAt(core, leaf.tensorId, end, isFinal);
  return memoised(leaf, [summary, parameter, grad, name, tangent, handCheck], () =>
    toLeafNode(
      {
        tensorId: leaf.tensorId,
        seq: leaf.seq,
        ...(summary && { summary }),
        ...(parameter !== undefined && { parameter }),
        ...(grad && { grad }),
        ...(tangent && { tangent }),
        ...(handCheck && { handCheck }),
      },
      name,
    ),
  );
}

function opAt(core: IndexCore, op: OpRecord, end: number, isFinal: boolean, marks: OpMarks | undefined): GraphNode {
  // A backward pass computes every op's gradient afresh: a gradient from before the latest backward-start is gone.
  const gradIndex = lastIndexBefore(op.grads.at, end);
  const lastStart = lastIndexBefore(core.backwardStartAt, end);
  const gradAt = gradIndex < 0 ? -1 : op.grads.at[gradIndex]!;
  const grad = gradIndex >= 0 && (lastStart < 0 || core.backwardStartAt[lastStart]! < gradAt) ? op.grads.values[gradIndex] : undefined;
  const hasRunBackward = op.firstBackwardAt < end;
  const isFreed = op.freedAt < end;
  const name = nameAt(core, op.event.output.id, end, isFinal);
  const tangent = valueBefore(op.tangents, end);
  const handCheck = valueBefore(op.handChecks, end);
  return memoised(op, [grad, hasRunBackward, isFreed, name, marks, tangent, handCheck], () => {
    const node = toOpNode(
      { event: op.event, hasRunBackward, isFreed, ...(grad && { grad }), ...(tangent && { tangent }), ...(handCheck && { handCheck }) },
      name,
    );
    return marks ? { ...node, marks } : node;
  });
}

/**
 * One node of graphFromIndex(core, end, marks, options) by its graph id (`t3`, `n7`), without
 * making the others: what the inspector shows of a 50,000-node graph. Undefined when the graph has
 * no such node at `end`.
 */
export function nodeFromIndex(
  core: IndexCore,
  end: number,
  marks: ReadonlyMap<number, OpMarks>,
  nodeId: string,
  options: BuildGraphOptions = {},
): GraphNode | undefined {
  const number = Number(nodeId.slice(1));
  const record = nodeId.startsWith('t') ? core.leaves.get(number) : nodeId.startsWith('n') ? core.ops.get(number) : undefined;
  if (!record || record.id !== nodeId || record.createdAt >= end) return undefined;
  const isFinal = options.names === 'final';
  return record.kind === 'leaf' ? leafAt(core, record, end, isFinal) : opAt(core, record, end, isFinal, marks.get(record.event.nodeId));
}

/**
 * The graph with the first `end` events applied. `marks` are the op marks at that position
 * (TraceIndex.marksAt, memoised so unchanged marks keep their identity).
 */
export function graphFromIndex(core: IndexCore, end: number, marks: ReadonlyMap<number, OpMarks>, options: BuildGraphOptions = {}): GraphModel {
  return finish(graphFromIndexSliced(core, end, marks, options));
}

/** graphFromIndex as sliced work (sliced.ts): a 50,000-node graph is made over many short tasks. */
export function* graphFromIndexSliced(core: IndexCore, end: number, marks: ReadonlyMap<number, OpMarks>, options: BuildGraphOptions = {}): Sliced<GraphModel> {
  const isFinal = options.names === 'final';
  const nodeCount = countBefore(core.nodeCreatedAt, end);
  const nodes: GraphNode[] = new Array(nodeCount);
  const due = sliceCounter();
  for (let i = 0; i < nodeCount; i++) {
    if (due()) yield;
    const record = core.nodes[i]!;
    nodes[i] = record.kind === 'leaf' ? leafAt(core, record, end, isFinal) : opAt(core, record, end, isFinal, marks.get(record.event.nodeId));
  }
  const edges = core.edges.slice(0, countBefore(core.edgeCreatedAt, end));
  const activeNodeId = end > 0 ? core.activeNodeIds[end - 1] : undefined;
  const pulseEdgeIds = end > 0 ? core.pulseEdgeIds.get(end - 1) : undefined;
  const tangentEdgeIds = end > 0 ? core.tangentEdgeIds.get(end - 1) : undefined;
  const gradNorms = valueBefore(core.gradNorms, end);
  return {
    nodes,
    edges,
    step: end > 0 ? core.seqs[end - 1]! : -1,
    ...(activeNodeId !== undefined && { activeNodeId }),
    ...(pulseEdgeIds !== undefined && { pulseEdgeIds }),
    ...(tangentEdgeIds !== undefined && { tangentEdgeIds }),
    ...(gradNorms !== undefined && { gradNorms }),
  };
}
