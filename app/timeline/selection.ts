/** Between code and graph: which nodes a line made, and which line made a node. */
import type { SourceLocation, TraceEvent } from '../../engine/trace/schema.ts';
import { leafNodeId, opNodeId } from '../graph/model.ts';

/** Graph node ids of the ops (and leaves first used) on `line` of cell `cellId`. */
export function nodesAtLine(events: readonly TraceEvent[], cellId: string, line: number): string[] {
  const ids: string[] = [];
  for (const event of events) {
    if ((event.kind === 'op' || event.kind === 'leaf') && event.loc?.cell === cellId && event.loc.line === line) {
      ids.push(event.kind === 'op' ? opNodeId(event.nodeId) : leafNodeId(event.tensor.id));
    }
  }
  return ids;
}

/** The line that made a graph node, when the trace knows it. */
export function lineOfNode(events: readonly TraceEvent[], nodeId: string): SourceLocation | undefined {
  for (const event of events) {
    if (event.kind === 'op' && opNodeId(event.nodeId) === nodeId) return event.loc;
    if (event.kind === 'leaf' && leafNodeId(event.tensor.id) === nodeId) return event.loc;
  }
  return undefined;
}
