/** Test helper: record what `run` does through the engine, with a recorder installed. */
import { setLocationProvider, setRecorder } from '../recorder-hooks.ts';
import { createTraceRecorder, type TraceRecorderOptions } from '../recorder.ts';
import type { TraceEvent } from '../schema.ts';

export function record(run: () => void, options: TraceRecorderOptions = {}): TraceEvent[] {
  const trace = createTraceRecorder(options);
  setRecorder(trace.recorder);
  try {
    run();
  } finally {
    setRecorder(null);
    setLocationProvider(() => undefined);
  }
  return trace.drain();
}

export function only<K extends TraceEvent['kind']>(events: readonly TraceEvent[], kind: K): Extract<TraceEvent, { kind: K }>[] {
  return events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
}
