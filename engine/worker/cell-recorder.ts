/**
 * Records the trace of one cell run: installs the engine's recorder and a location provider that
 * asks Python for the user's current line, and at the end names the tensors bound to variables.
 */
import { createTraceRecorder, recordName, setLocationProvider, setRecorder, type Tensor } from '../index.ts';
import type { PythonSession } from '../python/session.ts';
import type { TraceEvent } from '../trace/schema.ts';

export interface CellRecording {
  during<T>(run: () => T): T;
  finish(): TraceEvent[];
}

export function createCellRecorder(session: PythonSession, cellId: string, fileName: string): CellRecording {
  const trace = createTraceRecorder();
  return {
    during(run) {
      setRecorder(trace.recorder);
      setLocationProvider(() => {
        const where = session.currentLocation();
        return where && where.file === fileName ? { cell: cellId, line: where.line } : undefined;
      });
      try {
        return run();
      } finally {
        for (const { name, tensor } of session.namedTensors()) recordName(tensor as Tensor, name);
        setRecorder(null);
        setLocationProvider(() => undefined);
      }
    },
    finish() {
      return trace.drain();
    },
  };
}
