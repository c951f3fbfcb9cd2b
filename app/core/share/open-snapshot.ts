/**
 * Opening a snapshot file: read, parse, validate (loadSnapshot), then hand the cells and trace to
 * the stores. Python is never involved; a file that is not a snapshot changes nothing but a banner.
 */
import { loadSnapshot, type LoadedSnapshot, type Snapshot } from '../../../engine/trace/snapshot.ts';
import { opNodeId } from '../graph/model.ts';
import { emptyCell } from '../notebook/notebook-state.ts';
import { notebook, reserveCellIds } from '../notebook/notebook-store.ts';
import { replay } from '../replay/replay-store.ts';
import { fromSnapshotOutputs } from './snapshot-outputs.ts';

/** Shown over every opened snapshot, link or file: its graph is a recording, not a run here. */
export const SHARED_SNAPSHOT_BANNER = 'Shared snapshot — nothing has run. Run to re-execute.';

/** Refused before parsing: a real snapshot of a long loop is a few MB once compacted. */
export const MAX_SNAPSHOT_BYTES = 50 * 1024 * 1024;

/** Parses a snapshot file's text; bad JSON and bad structure both come back as a message. */
export function parseSnapshotText(text: string): LoadedSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not a Gradscope snapshot: the file is not valid JSON (${(error as Error).message}).` };
  }
  return loadSnapshot(json);
}

/** Reads a picked or dropped file into a checked snapshot. */
export async function readSnapshotFile(file: Blob & { readonly name?: string }): Promise<LoadedSnapshot> {
  if (file.size > MAX_SNAPSHOT_BYTES) {
    const megabytes = Math.round(file.size / (1024 * 1024));
    return { ok: false, message: `The snapshot is ${megabytes} MB, more than the ${MAX_SNAPSHOT_BYTES / (1024 * 1024)} MB Gradscope opens.` };
  }
  return parseSnapshotText(await file.text());
}

type SnapshotListener = (snapshot: Snapshot) => void;
const listeners = new Set<SnapshotListener>();

/** Called after a snapshot is shown (main.tsx uses it to keep Python from loading for nothing). */
export function onSnapshotOpened(listener: SnapshotListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Shows a checked snapshot (cells, graph, timeline at its saved step) or the reason it was refused. */
export function showSnapshot(loaded: LoadedSnapshot): boolean {
  if (!loaded.ok) {
    notebook.actions.showBanner({ banner: { tone: 'error', text: `${loaded.message} Nothing was changed.` } });
    return false;
  }
  const { snapshot } = loaded;
  reserveCellIds(snapshot.cells.map((cell) => cell.id));
  // loadNotebook keeps markdown cells; it marks the trace as a recording (which makes the library
  // keep the snapshot as a notebook of its own) only when there is one, so empty traces take openSnapshot.
  if (snapshot.cells.length > 0 && snapshot.trace.events.length > 0) {
    const cells = snapshot.cells.map((cell) => ({ ...emptyCell(cell.id, cell.source, cell.kind ?? 'code'), outputs: fromSnapshotOutputs(cell.outputs) }));
    notebook.actions.loadNotebook({ cells, events: snapshot.trace.events });
  } else {
    notebook.actions.openSnapshot({
      cells: snapshot.cells.map((cell) => ({
        id: cell.id,
        source: cell.source,
        ...(cell.kind ? { kind: cell.kind } : {}),
        outputs: fromSnapshotOutputs(cell.outputs),
      })),
      events: snapshot.trace.events,
    });
  }
  notebook.actions.showBanner({ banner: { tone: 'info', text: SHARED_SNAPSHOT_BANNER } });
  // The replay store resets itself on a new trace; the saved view is applied after that.
  if (snapshot.view.step !== undefined) replay.actions.showStep({ step: snapshot.view.step });
  if (snapshot.view.selectedNodeId !== undefined) replay.actions.select({ nodeIds: [opNodeId(snapshot.view.selectedNodeId)] });
  for (const listener of listeners) listener(snapshot);
  return true;
}

/** The whole path from a File to the screen. */
export async function openSnapshotFile(file: Blob & { readonly name?: string }): Promise<boolean> {
  return showSnapshot(await readSnapshotFile(file));
}
