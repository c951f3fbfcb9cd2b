/** Between code and graph: which nodes a line made, and which line made a node. */
import type { SourceLocation, TraceEvent } from '../../../engine/trace/schema.ts';
import { traceIndexOf, type TraceIndex } from './trace-index.ts';

/** Graph node ids of the ops (and leaves first used) on `line` of cell `cellId`. */
export function nodesAtLine(events: readonly TraceEvent[], cellId: string, line: number): string[] {
  return [...traceIndexOf(events).nodesAtLine(cellId, line)];
}

/** The line that made a graph node (or began a module group), when the trace knows it. */
export function lineOfNode(events: readonly TraceEvent[], nodeId: string): SourceLocation | undefined {
  return lineOfNodeIn(traceIndexOf(events), nodeId);
}

/** A module group's line is that of its first op, the start of the module's forward as it ran. */
export function lineOfNodeIn(index: TraceIndex, nodeId: string): SourceLocation | undefined {
  return index.firstLocOf(nodeId);
}
