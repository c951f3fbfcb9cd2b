import { describe, expect, it, vi } from 'vitest';
import { KernelClient, STOP_GRACE_MS, type KernelDeath, type KernelStatus } from './kernel-client.ts';
import { ScriptedWorker } from './test/scripted-worker.ts';

function setup(options: { isolated?: boolean; onStopUnanswered?: () => void; onDied?: (death: KernelDeath) => void } = {}) {
  const workers: ScriptedWorker[] = [];
  const statuses: KernelStatus[] = [];
  const client = new KernelClient({
    createWorker: () => {
      const worker = new ScriptedWorker();
      workers.push(worker);
      return worker;
    },
    createInterruptBuffer: () => (options.isolated === false ? undefined : new SharedArrayBuffer(4)),
    onStatus: (status) => statuses.push(status),
    onStopUnanswered: options.onStopUnanswered,
    onDied: options.onDied,
  });
  client.start();
  const worker = () => workers[workers.length - 1]!;
  return { client, workers, worker, statuses, state: () => client.currentStatus.state };
}

const cell = (n: number, code = 'print(1)') => ({ cellId: `c${n}`, cellLabel: `Cell ${n}`, code });

describe('KernelClient', () => {
  it('boots the worker with an interrupt buffer and reports loading progress until ready', () => {
    const { worker, statuses, state } = setup();
    const init = worker().sent[0]!;
    expect(init.type).toBe('init');
    expect(init.type === 'init' && init.interruptBuffer).toBeInstanceOf(SharedArrayBuffer);
    worker().respond({ type: 'status', state: 'loading', message: 'Loading torch', progress: 0.5 });
    expect(statuses.at(-1)).toMatchObject({ state: 'loading', message: 'Loading torch', progress: 0.5 });
    worker().becomeReady();
    expect(state()).toBe('idle');
    expect(statuses.at(-1)?.pythonVersion).toBe('3.13.2');
  });

  it('holds runs asked for while Python loads and sends them once it is ready', async () => {
    const { client, worker, state } = setup();
    const outcome = client.run(cell(1));
    expect(worker().sent.some((m) => m.type === 'run')).toBe(false);
    worker().becomeReady();
    expect(worker().lastRun()).toMatchObject({ cellId: 'c1', cellLabel: 'Cell 1', code: 'print(1)' });
    expect(state()).toBe('busy');
    worker().finish();
    await expect(outcome).resolves.toEqual({ kind: 'done', ok: true, error: undefined, trace: [], forgotten: [] });
    expect(state()).toBe('idle');
  });

  it('takes a long run’s events in the slices they came in, in order, with what the worker’s compaction forgot', async () => {
    const { client, worker } = setup();
    worker().becomeReady();
    const outcome = client.run(cell(1));
    const id = worker().lastRun().id;
    const runStart = (seq: number) => ({ kind: 'run-start', seq, cell: 'c1' }) as const;
    worker().respond({ type: 'trace', id, events: [runStart(5), runStart(6)] });
    worker().respond({ type: 'trace', id: id + 99, events: [runStart(99)] });
    worker().respond({ type: 'trace', id, events: [runStart(7)] });
    worker().respond({ type: 'done', id, cellId: 'c1', ok: true, trace: [runStart(8)], forgotten: [[1, 4]] });
    await expect(outcome).resolves.toEqual({
      kind: 'done',
      ok: true,
      error: undefined,
      trace: [runStart(5), runStart(6), runStart(7), runStart(8)],
      forgotten: [[1, 4]],
    });
  });

  it('sends one run at a time and streams output to the run that printed it', async () => {
    const { client, worker } = setup();
    worker().becomeReady();
    const printed: string[] = [];
    const first = client.run(cell(1), { onStream: (stream, text) => printed.push(`1 ${stream} ${text}`) });
    const second = client.run(cell(2), { onStream: (stream, text) => printed.push(`2 ${stream} ${text}`) });
    expect(worker().sent.filter((m) => m.type === 'run')).toHaveLength(1);
    const firstId = worker().lastRun().id;
    worker().respond({ type: 'stream', id: firstId, cellId: 'c1', stream: 'stdout', text: 'one\n' });
    worker().finish();
    await first;
    const secondId = worker().lastRun().id;
    expect(secondId).not.toBe(firstId);
    worker().respond({ type: 'stream', id: secondId, cellId: 'c2', stream: 'stderr', text: 'two\n' });
    worker().finish(false);
    await expect(second).resolves.toMatchObject({ kind: 'done', ok: false });
    expect(printed).toEqual(['1 stdout one\n', '2 stderr two\n']);
  });

  it('stops by writing SIGINT into the shared buffer and cancels what was queued', async () => {
    const { client, worker } = setup();
    worker().becomeReady();
    const running = client.run(cell(1, 'while True: pass'));
    const queued = client.run(cell(2));
    client.stop();
    const init = worker().sent[0]!;
    const buffer = init.type === 'init' ? init.interruptBuffer! : new SharedArrayBuffer(4);
    expect(new Int32Array(buffer)[0]).toBe(2);
    await expect(queued).resolves.toEqual({ kind: 'cancelled', reason: 'stopped', started: false });
    worker().respond({
      type: 'done',
      id: worker().lastRun().id,
      cellId: 'c1',
      ok: false,
      error: { ename: 'KeyboardInterrupt', evalue: '', traceback: 'KeyboardInterrupt' },
      trace: [],
    });
    await expect(running).resolves.toMatchObject({ kind: 'done', ok: false, error: { ename: 'KeyboardInterrupt' } });
  });

  it('clears a leftover interrupt before the next run starts', () => {
    const { client, worker } = setup();
    worker().becomeReady();
    void client.run(cell(1));
    client.stop();
    worker().finish(false);
    void client.run(cell(2));
    const init = worker().sent[0]!;
    expect(new Int32Array(init.type === 'init' ? init.interruptBuffer! : new SharedArrayBuffer(4))[0]).toBe(0);
  });

  it('restarts by terminating the worker and booting a fresh one that ignores the old one', async () => {
    const { client, workers, worker, state } = setup();
    worker().becomeReady();
    const running = client.run(cell(1));
    const old = worker();
    client.restart();
    expect(old.isTerminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(state()).toBe('loading');
    await expect(running).resolves.toEqual({ kind: 'cancelled', reason: 'restarted', started: true });
    old.becomeReady();
    expect(state()).toBe('loading');
    worker().becomeReady();
    expect(state()).toBe('idle');
  });

  it('resets an idle Python in place: no new worker, its anomaly mode sent again right behind the reset', async () => {
    const { client, workers, worker, state } = setup();
    worker().becomeReady();
    const toggled = client.setAnomaly(true);
    worker().respond({ type: 'anomaly', id: worker().sent.at(-1)!.id, enabled: true });
    await toggled;
    const reset = client.reset();
    const [resetRequest, anomalyRequest] = worker().sent.slice(-2);
    expect(resetRequest).toMatchObject({ type: 'reset' });
    expect(anomalyRequest).toMatchObject({ type: 'set-anomaly', enabled: true });
    worker().respond({ type: 'reset', id: resetRequest!.id });
    worker().respond({ type: 'anomaly', id: anomalyRequest!.id, enabled: true });
    await reset;
    expect(workers).toHaveLength(1);
    expect(worker().isTerminated).toBe(false);
    expect(state()).toBe('idle');
    // The next run goes to the same, still loaded, Python.
    void client.run(cell(2));
    expect(worker().lastRun()).toMatchObject({ cellId: 'c2' });
  });

  it('replaces the worker when asked to reset a Python that is running or still loading', async () => {
    const { client, workers, worker } = setup();
    await client.reset();
    expect(workers).toHaveLength(2);
    worker().becomeReady();
    const running = client.run(cell(1, 'while True: pass'));
    await client.reset();
    expect(workers).toHaveLength(3);
    await expect(running).resolves.toEqual({ kind: 'cancelled', reason: 'restarted', started: true });
  });

  it('says Stop cannot reach a busy Python without an interrupt buffer', () => {
    const { client, worker } = setup({ isolated: false });
    worker().becomeReady();
    expect(client.stop()).toBe(true);
    void client.run(cell(1, 'while True: pass'));
    expect(client.stop()).toBe(false);
  });

  it('replaces a worker that crashed under a run, says which run it was, and runs again on the new one', async () => {
    const deaths: KernelDeath[] = [];
    const { client, workers, worker, state } = setup({ onDied: (death) => deaths.push(death) });
    worker().becomeReady();
    const running = client.run(cell(1));
    const queued = client.run(cell(2));
    const crashed = worker();
    crashed.crash('RangeError: Maximum call stack size exceeded');
    await expect(running).resolves.toEqual({ kind: 'cancelled', reason: 'died', started: true });
    await expect(queued).resolves.toEqual({ kind: 'cancelled', reason: 'died', started: false });
    expect(deaths).toEqual([{ message: 'RangeError: Maximum call stack size exceeded', cellId: 'c1' }]);
    expect(crashed.isTerminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(state()).toBe('loading');
    // The dead worker's late words change nothing.
    crashed.respond({ type: 'status', state: 'dead', message: 'gone' });
    expect(state()).toBe('loading');
    const again = client.run(cell(3));
    worker().becomeReady();
    expect(worker().lastRun().cellId).toBe('c3');
    worker().finish();
    await expect(again).resolves.toMatchObject({ kind: 'done', ok: true });
  });

  it('replaces a worker whose Python reported a fatal error, even with nothing running', () => {
    const deaths: KernelDeath[] = [];
    const { workers, worker, state } = setup({ onDied: (death) => deaths.push(death) });
    worker().becomeReady();
    worker().respond({ type: 'fatal', message: 'Python crashed: RuntimeError: memory access out of bounds' });
    expect(deaths).toEqual([{ message: 'Python crashed: RuntimeError: memory access out of bounds' }]);
    expect(workers).toHaveLength(2);
    expect(state()).toBe('loading');
  });

  it('stays dead when the worker dies while Python loads (a broken load must not loop), and a restart brings it back', async () => {
    const deaths: KernelDeath[] = [];
    const { client, workers, worker, state, statuses } = setup({ onDied: (death) => deaths.push(death) });
    const waiting = client.run(cell(1));
    worker().crash('SyntaxError: pyodide.mjs failed to load');
    expect(state()).toBe('dead');
    expect(statuses.at(-1)?.message).toMatch(/failed to load/);
    expect(workers).toHaveLength(1);
    expect(deaths).toEqual([]);
    await expect(waiting).resolves.toMatchObject({ kind: 'cancelled', reason: 'died', started: false });
    await expect(client.run(cell(2))).resolves.toMatchObject({ kind: 'cancelled', reason: 'died' });
    client.restart();
    worker().becomeReady();
    expect(state()).toBe('idle');
  });

  it('treats a fatal message from the worker as death', () => {
    const { worker, state } = setup();
    worker().respond({ type: 'fatal', message: 'Pyodide failed to load' });
    expect(state()).toBe('dead');
  });

  it('restarts Python when Stop goes unanswered past the grace period, and says the run was cut short', async () => {
    vi.useFakeTimers();
    try {
      let unanswered = 0;
      const { client, workers, worker } = setup({ onStopUnanswered: () => unanswered++ });
      worker().becomeReady();
      const running = client.run(cell(1, 'while True: pass'));
      client.stop();
      vi.advanceTimersByTime(STOP_GRACE_MS - 1);
      expect(workers).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(workers[0]!.isTerminated).toBe(true);
      expect(workers).toHaveLength(2);
      expect(unanswered).toBe(1);
      await expect(running).resolves.toEqual({ kind: 'cancelled', reason: 'unanswered', started: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps Python when it answers Stop within the grace period', async () => {
    vi.useFakeTimers();
    try {
      const { client, workers, worker } = setup();
      worker().becomeReady();
      const running = client.run(cell(1, 'for i in range(10**9): i'));
      client.stop();
      worker().finish(false);
      await expect(running).resolves.toMatchObject({ kind: 'done', ok: false });
      vi.advanceTimersByTime(STOP_GRACE_MS * 2);
      expect(workers).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
