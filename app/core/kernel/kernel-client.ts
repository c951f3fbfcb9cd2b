import type { GradcheckEvent, KernelState, PythonError, WorkerRequest, WorkerResponse } from '../../../engine/worker/protocol.ts';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import type { SeqRange } from '../../../engine/trace/session-trace.ts';
import type { KernelWorker, KernelWorkerFactory } from './kernel-worker.ts';

/** What the app shows about the kernel: its state plus the words and progress that go with it. */
export interface KernelStatus {
  readonly state: KernelState;
  readonly message?: string;
  /** 0..1 while loading, when the worker reports it. */
  readonly progress?: number;
  readonly pythonVersion?: string;
  /** True when Stop can interrupt Python in place (the page is cross-origin isolated). */
  readonly canInterrupt: boolean;
}

export interface RunRequest {
  readonly cellId: string;
  readonly cellLabel: string;
  readonly code: string;
}

export interface RunHooks {
  /** Python has started this run (it was queued until now). */
  onStart?(): void;
  onStream?(stream: 'stdout' | 'stderr', text: string): void;
}

/** `unanswered`: Python did not answer Stop in time, so it was restarted. */
export type CancelReason = 'stopped' | 'restarted' | 'died' | 'unanswered';

export type RunOutcome =
  /** `trace`: the events the run appended to the session's trace; `forgotten`: earlier ones the worker's compaction dropped. */
  | {
      readonly kind: 'done';
      readonly ok: boolean;
      readonly error?: PythonError;
      readonly trace: readonly TraceEvent[];
      readonly forgotten: readonly SeqRange[];
    }
  /** The run never finished in Python: Stop cleared the queue, Restart dropped it, or the worker died. */
  | { readonly kind: 'cancelled'; readonly reason: CancelReason; readonly started: boolean };

/** What the app is told when Python died under it. */
export interface KernelDeath {
  /** The worker's own words (e.g. `RuntimeError: memory access out of bounds`). */
  readonly message: string;
  /** The cell whose run was in progress when it died. */
  readonly cellId?: string;
}

export interface KernelClientOptions {
  readonly createWorker: KernelWorkerFactory;
  readonly createInterruptBuffer: () => SharedArrayBuffer | undefined;
  readonly onStatus: (status: KernelStatus) => void;
  /** Called when Stop went unanswered and Python was restarted (its variables are gone). */
  readonly onStopUnanswered?: () => void;
  /**
   * Called when a worker that had Python running died (a Pyodide fatal error, a crashed worker):
   * the client has already started a fresh one. `cellId` is the run it died in, if any.
   */
  readonly onDied?: (death: KernelDeath) => void;
  /** How long Python has to answer Stop before it is restarted; default STOP_GRACE_MS. */
  readonly stopGraceMs?: number;
}

/**
 * Python answers Stop at its next bytecode check, and the engine between backward nodes; a loop
 * with no calls in it (`while True: pass`) or a blocking `time.sleep` never looks, so past this
 * grace period Stop restarts Python instead of leaving the cell running.
 */
export const STOP_GRACE_MS = 2000;

const SIGINT = 2;

interface PendingRun {
  readonly id: number;
  readonly request: RunRequest;
  readonly hooks: RunHooks;
  readonly resolve: (outcome: RunOutcome) => void;
  started: boolean;
  /** The run's events that came ahead of its `done`, slice by slice. */
  readonly traceSlices: (readonly TraceEvent[])[];
}

/** One worker's lifetime. Restart makes a new session, so late messages from the old worker are ignored. */
interface Session {
  readonly worker: KernelWorker;
  readonly interrupt?: Int32Array;
  readonly initId: number;
  isReady: boolean;
}

/**
 * The app's handle on Python. Runs are queued and sent one at a time (each waits for the kernel to
 * be ready), each returns a promise of its outcome, and output streams go to the run that made them.
 */
