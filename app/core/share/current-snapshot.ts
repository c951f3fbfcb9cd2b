/** The snapshot of what is on screen: the notebook's cells, its trace, the step and the selection. */
import { buildSnapshot, type Snapshot, type SnapshotCell } from '../../../engine/trace/snapshot.ts';
import { notebook } from '../notebook/notebook-store.ts';
import { replay } from '../replay/replay-store.ts';
import { toSnapshotOutputs } from './snapshot-outputs.ts';

const OP_NODE = /^n(\d+)$/;

export function currentSnapshot(): Snapshot {
  const { cells, traceEvents } = notebook.store.getState();
  const { step, selectedNodeIds } = replay.store.getState();
  const selected = selectedNodeIds.map((id) => OP_NODE.exec(id)?.[1]).find((id) => id !== undefined);
  const snapshotCells: SnapshotCell[] = cells.map((cell) => {
    if (cell.kind === 'markdown') return { id: cell.id, source: cell.code, kind: 'markdown' };
    const outputs = toSnapshotOutputs(cell.outputs);
    return outputs.length > 0 ? { id: cell.id, source: cell.code, outputs } : { id: cell.id, source: cell.code };
  });
  return buildSnapshot(snapshotCells, traceEvents, {
    ...(step !== null ? { step } : {}),
    ...(selected !== undefined ? { selectedNodeId: Number(selected) } : {}),
  });
}
