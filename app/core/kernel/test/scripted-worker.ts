import type { WorkerRequest, WorkerResponse } from '../../../../engine/worker/protocol.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import type { KernelWorker } from '../kernel-worker.ts';

/** An in-process stand-in for the worker: records what the client sends and replays responses. */
export class ScriptedWorker implements KernelWorker {
  readonly sent: WorkerRequest[] = [];
  isTerminated = false;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;

  postMessage(message: WorkerRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.isTerminated = true;
  }
  respond(message: WorkerResponse): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerResponse>);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  lastRun(): Extract<WorkerRequest, { type: 'run' }> {
    const runs = this.sent.filter((m): m is Extract<WorkerRequest, { type: 'run' }> => m.type === 'run');
    return runs[runs.length - 1]!;
  }
  becomeReady(): void {
    const init = this.sent.find((m) => m.type === 'init')!;
    this.respond({ type: 'ready', id: init.id, pythonVersion: '3.13.2', loadMs: 1200 });
  }
  finish(ok = true, trace: readonly TraceEvent[] = []): void {
    const run = this.lastRun();
    this.respond({ type: 'done', id: run.id, cellId: run.cellId, ok, trace });
  }
}