export class KernelClient {
  private readonly options: KernelClientOptions;
  private session: Session | null = null;
  private status: KernelStatus;
  private nextId = 1;
  private queue: PendingRun[] = [];
  private running: PendingRun | null = null;
  /** Requests answered out of the run queue (anomaly toggle, gradcheck), by request id. */
  private answers = new Map<number, (response: WorkerResponse | null) => void>();
  /** Anomaly mode as the person set it; a fresh worker (start, restart) gets it once Python is ready. */
  private isAnomalyWanted = false;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: KernelClientOptions) {
    this.options = options;
    this.status = { state: 'loading', canInterrupt: false };
  }

  get currentStatus(): KernelStatus {
    return this.status;
  }

  /** Boots a worker and asks it to load Python; runs may be queued straight away. */
  start(): void {
    if (this.session) return;
    const buffer = this.options.createInterruptBuffer();
    const worker = this.options.createWorker();
    const session: Session = {
      worker,
      interrupt: buffer ? new Int32Array(buffer) : undefined,
      initId: this.nextId++,
      isReady: false,
    };
    this.session = session;
    this.setStatus({ state: 'loading', message: 'Loading Python…', canInterrupt: buffer !== undefined });
    worker.onmessage = (event) => {
      if (this.session === session) this.handleMessage(session, event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.session === session) this.die(event.message || 'The Python worker crashed (its script failed to load or threw while starting).');
    };
    worker.onmessageerror = () => {
      if (this.session === session) this.die('The Python worker sent a message that could not be read.');
    };
    worker.postMessage(buffer ? { type: 'init', id: session.initId, interruptBuffer: buffer } : { type: 'init', id: session.initId });
  }

  /** Queues a cell's code; resolves when Python finishes it or it is cancelled. Never rejects. */
  run(request: RunRequest, hooks: RunHooks = {}): Promise<RunOutcome> {
    return new Promise((resolve) => {
      if (this.status.state === 'dead' || !this.session) {
        resolve({ kind: 'cancelled', reason: 'died', started: false });
        return;
      }
      this.queue.push({ id: this.nextId++, request, hooks, resolve, started: false, traceSlices: [] });
      this.pump();
    });
  }

  /**
   * Cancels queued runs and interrupts the running one (KeyboardInterrupt in Python). Returns false
   * when Python is busy and cannot be reached (no interrupt buffer): only a restart can stop it then.
   */
  stop(): boolean {
    this.cancelQueued('stopped');
    const session = this.session;
    if (!this.running || !session) return true;
    if (!session.interrupt) return false;
    Atomics.store(session.interrupt, 0, SIGINT);
    const run = this.running;
    clearTimeout(this.stopTimer);
    this.stopTimer = setTimeout(() => {
      if (this.running !== run || this.session !== session) return;
      this.replaceWorker('unanswered');
      this.options.onStopUnanswered?.();
    }, this.options.stopGraceMs ?? STOP_GRACE_MS);
    return true;
  }

  /** Terminates the worker (its namespace goes with it) and boots a fresh one. */
  restart(): void {
    this.replaceWorker('restarted');
  }

  /**
   * A fresh Python for a new notebook: when Python is loaded and idle, it forgets its variables in
   * place (instant); otherwise (loading, running, queued) the worker is replaced, as by restart().
   */
  async reset(): Promise<void> {
    if (!this.session?.isReady || this.running || this.queue.length > 0) {
      this.restart();
      return;
    }
    const forgotten = this.ask((id) => ({ type: 'reset', id }));
    // The person's anomaly toggle outlives the variables, as it outlives a restart: sent right
    // behind the reset, so no run comes between them.
    const anomaly = this.isAnomalyWanted ? this.ask((id) => ({ type: 'set-anomaly', id, enabled: true })) : null;
    await Promise.all([forgotten, anomaly]);
  }

  private replaceWorker(reason: CancelReason): void {
    clearTimeout(this.stopTimer);
    this.dropAnswers();
    this.cancelQueued(reason);
    this.finishRunning({ kind: 'cancelled', reason, started: true });
    this.session?.worker.terminate();
    this.session = null;
    this.start();
  }

  /**
   * Turns anomaly mode (torch.autograd.set_detect_anomaly) on or off for the session; resolves with
   * the mode the worker reports. Sent at once: the worker answers after any run in progress.
   */
  async setAnomaly(enabled: boolean): Promise<boolean> {
    this.isAnomalyWanted = enabled;
    // Before Python is ready the wish is kept and sent on `ready`.
    if (!this.session?.isReady) return enabled;
    const response = await this.ask((id) => ({ type: 'set-anomaly', id, enabled }));
    if (response?.type !== 'anomaly') throw new Error('Python is not running, so anomaly mode could not be changed.');
    return response.enabled;
  }

  /** Gradchecks custom Function node `nodeId` of an earlier run; rejects with the worker's reason when it cannot. */
  async gradcheck(nodeId: number): Promise<GradcheckEvent> {
    const response = await this.ask((id) => ({ type: 'gradcheck', id, nodeId }));
    if (response?.type !== 'gradcheck') throw new Error('Python is not running, so gradcheck could not run.');
    if (!response.event) throw new Error(response.error ?? `gradcheck of node ${nodeId} gave no result`);
    return response.event;
  }

  private ask(request: (id: number) => Extract<WorkerRequest, { type: 'set-anomaly' | 'gradcheck' | 'reset' }>): Promise<WorkerResponse | null> {
    const session = this.session;
    if (!session?.isReady) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.answers.set(id, resolve);
      session.worker.postMessage(request(id));
    });
  }

  private dropAnswers(): void {
    const waiting = [...this.answers.values()];
    this.answers.clear();
    for (const resolve of waiting) resolve(null);
  }

  /** Terminates the worker for good (page unload, tests). */
  dispose(): void {
    this.dropAnswers();
    this.cancelQueued('died');
    this.finishRunning({ kind: 'cancelled', reason: 'died', started: true });
    this.session?.worker.terminate();
    this.session = null;
  }

  private handleMessage(session: Session, message: WorkerResponse): void {
    switch (message.type) {
      case 'status':
        this.handleWorkerStatus(session, message);
        return;
      case 'ready':
        if (message.id !== session.initId) return;
        session.isReady = true;
        if (this.isAnomalyWanted) void this.ask((id) => ({ type: 'set-anomaly', id, enabled: true }));
        this.setStatus({
          state: 'idle',
          pythonVersion: message.pythonVersion,
          message: `Python ${message.pythonVersion} ready in ${(message.loadMs / 1000).toFixed(1)} s${message.pythonStart === 'snapshot' ? ' (from its saved start)' : ''}`,
          canInterrupt: session.interrupt !== undefined,
        });
        this.pump();
        return;
      case 'stream':
        if (this.running?.id === message.id) this.running.hooks.onStream?.(message.stream, message.text);
        return;
      case 'trace':
        if (this.running?.id === message.id) this.running.traceSlices.push(message.events);
        return;
      case 'done': {
        if (this.running?.id !== message.id) return;
        const slices = this.running.traceSlices;
        const trace = slices.length === 0 ? message.trace : slices.flat().concat(message.trace);
        this.finishRunning({ kind: 'done', ok: message.ok, error: message.error, trace, forgotten: message.forgotten ?? [] });
        this.pump();
        return;
      }
      case 'fatal':
        this.die(message.message);
        return;
      case 'anomaly':
      case 'gradcheck':
      case 'reset': {
        const resolve = this.answers.get(message.id);
        this.answers.delete(message.id);
        resolve?.(message);
        return;
      }
    }
  }

  /** Loading progress comes from the worker; busy/idle is decided here, where the queue is known. */
  private handleWorkerStatus(session: Session, message: Extract<WorkerResponse, { type: 'status' }>): void {
    if (message.state === 'dead') {
      this.die(message.message ?? 'The Python worker stopped.');
    } else if (!session.isReady && message.state === 'loading') {
      this.setStatus({ ...this.status, message: message.message ?? this.status.message, progress: message.progress });
    }
  }

  private pump(): void {
    const session = this.session;
    if (!session?.isReady || this.running || this.queue.length === 0) {
      if (session?.isReady && !this.running && this.status.state === 'busy') this.setStatus({ ...this.status, state: 'idle', message: undefined });
      return;
    }
    const next = this.queue.shift()!;
    this.running = next;
    next.started = true;
    // A Stop pressed while nothing ran must not interrupt the next run.
    if (session.interrupt) Atomics.store(session.interrupt, 0, 0);
    this.setStatus({ ...this.status, state: 'busy', message: `Running ${next.request.cellLabel}` });
    next.hooks.onStart?.();
    session.worker.postMessage({ type: 'run', id: next.id, ...next.request });
  }

  /**
   * The worker is gone. One that had Python running is replaced at once (variables are lost, cells
   * are the app's to keep); one that died while loading stays dead, or a broken load would loop.
   */
  private die(message: string): void {
    const session = this.session;
    const cellId = this.running?.request.cellId;
    clearTimeout(this.stopTimer);
    this.dropAnswers();
    this.cancelQueued('died');
    this.finishRunning({ kind: 'cancelled', reason: 'died', started: true });
    if (!session?.isReady) {
      this.setStatus({ state: 'dead', message, canInterrupt: false });
      return;
    }
    session.worker.terminate();
    this.session = null;
    this.start();
    this.options.onDied?.(cellId === undefined ? { message } : { message, cellId });
  }

  private finishRunning(outcome: RunOutcome): void {
    const run = this.running;
    if (!run) return;
    this.running = null;
    run.resolve(outcome);
  }

  private cancelQueued(reason: CancelReason): void {
    const cancelled = this.queue;
    this.queue = [];
    for (const run of cancelled) run.resolve({ kind: 'cancelled', reason, started: false });
  }

  private setStatus(status: KernelStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}
