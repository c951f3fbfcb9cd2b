/**
 * Records the trace of cell runs: one recording for the whole Python session (so event seqs, leaf
 * first-sightings and backward pass numbers continue across cells, as the namespace does), with a
 * location provider that asks Python for the user's current line, and the tensors bound to
 * variables named at the end of each run. After a run, the custom Function nodes it made with small
 * inputs are gradchecked (their `gradcheck` events end the run's events).
 */
import { createTraceRecorder, recordName, setLocationProvider, setRecorder, type Tensor } from '../index.ts';
import { resetModuleScope, setCellResolver } from '../trace/recorder-hooks.ts';
import type { PythonSession, RunOutcome } from '../python/session.ts';
import type { TraceEvent } from '../trace/schema.ts';

export interface SessionRecording {
  /** Runs one cell with recording on; returns what `run` returned and the events it appended. */
  record<T extends RunOutcome>(cellId: string, fileName: string, run: () => T): { readonly result: T; readonly events: TraceEvent[] };
  /** Gradchecks a custom Function node of an earlier run (one too big for the automatic check); undefined when unknown. */
  gradcheck(nodeId: number): TraceEvent | undefined;
}

/**
 * Installs (or removes) nn.Module's stack listener (gradscope_module_listener.py) while a cell
 * records. `__import__` leaves no name behind in the user's namespace.
 */
const INSTALL_MODULE_LISTENER = "__import__('gradscope_module_listener').install()";
const REMOVE_MODULE_LISTENER = "__import__('gradscope_module_listener').remove()";

export interface SessionRecordingOptions {
  /** Record custom Functions' own frames and gradcheck their nodes (default true; false only to measure what it costs). */
  readonly customFunctions?: boolean;
  /** Events recorded in detail per run (default MAX_EVENTS_PER_RUN); tests lower it to stay fast. */
  readonly maxEvents?: number;
}

export function createSessionRecording(session: PythonSession, options: SessionRecordingOptions = {}): SessionRecording {
  const customFunctions = options.customFunctions ?? true;
  const trace = createTraceRecorder(options.maxEvents === undefined ? {} : { maxEvents: options.maxEvents });
  const cellOfFile = new Map<string, string>();
  return {
    record<T extends RunOutcome>(cellId: string, fileName: string, run: () => T) {
      cellOfFile.set(fileName, cellId);
      setRecorder(trace.recorder);
      if (customFunctions) setCellResolver((file) => cellOfFile.get(file));
      session.runOwn(INSTALL_MODULE_LISTENER, '<gradscope>');
      setLocationProvider(() => {
        const where = session.currentLocation();
        const cell = where && cellOfFile.get(where.file);
        return where && cell ? { cell, line: where.line } : undefined;
      });
      let result: T | undefined;
      try {
        result = run();
      } finally {
        for (const { name, tensor } of session.namedTensors()) recordName(tensor as Tensor, name);
        // A stopped run's Functions are not called again: a backward stuck in a loop would loop again.
        if (customFunctions) session.checkCustomNodes(result === undefined || result.error?.ename === 'KeyboardInterrupt');
        setRecorder(null);
        setCellResolver(() => undefined);
        session.runOwn(REMOVE_MODULE_LISTENER, '<gradscope>');
        resetModuleScope();
        setLocationProvider(() => undefined);
      }
      return { result: result!, events: trace.drain() };
    },
    gradcheck(nodeId) {
      setRecorder(trace.recorder);
      try {
        if (!session.checkCustomNode(nodeId)) return undefined;
      } finally {
        setRecorder(null);
      }
      return trace.drain().find((e) => e.kind === 'gradcheck' && e.nodeId === nodeId);
    },
  };
}
