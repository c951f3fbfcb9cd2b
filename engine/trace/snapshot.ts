/**
 * The snapshot: `{format, version, cells, trace, view}`, what the app exports and opens without
 * running Python. Issue #6 adds validation, limits and migrations on load.
 */
import { TRACE_VERSION, type TraceEvent } from './schema.ts';

export const SNAPSHOT_FORMAT = 'gradscope-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotCell {
  readonly id: string;
  readonly source: string;
}

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly cells: readonly SnapshotCell[];
  readonly trace: { readonly version: typeof TRACE_VERSION; readonly events: readonly TraceEvent[] };
  readonly view: { readonly step?: number; readonly selectedNodeId?: number };
}

export function buildSnapshot(cells: readonly SnapshotCell[], events: readonly TraceEvent[]): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cells,
    trace: { version: TRACE_VERSION, events },
    view: {},
  };
}
