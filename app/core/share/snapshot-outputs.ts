/** A cell's printed output in a snapshot and back: streams and errors travel; the app's own notices do not. */
import type { SnapshotOutput } from '../../../engine/trace/snapshot.ts';
import type { OutputItem } from '../notebook/notebook-state.ts';
import { textWithNote } from '../notebook/output-cap.ts';

export function toSnapshotOutputs(outputs: readonly OutputItem[]): SnapshotOutput[] {
  const out: SnapshotOutput[] = [];
  for (const item of outputs) {
    if (item.kind === 'stream') out.push({ kind: 'stream', stream: item.stream, text: textWithNote(item) });
    else if (item.kind === 'error') {
      const { ename, evalue, traceback, line } = item.error;
      out.push({ kind: 'error', ename, evalue, traceback, ...(line !== undefined ? { line } : {}) });
    }
  }
  return out;
}

export function fromSnapshotOutputs(outputs: readonly SnapshotOutput[] | undefined): OutputItem[] {
  return (outputs ?? []).map((item) => {
    if (item.kind === 'stream') return { kind: 'stream', stream: item.stream, text: item.text };
    const { ename, evalue, traceback, line } = item;
    return { kind: 'error', error: { ename, evalue, traceback, ...(line !== undefined ? { line } : {}) } };
  });
}
