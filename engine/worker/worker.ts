/// <reference lib="webworker" />
/**
 * The Python worker: Pyodide, Gradscope's torch package and the engine, in a module web worker.
 * Speaks only the protocol of protocol.ts. Python runs synchronously here, so Stop reaches it
 * through the shared interrupt buffer, not through a message.
 */
import type { PyodideAPI } from 'pyodide';
import type { WorkerRequest, WorkerResponse } from './protocol.ts';
import { createPythonSession, type PythonSession } from '../python/session.ts';
import { bundledPythonSources } from '../python/sources-bundled.ts';
import { createEngineModule } from '../python/bridge.ts';
import type { PythonStart } from '../python/snapshot-loader.ts';
import { cacheSnapshotStore } from '../python/snapshot-cache-browser.ts';
import { createSessionRecording, type SessionRecording } from './cell-recorder.ts';
import { createSessionTrace, type SessionTrace } from '../trace/session-trace.ts';
import { traceSlices } from './trace-slices.ts';
import { createStreamBuffer } from './stream-buffer.ts';
import { isAnomalyEnabled, setAnomalyEnabled } from '../autograd/anomaly.ts';
import { enableWasmKernels } from '../kernels/wasm/loader.ts';

declare const self: DedicatedWorkerGlobalScope;

let session: PythonSession | undefined;
let recording: SessionRecording | undefined;
/** The trace the app holds for this session, compacted here and nowhere else. */
let sessionTrace: SessionTrace | undefined;
let current: { id: number; cellId: string } | undefined;

function post(message: WorkerResponse): void {
  self.postMessage(message);
}

const streams = {
  stdout: createStreamBuffer((text) => current && post({ type: 'stream', id: current.id, cellId: current.cellId, stream: 'stdout', text })),
  stderr: createStreamBuffer((text) => current && post({ type: 'stream', id: current.id, cellId: current.cellId, stream: 'stderr', text })),
};

async function init(id: number, interruptBuffer?: SharedArrayBuffer): Promise<void> {
  const started = performance.now();
  post({ type: 'status', state: 'loading', message: 'Loading Python…', progress: 0.1 });
  const base = new URL(`${import.meta.env.BASE_URL}pyodide/`, self.location.origin).href;
  const { loadPyodide, version } = (await import(/* @vite-ignore */ `${base}pyodide.mjs`)) as {
    loadPyodide: (options: Record<string, unknown>) => Promise<PyodideAPI>;
    version: string;
  };
  // The WebAssembly SIMD kernels compile while Pyodide starts; without them the JavaScript kernels
  // compute the same bits, only slower.
  const wasmKernels = enableWasmKernels().catch((error: unknown) => {
    console.warn('Gradscope: WebAssembly kernels unavailable, using the JavaScript kernels.', error);
    return false;
  });
  post({ type: 'status', state: 'loading', message: 'Starting Python…', progress: 0.4 });
  let pythonStart: PythonStart = 'fresh';
  session = await createPythonSession({
    loadPyodide,
    // From the snapshot this browser keeps (made by the first start, torch imported) when there is a good one.
    snapshots: {
      store: cacheSnapshotStore(),
      pyodideVersion: version,
      onStart: (start) => (pythonStart = start),
    },
    indexURL: base,
    sources: bundledPythonSources,
    stdout: streams.stdout.write,
    stderr: streams.stderr.write,
    engineModule: createEngineModule(),
  });
  await wasmKernels;
  post({ type: 'status', state: 'loading', message: 'Loading torch…', progress: 0.8 });
  session.run('import torch', '<gradscope>');
  recording = createSessionRecording(session);
  sessionTrace = createSessionTrace();
  if (interruptBuffer) session.setInterruptBuffer(new Int32Array(interruptBuffer));
  post({ type: 'ready', id, pythonVersion: session.pythonVersion, loadMs: Math.round(performance.now() - started), pythonStart });
  post({ type: 'status', state: 'idle' });
}

function run(id: number, cellId: string, cellLabel: string, code: string): void {
  if (!session || !recording || !sessionTrace) {
    post({ type: 'fatal', id, message: 'Python is not loaded yet' });
    return;
  }
  // The buffer is not cleared here: the page clears it before posting the run, and a Stop pressed
  // since then (the page already says Running) must reach this run, not be wiped out by it.
  current = { id, cellId };
  post({ type: 'status', state: 'busy' });
  const python = session;
  let recorded;
  try {
    recorded = recording.record(cellId, cellLabel, () => python.run(code, cellLabel));
  } finally {
    streams.stdout.flush();
    streams.stderr.flush();
  }
  const { result: outcome, events } = recorded;
  const { appended, forgotten } = sessionTrace.append(events);
  const slices = traceSlices(appended);
  const trace = slices.pop()!;
  for (const slice of slices) post({ type: 'trace', id, events: slice });
  post({ type: 'done', id, cellId, ok: outcome.ok, ...(outcome.error ? { error: outcome.error } : {}), trace, ...(forgotten.length > 0 ? { forgotten } : {}) });
  current = undefined;
  post({ type: 'status', state: 'idle' });
}

function gradcheck(id: number, nodeId: number): void {
  if (!recording) {
    post({ type: 'gradcheck', id, nodeId, error: 'Python is not loaded yet' });
    return;
  }
  post({ type: 'status', state: 'busy' });
  const event = recording.gradcheck(nodeId);
  if (event?.kind === 'gradcheck') {
    // The app appends the check to the session's trace as it is.
    sessionTrace?.appendAsIs(event);
    post({ type: 'gradcheck', id, nodeId, event });
  } else post({ type: 'gradcheck', id, nodeId, error: `node ${nodeId} is not a custom Function node of a recorded run (or it was forgotten)` });
  post({ type: 'status', state: 'idle' });
}

function reset(id: number): void {
  if (session) {
    session.reset();
    // Event seqs, leaf first-sightings and pass numbers start again, as the page's graph does, and
    // so does the worker's copy of the session's trace: otherwise its compaction would name old seqs
    // as forgotten, and the page would drop the new events that reuse them.
    recording = createSessionRecording(session);
    sessionTrace = createSessionTrace();
  }
  post({ type: 'reset', id });
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'init':
      init(request.id, request.interruptBuffer).catch((error: unknown) => {
        post({ type: 'fatal', id: request.id, message: `Python failed to load: ${String(error)}` });
        post({ type: 'status', state: 'dead', message: String(error) });
      });
      break;
    case 'run':
      try {
        run(request.id, request.cellId, request.cellLabel, request.code);
      } catch (error) {
        // Python itself failed (a Pyodide fatal error: a wasm trap, memory that could not grow):
        // this worker cannot run anything again, so the page is told to replace it.
        post({ type: 'fatal', id: request.id, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      }
      break;
    case 'set-anomaly':
      setAnomalyEnabled(request.enabled);
      post({ type: 'anomaly', id: request.id, enabled: isAnomalyEnabled() });
      break;
    case 'gradcheck':
      gradcheck(request.id, request.nodeId);
      break;
    case 'reset':
      reset(request.id);
      break;
  }
};
