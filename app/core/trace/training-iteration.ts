/**
 * One iteration of a training loop: the graph of the pass picked on the loss chart (or stepped to
 * on the timeline), instead of the kept passes' graphs overlaid. Parameters are leaves, the same
 * nodes in every iteration; the ops are those the pass's loss was computed from. Pure functions of
 * (trace index, step), so the view stays a function of the trace and the step.
 */
import type { GraphModel } from '../graph/model.ts';
import { opNodeId } from '../graph/model.ts';
import type { PassSummaryEvent } from './index-core.ts';
import type { TraceIndex } from './trace-index.ts';

export interface TrainingIteration {
  /** The backward pass whose iteration is shown. */
  readonly pass: number;
  /** Backward passes in the run (every pass has a summary, even after its detail was dropped). */
  readonly passCount: number;
  /** Graph node id of the op that made the pass's loss. */
  readonly rootNodeId: string;
}

const locKey = (summary: PassSummaryEvent): string | undefined => (summary.loc ? `${summary.loc.cell}:${summary.loc.line}` : undefined);

/**
 * A training loop: `backward()` of a scalar loss ran more than once from the same line (a loop, not
 * two separate calls). gradcheck's own passes, from one line too, start from non-scalar outputs.
 */
export function isTrainingLoop(summaries: readonly PassSummaryEvent[]): boolean {
  const seen = new Set<string>();
  for (const summary of summaries) {
    const key = summary.loss === undefined ? undefined : locKey(summary);
    if (key === undefined) continue;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/**
 * The pass whose iteration a step belongs to: an iteration runs from the end of the previous
 * backward to the end of its own, so stepping through a forward shows the pass it feeds. Past the
 * last pass (and with no step: the end of the trace) it is the last pass still held in detail.
 */
export function iterationPassAt(
  summaries: readonly PassSummaryEvent[],
  detailedPasses: ReadonlySet<number>,
  step: number | null | undefined,
): number | undefined {
  let last: number | undefined;
  for (const summary of summaries) {
    if (!detailedPasses.has(summary.pass)) continue;
    if (step !== null && step !== undefined && summary.seq >= step) return summary.pass;
    last = summary.pass;
  }
  return last;
}

/** The iteration shown at `step`, when the trace is a training loop whose picked pass is held in detail. */
export function trainingIterationAt(index: TraceIndex, step: number | null | undefined): TrainingIteration | undefined {
  const summaries = index.passSummaries;
  if (!isTrainingLoop(summaries)) return undefined;
  const detailed = new Set(index.startSeqOfPass.keys());
  const pass = iterationPassAt(summaries, detailed, step);
  if (pass === undefined) return undefined;
  const start = index.eventAtSeq(index.startSeqOfPass.get(pass)!)?.event;
  if (start?.kind !== 'backward-start') return undefined;
  const rootOp = index.opProducing(start.rootTensorId);
  if (!rootOp) return undefined;
  return { pass, passCount: summaries.length, rootNodeId: opNodeId(rootOp.nodeId) };
}

/** The nodes the root was computed from (itself included): its ops and the leaves they read. */
export function ancestorIds(graph: Pick<GraphModel, 'edges'>, rootNodeId: string): Set<string> {
  const sourcesOf = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const sources = sourcesOf.get(edge.target);
    if (sources) sources.push(edge.source);
    else sourcesOf.set(edge.target, [edge.source]);
  }
  const found = new Set([rootNodeId]);
  const stack = [rootNodeId];
  while (stack.length > 0) {
    for (const source of sourcesOf.get(stack.pop()!) ?? []) {
      if (found.has(source)) continue;
      found.add(source);
      stack.push(source);
    }
  }
  return found;
}

/** `graph` with only the nodes in `nodeIds` and the edges between them. */
export function graphOfNodes(graph: GraphModel, nodeIds: ReadonlySet<string>): GraphModel {
  const edges = graph.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target));
  const edgeIds = new Set(edges.map((edge) => edge.id));
  const { activeNodeId, pulseEdgeIds, ...rest } = graph;
  const pulses = pulseEdgeIds?.filter((id) => edgeIds.has(id));
  return {
    ...rest,
    nodes: graph.nodes.filter((node) => nodeIds.has(node.id)),
    edges,
    ...(activeNodeId !== undefined && nodeIds.has(activeNodeId) && { activeNodeId }),
    ...(pulses !== undefined && pulses.length > 0 && { pulseEdgeIds: pulses }),
  };
}
