/**
 * Lays out a graph model: on this thread when it is small (no round trip, no flash), in a dedicated
 * module worker from WORKER_MIN_NODES nodes. Where workers don't exist (Node, tests) it stays sync.
 */
import { computeLayout, presetFor, toLayoutInput, WORKER_MIN_NODES, type GraphLayout, type LayoutModel } from './layout.ts';
import type { LayoutRequest, LayoutResponse } from './layout-protocol.ts';

export interface LayoutRunner {
  /** Resolves with the layout; if a newer call overtakes this one, resolves with null instead. */
  layout(model: LayoutModel): Promise<GraphLayout | null>;
  dispose(): void;
}

export type WorkerFactory = () => Worker;

const defaultWorkerFactory: WorkerFactory = () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'gradscope-layout' });

export function createLayoutRunner(createWorker: WorkerFactory | null = typeof Worker === 'undefined' ? null : defaultWorkerFactory): LayoutRunner {
  let worker: Worker | null = null;
  let latestRequestId = 0;
  const pending = new Map<number, { resolve: (layout: GraphLayout | null) => void; reject: (error: Error) => void }>();

  const settleOlderThan = (requestId: number) => {
    for (const [id, waiter] of pending) {
      if (id < requestId) {
        waiter.resolve(null);
        pending.delete(id);
      }
    }
  };

  const ensureWorker = (factory: WorkerFactory): Worker => {
    if (worker) return worker;
    worker = factory();
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const response = event.data;
      const waiter = pending.get(response.requestId);
      if (!waiter) return;
      pending.delete(response.requestId);
      if (response.ok) waiter.resolve(response.requestId === latestRequestId ? response.layout : null);
      else waiter.reject(new Error(`Graph layout failed: ${response.message}`));
    };
    worker.onerror = (event) => {
      for (const waiter of pending.values()) waiter.reject(new Error(`Graph layout worker failed: ${event.message}`));
      pending.clear();
      worker?.terminate();
      worker = null;
    };
    return worker;
  };

  return {
    layout(model) {
      const requestId = ++latestRequestId;
      settleOlderThan(requestId);
      const input = toLayoutInput(model);
      const preset = presetFor(input.nodes.length);
      if (!createWorker || input.nodes.length < WORKER_MIN_NODES) {
        try {
          return Promise.resolve(computeLayout(input, preset));
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      return new Promise((resolve, reject) => {
        pending.set(requestId, { resolve, reject });
        const request: LayoutRequest = { requestId, input, preset };
        ensureWorker(createWorker).postMessage(request);
      });
    },
    dispose() {
      settleOlderThan(Number.POSITIVE_INFINITY);
      worker?.terminate();
      worker = null;
    },
  };
}
