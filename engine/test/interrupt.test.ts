/**
 * Stop reaches a user's backward() stuck in a loop with one press, and nothing Gradscope runs after
 * the cell (the custom-node gradcheck) calls that backward again or turns a Stop into a dead session.
 * Stop is simulated as the app does it: another thread writes 2 (SIGINT) into the shared interrupt
 * buffer while Python is busy. (Pyodide looks at the buffer every so many bytecodes, so even
 * `while True: pass` sees it; the app restarts the worker when a Stop still goes unanswered.)
 */
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';
import { createSessionRecording, type SessionRecording } from '../worker/cell-recorder.ts';

let py: TestSession;
let recording: SessionRecording;
let interrupt: Int32Array;

beforeAll(async () => {
  py = await startTestSession();
  // Imported before any Stop is pressed, so that a Stop never lands in the import itself.
  py.session.run('import torch, time', 'setup.py');
  interrupt = new Int32Array(new SharedArrayBuffer(4));
  py.session.setInterruptBuffer(interrupt);
  recording = createSessionRecording(py.session);
}, 120_000);

/**
 * Presses Stop `ms` after the returned `go()` is called, from another thread (already started, so
 * its start-up time does not count), as the page does while the worker is busy.
 */
async function armedStop(ms: number): Promise<{ go: () => void; worker: Worker }> {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const signal = new Int32Array(workerData.signal);
     parentPort.postMessage('ready');
     Atomics.wait(signal, 0, 0);
     setTimeout(() => Atomics.store(new Int32Array(workerData.interrupt), 0, 2), ${ms});`,
    { eval: true, workerData: { signal: signal.buffer, interrupt: interrupt.buffer } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  return { worker, go: () => (Atomics.store(signal, 0, 1), Atomics.notify(signal, 0)) };
}

/** Presses Stop after `ms` from another thread, as the page does while the worker is busy. */
function pressStopAfter(ms: number): Worker {
  return new Worker(
    `const { workerData } = require('node:worker_threads');
     setTimeout(() => Atomics.store(new Int32Array(workerData), 0, 2), ${ms});`,
    { eval: true, workerData: interrupt.buffer },
  );
}

const STUCK = `import torch
class Stuck(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
    @staticmethod
    def backward(ctx, g):
        while True:
            g = g * 1
kept = torch.tensor([1.0, 2.0], requires_grad=True)
y = Stuck.apply(kept)
y.sum().backward()
`;

describe('Stop', () => {
  it('stops a backward() stuck in a loop once, skips the gradcheck of its node, and keeps the variables', async () => {
    const stop = pressStopAfter(300);
    const started = Date.now();
    const { result } = recording.record('cell-1', 'cell-1.py', () => py.session.run(STUCK, 'cell-1.py'));
    await stop.terminate();
    expect(result.ok).toBe(false);
    expect(result.error?.ename).toBe('KeyboardInterrupt');
    // Stopped inside the user's backward (line 8 or 9, wherever the loop was).
    expect([8, 9]).toContain(result.error?.line);
    expect(result.error?.traceback).toContain('in backward');
    expect(Date.now() - started).toBeLessThan(5_000);
    const after = recording.record('cell-2', 'cell-2.py', () => py.session.run('assert (kept * 3).tolist() == [3.0, 6.0]', 'cell-2.py'));
    expect(after.result).toEqual({ ok: true });
  }, 30_000);

  it('a Stop that lands during the checks after a run ends the checks, not the session', async () => {
    const slow = `import torch, time
class Slow(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
    @staticmethod
    def backward(ctx, g):
        time.sleep(0.05)
        return g * 2
z = Slow.apply(torch.tensor([1.0], requires_grad=True))
z.sum().backward()
`;
    // The run's own backward sleeps 50 ms; the gradcheck after it calls backward again and is stopped.
    const stop = pressStopAfter(120);
    const { result } = recording.record('cell-3', 'cell-3.py', () => py.session.run(slow, 'cell-3.py'));
    await stop.terminate();
    expect(result.ok).toBe(true);
    Atomics.store(interrupt, 0, 0);
    expect(py.session.run('assert z.tolist() == [2.0]', 'cell-4.py')).toEqual({ ok: true });
  }, 30_000);

  it('reaches into a long backward pass, which the engine runs without returning to Python', async () => {
    const built = py.session.run('chain = torch.ones(1, requires_grad=True)\ny = chain\nfor _ in range(30_000):\n    y = y * 1.0\n', 'cell-5.py');
    expect(built).toEqual({ ok: true });
    const stop = await armedStop(50);
    stop.go();
    const started = Date.now();
    const result = py.session.run('y.backward()', 'cell-6.py');
    await stop.worker.terminate();
    expect(result.ok).toBe(false);
    expect(result.error?.ename).toBe('KeyboardInterrupt');
    expect(Date.now() - started).toBeLessThan(1_000);
    Atomics.store(interrupt, 0, 0);
    expect(py.session.run('assert chain.grad is None\ny2 = torch.ones(1, requires_grad=True) * 3\ny2.backward()', 'cell-7.py')).toEqual({ ok: true });
  }, 60_000);

  it("a Stop that lands in Gradscope's own set-up code around a cell is kept for the user's code", () => {
    // The page says Running as soon as it posts the run, so a Stop can land in the code Gradscope runs
    // before the cell (the module listener). That code once swallowed it, and the cell's endless loop
    // ran on until the page gave up and restarted Python.
    Atomics.store(interrupt, 0, 2);
    py.session.runOwn('for _ in range(1000):\n    pass', '<gradscope>');
    expect(Atomics.load(interrupt, 0)).toBe(2);
    const started = Date.now();
    const result = py.session.run('while True:\n    pass', 'cell-10.py');
    expect(result.error?.ename).toBe('KeyboardInterrupt');
    // At the loop, or at the cell's first line when the Stop was seen as the cell started (CPython
    // checks at a frame's entry, which it numbers line 0; earlier still, in Gradscope's own code just
    // before the cell): either way the person sees a line of their cell, never none.
    expect([1, 2]).toContain(result.error?.line);
    expect(result.error?.traceback).toContain('File "cell-10.py", line');
    expect(result.error?.traceback).not.toContain('line 0');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(py.session.run('print(1)', 'cell-11.py')).toEqual({ ok: true });
  });

  it('stops a loop whose temporaries die as it runs, every time (a Stop landing as a tensor dies is not swallowed)', () => {
    // Tensors once gave their engine reference back from a Python __del__: a Stop that CPython saw
    // in it was printed as "Exception ignored" and the loop ran to its end (about 1 press in 6).
    (globalThis as { gradscopePressStop?: () => void }).gradscopePressStop = () => Atomics.store(interrupt, 0, 2);
    const outcomes: string[] = [];
    for (let press = 0; press < 40; press++) {
      const code = `import js, torch
x = torch.rand(4, requires_grad=True)
y = torch.rand(4)
for i in range(2000):
    if i == ${100 + press}:
        js.gradscopePressStop()
    x * y
`;
      const result = py.session.run(code, `cell-stop-${press}.py`);
      Atomics.store(interrupt, 0, 0);
      outcomes.push(result.ok ? 'ran on' : (result.error?.ename ?? ''));
    }
    expect(outcomes).toEqual(outcomes.map(() => 'KeyboardInterrupt'));
  }, 60_000);

  it('reaches time.sleep', async () => {
    const stop = await armedStop(200);
    stop.go();
    const started = Date.now();
    const result = py.session.run('time.sleep(30)', 'cell-8.py');
    await stop.worker.terminate();
    expect(result.error?.ename).toBe('KeyboardInterrupt');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(py.session.run('time.sleep(0)\ntime.sleep(0.01)', 'cell-9.py')).toEqual({ ok: true });
  }, 30_000);
});
