/**
 * The snapshot: `{format, version, cells, trace, view}`, what the app exports, shares in links and
 * opens without running Python. `loadSnapshot` checks limits first (iteratively: nothing deep is
 * recursed into), then the valibot schema of the trace's version, then migrates old traces to the
 * current version (migrate.ts). Every failure is a message, never an exception.
 */
import * as v from 'valibot';
import { migrateTrace } from './migrate.ts';
import { TRACE_VERSION, type Trace, type TraceEvent } from './schema.ts';
import { snapshotCellSchema, snapshotViewSchema, traceEventSchema, v1TraceEventSchema } from './snapshot-schema.ts';
import { checkJsonLimits, isPlainObject, parseWith, type JsonLimits } from './validate.ts';

export const SNAPSHOT_FORMAT = 'gradscope-snapshot';
export const SNAPSHOT_VERSION = 1;
/** Trace versions loadSnapshot accepts (older ones are migrated). */
export const LOADABLE_TRACE_VERSIONS: readonly number[] = [1, 2, TRACE_VERSION];

/** What a snapshot may hold, checked before the schema runs (docs/snapshot.md). */
export interface SnapshotLimits extends JsonLimits {
  readonly maxEvents: number;
  readonly maxCells: number;
}

export const SNAPSHOT_LIMITS: SnapshotLimits = { maxDepth: 64, maxNodes: 20_000_000, maxEvents: 500_000, maxCells: 1_000 };

/** What a cell printed when the snapshot was taken (shown as text, never as markup). */
export type SnapshotOutput =
  | { readonly kind: 'stream'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly kind: 'error'; readonly ename: string; readonly evalue: string; readonly traceback: string; readonly line?: number };

export interface SnapshotCell {
  readonly id: string;
  readonly source: string;
  /** Absent means code (every snapshot before markdown cells). */
  readonly kind?: 'code' | 'markdown';
  /** What the cell printed on its last run; absent in older snapshots and for cells that never ran. */
  readonly outputs?: readonly SnapshotOutput[];
}

export interface SnapshotView {
  /** The timeline step (event seq) on screen when the snapshot was taken. */
  readonly step?: number;
  /** The op node (its `nodeId`) that was selected. */
  readonly selectedNodeId?: number;
}

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  readonly cells: readonly SnapshotCell[];
  readonly trace: Trace;
  readonly view: SnapshotView;
}

export type LoadedSnapshot = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly message: string };

export function buildSnapshot(cells: readonly SnapshotCell[], events: readonly TraceEvent[], view: SnapshotView = {}): Snapshot {
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, cells, trace: { version: TRACE_VERSION, events }, view };
}

const cellsSchema = v.array(snapshotCellSchema);
const eventsSchema = v.array(traceEventSchema);
const v1EventsSchema = v.array(v1TraceEventSchema);

/** A parsed snapshot file or link payload, checked and brought to the current trace version. */
export function loadSnapshot(json: unknown, limits: SnapshotLimits = SNAPSHOT_LIMITS): LoadedSnapshot {
  const fail = (message: string): LoadedSnapshot => ({ ok: false, message: `Not a Gradscope snapshot: ${message}` });
  if (!isPlainObject(json)) return fail('expected a JSON object');
  if (json.format !== SNAPSHOT_FORMAT) return fail(`format is ${JSON.stringify(json.format) ?? 'missing'}, expected "${SNAPSHOT_FORMAT}"`);
  if (typeof json.version !== 'number') return fail('version is missing');
  if (json.version > SNAPSHOT_VERSION) {
    return fail(`snapshot version ${json.version} was made by a newer Gradscope; this one opens versions up to ${SNAPSHOT_VERSION}`);
  }
  if (json.version !== SNAPSHOT_VERSION) return fail(`snapshot version ${String(json.version)} is not supported (expected ${SNAPSHOT_VERSION})`);
  const tooBig = checkJsonLimits(json, limits);
  if (tooBig) return fail(tooBig);
  if (!Array.isArray(json.cells)) return fail('cells is not a list');
  if (json.cells.length > limits.maxCells) return fail(`it has ${json.cells.length} cells, more than the ${limits.maxCells} Gradscope opens`);
  const cells = parseWith(cellsSchema, json.cells, 'cells');
  if (!cells.ok) return fail(cells.message);

  const trace = json.trace;
  if (!isPlainObject(trace)) return fail('trace is not an object');
  const version = trace.version;
  if (typeof version !== 'number' || !LOADABLE_TRACE_VERSIONS.includes(version)) {
    const newer = typeof version === 'number' && version > TRACE_VERSION ? ' (made by a newer Gradscope)' : '';
    return fail(`trace.version ${String(version)} is not one of ${LOADABLE_TRACE_VERSIONS.join(', ')}${newer}`);
  }
  if (!Array.isArray(trace.events)) return fail('trace.events is not a list');
  if (trace.events.length > limits.maxEvents) return fail(`its trace has ${trace.events.length} events, more than the ${limits.maxEvents} Gradscope opens`);
  const events = version === 1 ? parseWith(v1EventsSchema, trace.events, 'trace.events') : parseWith(eventsSchema, trace.events, 'trace.events');
  if (!events.ok) return fail(events.message);

  const view = parseWith(snapshotViewSchema, json.view ?? {}, 'view');
  if (!view.ok) return fail(view.message);
  return {
    ok: true,
    snapshot: buildSnapshot(cells.value, migrateTrace(version, events.value).events, view.value),
  };
}
