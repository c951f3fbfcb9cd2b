/**
 * The one message protocol between the app and the Python worker. Requests carry ids; every
 * response that answers a request echoes its id. Types are shared by both sides.
 */
import type { TraceEvent } from '../trace/schema.ts';
import type { PythonStart } from '../python/snapshot-loader.ts';
import type { SeqRange } from '../trace/session-trace.ts';

/** `off`: Python was never asked to start (a shared snapshot shows without it; the first Run starts it). */
export type KernelState = 'off' | 'loading' | 'idle' | 'busy' | 'dead';

export type WorkerRequest =
  /** Boot Pyodide and the torch package. `interruptBuffer` is a SharedArrayBuffer(Int32) when the page is cross-origin isolated. */
  | { readonly type: 'init'; readonly id: number; readonly interruptBuffer?: SharedArrayBuffer }
  /** Run one cell's code in the shared namespace. `cellId` names the cell in tracebacks and in the trace. */
  | { readonly type: 'run'; readonly id: number; readonly cellId: string; readonly cellLabel: string; readonly code: string }
  /** The app's anomaly toggle: torch.autograd.set_detect_anomaly for the session (answered by `anomaly`). */
  | { readonly type: 'set-anomaly'; readonly id: number; readonly enabled: boolean }
  /** Gradcheck a custom Function node of an earlier run, e.g. one too big for the automatic check (answered by `gradcheck`). */
  | { readonly type: 'gradcheck'; readonly id: number; readonly nodeId: number }
  /**
   * Forget every variable, torch's global switches and the session's recording, keeping Python
   * loaded: what a fresh Python would have, without booting one (answered by `reset`).
   */
  | { readonly type: 'reset'; readonly id: number };

/** The `gradcheck` trace event. */
export type GradcheckEvent = Extract<TraceEvent, { kind: 'gradcheck' }>;

export type WorkerResponse =
  | { readonly type: 'status'; readonly state: KernelState; readonly message?: string; readonly progress?: number }
  /** `pythonStart`: restored from the snapshot the browser keeps, or a fresh start (which makes it). */
  | { readonly type: 'ready'; readonly id: number; readonly pythonVersion: string; readonly loadMs: number; readonly pythonStart?: PythonStart }
  | { readonly type: 'stream'; readonly id: number; readonly cellId: string; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  /**
   * Part of a finished run's events, ahead of its `done`: a long run's events come in slices, so the
   * page takes each in as a short task instead of copying them all in one.
   */
  | { readonly type: 'trace'; readonly id: number; readonly events: readonly TraceEvent[] }
  /**
   * The cell finished (successfully or with an error). The events this run appended to the
   * session's trace are those of the `trace` messages before it, then `trace`; `forgotten` names
   * the earlier events the session's trace no longer keeps (the worker compacted it).
   */
  | {
      readonly type: 'done';
      readonly id: number;
      readonly cellId: string;
      readonly ok: boolean;
      readonly error?: PythonError;
      readonly trace: readonly TraceEvent[];
      readonly forgotten?: readonly SeqRange[];
    }
  | { readonly type: 'fatal'; readonly id?: number; readonly message: string }
  /** Anomaly mode as it is now for the session. */
  | { readonly type: 'anomaly'; readonly id: number; readonly enabled: boolean }
  /** The check of `nodeId` (also appended to the session's trace), or why there is none (the node is unknown or was forgotten). */
  | { readonly type: 'gradcheck'; readonly id: number; readonly nodeId: number; readonly event?: GradcheckEvent; readonly error?: string }
  /** The namespace and the recording are empty again. */
  | { readonly type: 'reset'; readonly id: number };

export interface PythonError {
  /** Exception class name, e.g. `RuntimeError`, `KeyboardInterrupt`. */
  readonly ename: string;
  readonly evalue: string;
  /** The full traceback text as Python prints it, with the cell's own line numbers. */
  readonly traceback: string;
  /** The user's line (1-based, in the cell) where the error surfaced, when known. */
  readonly line?: number;
}
