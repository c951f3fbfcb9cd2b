/**
 * The bench measures the right code: every workload, run once at a small size, gives the same
 * numbers on our engine and on its peer (TF.js, or the engine called from TypeScript for the
 * Python rows). No timing here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTraceRecorder, setRecorder } from '../engine/index.ts';
import { ELEMENTWISE, setupPythonElementwise, setupPythonMlp } from './comparisons.ts';
import { mlpData, scalarGraphData, uniformValues } from './data.ts';
import { measureInterleaved, median } from './harness.ts';
import { installMakemore, makemoreCell } from './makemore-step.ts';
import { startBenchPython, type BenchPython } from './python-session.ts';
import { oursSuite } from './workloads/ours.ts';
import { createTfSuite } from './workloads/tfjs.ts';
import type { EngineSuite, MlpStepResult } from './workloads/types.ts';

/** Largest |a − b| / (atol + rtol·|b|); at most 1 means every entry agrees. */
function worstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = 1e-4, atol = 1e-5): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (atol + rtol * Math.abs(expected[i])));
  }
  return worst;
}

function expectSameMlpStep(a: MlpStepResult, b: MlpStepResult): void {
  expect(worstMismatch([a.loss], [b.loss])).toBeLessThanOrEqual(1);
  expect(a.params.length).toBe(b.params.length);
  a.params.forEach((p, i) => expect(worstMismatch(p, b.params[i])).toBeLessThanOrEqual(1));
}

const SMALL_MLP = mlpData([12, 8, 6, 3], 5, 3);

describe('the bench workloads agree with TF.js', () => {
  let tf: EngineSuite;
  beforeAll(async () => {
    tf = await createTfSuite();
  });

  it.each([false, true])('gives the same matrix product (B transposed: %s)', (transposeB) => {
    const n = 9;
    const a = uniformValues(n * n, 1);
    const b = uniformValues(n * n, 2);
    const ours = oursSuite.matmul(n, a, b, transposeB).result();
    const peer = tf.matmul(n, a, b, transposeB).result();
    expect(worstMismatch(ours, peer)).toBeLessThanOrEqual(1);
    // And both are the product, not merely the same mistake: check one entry by hand.
    let entry = 0;
    for (let k = 0; k < n; k++) entry += a[2 * n + k] * (transposeB ? b[3 * n + k] : b[k * n + 3]);
    expect(ours[2 * n + 3]).toBeCloseTo(entry, 4);
  });

  it('takes the same MLP training step: loss and every updated parameter', () => {
    expectSameMlpStep(oursSuite.mlpStep(SMALL_MLP).result(), tf.mlpStep(SMALL_MLP).result());
  });

  it('keeps agreeing over repeated MLP steps (the timed runs keep training)', () => {
    const ours = oursSuite.mlpStep(SMALL_MLP);
    const peer = tf.mlpStep(SMALL_MLP);
    for (let i = 0; i < 3; i++) {
      ours.run();
      peer.run();
    }
    expectSameMlpStep(ours.result(), peer.result());
  });

  it('multiplies a recorded [4] tensor and returns the same gradient', () => {
    const { x, y, dy } = ELEMENTWISE;
    expect(worstMismatch(oursSuite.elementwiseForward(x, y).result(), tf.elementwiseForward(x, y).result())).toBeLessThanOrEqual(1);
    const grad = oursSuite.elementwiseForwardBackward(x, y, dy).result();
    expect(worstMismatch(grad, tf.elementwiseForwardBackward(x, y, dy).result())).toBeLessThanOrEqual(1);
    expect(
      worstMismatch(
        grad,
        y.map((v, i) => v * dy[i]),
      ),
    ).toBeLessThanOrEqual(1);
  });

  it('builds the same scalar graph and backpropagates the same leaf gradients', () => {
    const data = scalarGraphData(200);
    const ours = oursSuite.scalarGraph(data).result();
    const peer = tf.scalarGraph(data).result();
    expect(worstMismatch([ours.value], [peer.value])).toBeLessThanOrEqual(1);
    expect(worstMismatch(ours.grads, peer.grads)).toBeLessThanOrEqual(1);
  });

  it('backpropagates through an op chain to the same leaf gradient', () => {
    const ours = oursSuite.chain(1000).result();
    expect(worstMismatch([ours], [tf.chain(1000).result()])).toBeLessThanOrEqual(1);
    expect(ours).toBeCloseTo(0.9999 ** 500, 4);
  });
});

describe('the trace recorder workload', () => {
  it('records forward ops and backward steps while the recorder is set', () => {
    const recording = createTraceRecorder();
    setRecorder(recording.recorder);
    try {
      oursSuite.mlpStep(SMALL_MLP).run();
    } finally {
      setRecorder(null);
    }
    const kinds = new Set(recording.events().map((e) => e.kind));
    expect(kinds).toContain('op');
    expect(kinds).toContain('backward-step');
    expect(kinds).toContain('accumulate');
  });
});

describe('the Python workloads agree with the engine called from TypeScript', () => {
  let py: BenchPython;
  beforeAll(async () => {
    py = await startBenchPython();
  });
  afterAll(() => {
    setRecorder(null);
  });

  it('multiplies the same [4] tensors', () => {
    setupPythonElementwise(py);
    py.exec('bw.elementwise_forward(3)');
    const fromPython = py.json<number[]>('bw.elementwise_result()');
    expect(worstMismatch(fromPython, oursSuite.elementwiseForward(ELEMENTWISE.x, ELEMENTWISE.y).result())).toBeLessThanOrEqual(1);
  });

  it('takes the same MLP step with torch.optim.SGD as the TypeScript step', () => {
    setupPythonMlp(py, SMALL_MLP);
    const fromPython = py.json<{ loss: number; params: number[][] }>('bw.mlp_result()');
    expectSameMlpStep({ loss: fromPython.loss, params: fromPython.params.map((p) => Float32Array.from(p)) }, oursSuite.mlpStep(SMALL_MLP).result());
  });

  it('takes the makemore steps native PyTorch takes: the same loss and weights, bit for bit', () => {
    installMakemore(py);
    py.exec(makemoreCell(py, 3));
    // PyTorch 1.13 (/usr/bin/python3): SETUP then three steps of bench/python/makemore_step.py.
    expect(py.json<number[]>('[loss.item(), W1.sum().item()]')).toEqual([29.13450813293457, -72.2785415649414]);
  });
});

describe('the interleaved harness', () => {
  it('times every contender in every round and reports the median', () => {
    const calls = { a: 0, b: 0 };
    const samples = measureInterleaved(
      [
        { label: 'a', run: () => void calls.a++ },
        { label: 'b', run: () => void calls.b++ },
      ],
      { warmupRounds: 1, repeats: 5, minSampleMs: 0 },
    );
    expect(samples.map((s) => s.ms.length)).toEqual([5, 5]);
    expect(calls.a).toBeGreaterThanOrEqual(6);
    expect(calls.b).toBeGreaterThanOrEqual(6);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
