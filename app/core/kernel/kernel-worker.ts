import type { WorkerRequest, WorkerResponse } from '../../../engine/worker/protocol.ts';

/** The part of a `Worker` the kernel client uses, typed with the protocol so both ends agree. */
export interface KernelWorker {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export type KernelWorkerFactory = () => KernelWorker;

/** Starts the real Python worker (Pyodide + Gradscope's torch) as a module worker bundled by Vite. */
export function createPythonWorker(): KernelWorker {
  return new Worker(new URL('../../../engine/worker/worker.ts', import.meta.url), { type: 'module', name: 'gradscope-python' });
}

/**
 * Stop writes 2 (SIGINT) here and Pyodide raises KeyboardInterrupt at its next check. Sharing memory
 * with a worker needs cross-origin isolation; without it Stop has to fall back to a restart.
 */
export function createInterruptBuffer(): SharedArrayBuffer | undefined {
  const isIsolated = typeof crossOriginIsolated === 'boolean' && crossOriginIsolated;
  return isIsolated && typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4) : undefined;
}
