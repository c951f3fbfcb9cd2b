/**
 * What a notebook looks like at rest (IndexedDB, an example file): plain data, schema-versioned so a
 * record written by an older Gradscope still opens after an upgrade.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { emptyCell, type Cell, type CellKind, type OutputItem } from '../notebook/notebook-state.ts';

/** Bumped whenever the stored shape changes; migrateNotebookRecord brings older records up to date. */
export const NOTEBOOK_RECORD_VERSION = 1;

/** A stored trace keeps at most this many events (the newest): a reload draws the graph, not a whole history. */
export const STORED_TRACE_EVENT_LIMIT = 20_000;
/** Each printed block keeps at most this many characters: one runaway print must not fill the disk. */
export const STORED_OUTPUT_CHAR_LIMIT = 100_000;

export interface StoredCell {
  readonly id: string;
  readonly kind: CellKind;
  readonly source: string;
  readonly outputs: readonly OutputItem[];
  readonly executionCount: number | null;
  /**
   * The cell was running when this was written (a save during a run, or the last one as the page
   * went away). Read back, it means the run was cut short: the reload is what ended it.
   */
  readonly wasRunning?: true;
}

/** What a cell that was running when the page went away says after the reload, under its partial output. */
export const INTERRUPTED_BY_RELOAD =
  'Run interrupted by reload: the page was reloaded or closed while this cell ran. The output above is what it printed until then; its variables are gone.';

export interface NotebookRecord {
  readonly schemaVersion: number;
  readonly id: string;
  readonly title: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly cells: readonly StoredCell[];
}

/** The last run's trace lives in its own record, written only when a run changes it (not on every keystroke). */
export interface TraceRecord {
  readonly schemaVersion: number;
  readonly notebookId: string;
  readonly events: readonly TraceEvent[];
}

/** What the notebook list shows without loading every notebook's cells. */
export interface NotebookSummary {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export function summarize(record: NotebookRecord): NotebookSummary {
  return { id: record.id, title: record.title, createdAt: record.createdAt, updatedAt: record.updatedAt };
}

/** Long output is kept from a line boundary, so a reload never starts mid-line. */
function boundOutput(item: OutputItem): OutputItem {
  if (item.kind !== 'stream' || item.text.length <= STORED_OUTPUT_CHAR_LIMIT) return item;
  const cut = item.text.indexOf('\n', item.text.length - STORED_OUTPUT_CHAR_LIMIT - 1) + 1;
  const dropped = item.text.slice(0, cut);
  // Whatever was already left out of the middle now lies within the dropped part.
  const lines = dropped.split('\n').length - 1 + (item.omitted?.lines ?? 0);
  const chars = dropped.length + (item.omitted?.chars ?? 0);
  return { kind: 'stream', stream: item.stream, text: item.text.slice(cut), omitted: { at: 0, lines, chars } };
}

export function storeCells(cells: readonly Cell[]): StoredCell[] {
  return cells.map((cell) => ({
    id: cell.id,
    kind: cell.kind ?? 'code',
    source: cell.code,
    outputs: cell.outputs.map(boundOutput),
    executionCount: cell.executionCount,
    ...(cell.runState === 'running' ? { wasRunning: true as const } : {}),
  }));
}

export function restoreCells(cells: readonly StoredCell[]): Cell[] {
  return cells.map((stored) => ({
    ...emptyCell(stored.id, stored.source, stored.kind),
    outputs: stored.wasRunning ? [...stored.outputs, { kind: 'notice', text: INTERRUPTED_BY_RELOAD }] : stored.outputs,
    executionCount: stored.executionCount,
  }));
}

/** The store's trace as it is (the worker compacted it already), only its newest events if it is long. */
export function boundTrace(events: readonly TraceEvent[]): readonly TraceEvent[] {
  return events.length > STORED_TRACE_EVENT_LIMIT ? events.slice(events.length - STORED_TRACE_EVENT_LIMIT) : events;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function isOmission(value: unknown, text: string): boolean {
  if (value === undefined) return true;
  if (!isObject(value)) return false;
  const { at, lines, chars } = value;
  return Number.isInteger(at) && Number.isInteger(lines) && Number.isInteger(chars) && (at as number) >= 0 && (at as number) <= text.length;
}

function readOutputs(value: unknown): OutputItem[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is OutputItem => {
    if (!isObject(item)) return false;
    if (item.kind === 'stream') {
      return (item.stream === 'stdout' || item.stream === 'stderr') && typeof item.text === 'string' && isOmission(item.omitted, item.text);
    }
    if (item.kind === 'notice') return typeof item.text === 'string';
    return item.kind === 'error' && isObject(item.error) && typeof item.error.ename === 'string' && typeof item.error.traceback === 'string';
  });
}

function readCell(value: unknown, index: number): StoredCell | null {
  if (!isObject(value)) return null;
  const source = typeof value.source === 'string' ? value.source : typeof value.code === 'string' ? value.code : null;
  if (source === null) return null;
  return {
    id: typeof value.id === 'string' && value.id !== '' ? value.id : `cell-${index + 1}`,
    kind: value.kind === 'markdown' ? 'markdown' : 'code',
    source,
    outputs: readOutputs(value.outputs),
    executionCount: typeof value.executionCount === 'number' ? value.executionCount : null,
    ...(value.wasRunning === true ? { wasRunning: true as const } : {}),
  };
}

/**
 * Reads a stored record of any version this Gradscope knows, or says why it cannot. Records from a
 * newer Gradscope are refused rather than half-read and then overwritten with less.
 */
export function migrateNotebookRecord(value: unknown): { ok: true; record: NotebookRecord } | { ok: false; message: string } {
  if (!isObject(value) || typeof value.id !== 'string') return { ok: false, message: 'The stored notebook is damaged.' };
  const version = value.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, message: 'The stored notebook has no schema version.' };
  if (version > NOTEBOOK_RECORD_VERSION) {
    return { ok: false, message: `This notebook was saved by a newer Gradscope (format ${version}); reload the page to update.` };
  }
  // Without its list of cells there is nothing to open, and opening it empty would let the next save overwrite it.
  if (!Array.isArray(value.cells)) return { ok: false, message: 'The stored notebook is damaged: its cells cannot be read.' };
  const cells = value.cells.map(readCell).filter((cell): cell is StoredCell => cell !== null);
  const now = Date.now();
  return {
    ok: true,
    record: {
      schemaVersion: NOTEBOOK_RECORD_VERSION,
      id: value.id,
      title: typeof value.title === 'string' && value.title.trim() !== '' ? value.title : 'Untitled',
      createdAt: typeof value.createdAt === 'number' ? value.createdAt : now,
      updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : now,
      cells,
    },
  };
}
