/** Debugging a custom Function's backward: breakpoints (F9 at the editor's cursor) and anomaly mode. */
import { notebook } from '../notebook/notebook-store.ts';
import { replay } from '../replay/replay-store.ts';
import { breakpointKey, recordedLines } from '../trace/frames.ts';
import { setDetectAnomaly, stepperRequests } from '../notebook/kernel-requests.ts';
import { focusedEditor } from './focused-editor.ts';
import type { Command } from './registry.ts';

/** Toggles a breakpoint on a line that ran inside a recorded custom frame; other lines have none to toggle. */
export function toggleBreakpointAt(cellId: string, line: number): void {
  if (!recordedLines(notebook.store.getState().traceEvents, cellId).has(line)) return;
  replay.actions.toggleBreakpoint({ key: breakpointKey({ cell: cellId, line }) });
}

const breakpointTarget = (): { cellId: string; line: number } | undefined => {
  const editor = focusedEditor();
  const line = editor?.cursorLine();
  if (!editor || line === undefined) return undefined;
  return recordedLines(notebook.store.getState().traceEvents, editor.cellId).has(line) ? { cellId: editor.cellId, line } : undefined;
};

export const stepperCommands: readonly Command[] = [
  {
    id: 'toggleBreakpoint',
    label: 'Toggle breakpoint',
    scope: 'editor',
    keys: ['F9'],
    description: 'Play stops at this line of a custom Function’s backward',
    isEnabled: () => breakpointTarget() !== undefined,
    run: () => {
      const target = breakpointTarget();
      if (target) toggleBreakpointAt(target.cellId, target.line);
    },
  },
  {
    id: 'toggleDetectAnomaly',
    label: 'Detect anomaly',
    scope: 'global',
    description: 'torch.autograd.set_detect_anomaly for every run: a backward that makes NaN or inf stops at the node and lights the line that created it',
    run: () => void setDetectAnomaly(!stepperRequests.store.getState().detectAnomaly),
  },
];
