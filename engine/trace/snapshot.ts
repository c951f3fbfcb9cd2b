/**
 * The snapshot: `{format, version, cells, trace, view}`, what the app exports and opens without
 * running Python. `loadSnapshot` validates the structure and migrates old traces to the current
 * version. (Issue #6 adds size limits and a schema library.)
 */
import { migrateTrace } from './migrate.ts';
import { TRACE_VERSION, type Trace, type TraceEvent } from './schema.ts';
import { isPlainObject, validateTrace } from './validate.ts';

export const SNAPSHOT_FORMAT = 'gradscope-snapshot';
export const SNAPSHOT_VERSION = 1;
/** Trace versions loadSnapshot accepts (older ones are migrated). */
export const LOADABLE_TRACE_VERSIONS: readonly number[] = [1, 2, TRACE_VERSION];

export interface SnapshotCell {
  readonly id: string;
  readonly source: string;
}

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly cells: readonly SnapshotCell[];
  readonly trace: Trace;
  readonly view: { readonly step?: number; readonly selectedNodeId?: number };
}

export type LoadedSnapshot = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly message: string };

export function buildSnapshot(cells: readonly SnapshotCell[], events: readonly TraceEvent[]): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    cells,
    trace: { version: TRACE_VERSION, events },
    view: {},
  };
}

/** A parsed snapshot file or link payload, checked and brought to the current trace version. */
export function loadSnapshot(json: unknown): LoadedSnapshot {
  const fail = (message: string): LoadedSnapshot => ({ ok: false, message: `Not a Gradscope snapshot: ${message}` });
  if (!isPlainObject(json)) return fail('expected a JSON object');
  if (json.format !== SNAPSHOT_FORMAT) return fail(`format is ${JSON.stringify(json.format)}, expected "${SNAPSHOT_FORMAT}"`);
  if (json.version !== SNAPSHOT_VERSION) return fail(`snapshot version ${String(json.version)} is not supported (expected ${SNAPSHOT_VERSION})`);
  if (!Array.isArray(json.cells)) return fail('cells is not a list');
  for (let i = 0; i < json.cells.length; i++) {
    const c: unknown = json.cells[i];
    if (!isPlainObject(c) || typeof c.id !== 'string' || typeof c.source !== 'string') return fail(`cells[${i}] needs a string id and source`);
  }
  const problem = validateTrace(json.trace, 'trace', LOADABLE_TRACE_VERSIONS);
  if (problem) return fail(problem);
  const view = json.view ?? {};
  if (!isPlainObject(view)) return fail('view is not an object');
  if (view.step !== undefined && typeof view.step !== 'number') return fail('view.step is not a number');
  if (view.selectedNodeId !== undefined && !Number.isInteger(view.selectedNodeId)) return fail('view.selectedNodeId is not an integer');
  const raw = json.trace as { version: number; events: unknown[] };
  const trace = migrateTrace(raw.version, raw.events);
  return {
    ok: true,
    snapshot: {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      cells: (json.cells as SnapshotCell[]).map(({ id, source }) => ({ id, source })),
      trace,
      view: {
        ...(typeof view.step === 'number' ? { step: view.step } : {}),
        ...(typeof view.selectedNodeId === 'number' ? { selectedNodeId: view.selectedNodeId } : {}),
      },
    },
  };
}
