/** Between code and graph: which nodes a line made, and which line made a node. */
import type { SourceLocation, TraceEvent } from '../../engine/trace/schema.ts';
import { leafNodeId, opNodeId } from '../graph/model.ts';
import { frameKey, groupNodeId, isGroupNodeId } from '../graph/module-groups.ts';

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

/** The line that made a graph node (or began a module group), when the trace knows it. */
export function lineOfNode(events: readonly TraceEvent[], nodeId: string): SourceLocation | undefined {
  // A module group: the line of its first op, the start of the module's forward as it ran.
  if (isGroupNodeId(nodeId)) {
    for (const event of events) {
      if (event.kind === 'op' && event.moduleScope?.some((frame) => groupNodeId(frameKey(frame)) === nodeId)) return event.loc;
    }
    return undefined;
  }
  for (const event of events) {
    if (event.kind === 'op' && opNodeId(event.nodeId) === nodeId) return event.loc;
    if (event.kind === 'leaf' && leafNodeId(event.tensor.id) === nodeId) return event.loc;
  }
  return undefined;
}
