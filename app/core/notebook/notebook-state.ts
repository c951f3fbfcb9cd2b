import type { PythonError } from '../../../engine/worker/protocol.ts';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import type { KernelStatus } from '../kernel/kernel-client.ts';
import type { Omission } from './output-cap.ts';

/** What a cell printed, in order. Everything is shown as text, never as HTML. */
export type OutputItem =
  /** `omitted`: lines left out of the middle of a long output (output-cap.ts). */
  | { readonly kind: 'stream'; readonly stream: 'stdout' | 'stderr'; readonly text: string; readonly omitted?: Omission }
  | { readonly kind: 'error'; readonly error: PythonError }
  /** Something the app says about the run (stopped before it started, kernel restarted, ...). */
  | { readonly kind: 'notice'; readonly text: string };

export type CellRunState = 'idle' | 'queued' | 'running';

/** A code cell runs as Python; a markdown cell is prose, rendered (sanitized) when not being edited. */
export type CellKind = 'code' | 'markdown';

export interface Cell {
  readonly id: string;
  /** Absent means code: every cell made before markdown cells existed is a code cell. */
  readonly kind?: CellKind;
  /** The cell's source: Python for a code cell, markdown text for a markdown cell. */
  readonly code: string;
  readonly outputs: readonly OutputItem[];
  /** The `[n]` beside the cell: which run of this kernel session last executed it. */
  readonly executionCount: number | null;
  readonly runState: CellRunState;
}

/** A button on a banner: re-run the cells from the first through `throughCellId` (after Python died). */
export interface BannerAction {
  readonly kind: 'rerun-through';
  readonly label: string;
  readonly throughCellId: string;
}

export interface Banner {
  readonly tone: 'error' | 'info';
  readonly text: string;
  readonly action?: BannerAction;
}

export interface NotebookState {
  readonly cells: readonly Cell[];
  readonly activeCellId: string | null;
  /** Asks the cell with this id to take keyboard focus; `nonce` changes so the same cell can be asked twice. */
  readonly focusRequest: { readonly cellId: string; readonly nonce: number } | null;
  /** Runs started in this kernel session; the next run gets `executionCounter + 1`. */
  readonly executionCounter: number;
  readonly kernel: KernelStatus;
  /** Trace events of every run in this kernel session, oldest first; a restart clears them. */
  readonly traceEvents: readonly TraceEvent[];
  /**
   * Where traceEvents came from: this session's runs, or an opened snapshot (a recording whose ids
   * mean nothing to this Python; the first run here replaces it).
   */
  readonly traceOrigin: 'session' | 'snapshot';
  readonly banner: Banner | null;
}

/** The program Gradscope grew from: the chain rule through a mul, an add and a mean. */
export const EXAMPLE_CODE = `import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y + 3
w = z.mean()
w.backward()
print(x.grad)`;

export function emptyCell(id: string, code = '', kind: CellKind = 'code'): Cell {
  const cell: Cell = { id, code, outputs: [], executionCount: null, runState: 'idle' };
  return kind === 'markdown' ? { ...cell, kind } : cell;
}

export function isMarkdownCell(cell: Cell): boolean {
  return cell.kind === 'markdown';
}

export function initialNotebookState(firstCellId: string, code = EXAMPLE_CODE): NotebookState {
  return {
    cells: [emptyCell(firstCellId, code)],
    activeCellId: firstCellId,
    focusRequest: null,
    executionCounter: 0,
    kernel: { state: 'off', message: 'Python starts when something runs', canInterrupt: false },
    traceEvents: [],
    traceOrigin: 'session',
    banner: null,
  };
}
