/**
 * The benchmark's rows: each pairs two contenders on one workload (our engine against TF.js's CPU
 * backend, our engine with and without the trace recorder, our engine through Python against
 * the same engine called from TypeScript) and says how a time becomes the reported figure.
 */
import { createTraceRecorder, setRecorder } from '../engine/index.ts';
import { mlpData, scalarGraphData, uniformValues } from './data.ts';
import type { Contender, TimingOptions } from './harness.ts';
import { base64Floats, type BenchPython } from './python-session.ts';
import { recordingCostComparison } from './recording-cost.ts';
import { replaySteppingComparison } from './replay-stepping.ts';
import type { EngineSuite, Runnable } from './workloads/types.ts';

export type Unit = 'GFLOP/s' | 'ms' | 'µs';

export interface Pair {
  readonly ours: Contender;
  readonly peer: Contender;
  dispose(): void;
}

export interface Comparison {
  readonly id: string;
  readonly title: string;
  readonly unit: Unit;
  /** What the peer column is. */
  readonly peerName: string;
  /** Milliseconds per run → the reported figure. */
  readonly figure: (msPerRun: number) => number;
  prepare(): Pair;
  readonly timing?: Partial<TimingOptions>;
}

export const SIZES = {
  matmul: 512,
  mlp: [784, 128, 64, 10] as const,
  mlpBatch: 64,
  elementwise: 4,
  /** Recorded ops per timed run of the elementwise workloads (a single op is too short to time). */
  opsPerRun: 1000,
  scalarGraphNodes: 10_000,
  chain: 100_000,
  chainWarmup: 10_000,
};

export const ELEMENTWISE = {
  x: uniformValues(SIZES.elementwise, 11),
  y: uniformValues(SIZES.elementwise, 12),
  dy: uniformValues(SIZES.elementwise, 13),
};

/** Runs of a second or so: calibration already runs each once more, so one warm-up round is enough. */
const longRuns: Partial<TimingOptions> = { warmupRounds: 1 };

const asMs = (ms: number): number => ms;
const perOpMicros = (ms: number): number => (ms * 1000) / SIZES.opsPerRun;
const gflops =
  (n: number) =>
  (ms: number): number =>
    (2 * n ** 3) / (ms * 1e6);

function contender(label: string, r: Runnable<unknown>, times = 1): Contender {
  if (times === 1) return { label, run: r.run };
  return {
    label,
    run: () => {
      for (let i = 0; i < times; i++) r.run();
    },
  };
}

/** Our engine against a peer engine on the same workload. */
function versus(ours: EngineSuite, peer: EngineSuite, make: (suite: EngineSuite) => Runnable<unknown>, times = 1): () => Pair {
  return () => {
    const a = make(ours);
    const b = make(peer);
    return {
      ours: contender(ours.name, a, times),
      peer: contender(peer.name, b, times),
      dispose: () => {
        a.dispose();
        b.dispose();
      },
    };
  };
}

export function engineComparisons(ours: EngineSuite, peer: EngineSuite): Comparison[] {
  const n = SIZES.matmul;
  const a = uniformValues(n * n, 1);
  const b = uniformValues(n * n, 2);
  const mlp = mlpData(SIZES.mlp, SIZES.mlpBatch);
  const { x, y, dy } = ELEMENTWISE;
  const common = { peerName: peer.name };
  return [
    {
      ...common,
      id: 'matmul-ab',
      title: `float32 matmul ${n}×${n}, A·B`,
      unit: 'GFLOP/s',
      figure: gflops(n),
      timing: longRuns,
      prepare: versus(ours, peer, (s) => s.matmul(n, a, b, false)),
    },
    {
      ...common,
      id: 'matmul-abt',
      title: `float32 matmul ${n}×${n}, A·Bᵀ`,
      unit: 'GFLOP/s',
      figure: gflops(n),
      timing: longRuns,
      prepare: versus(ours, peer, (s) => s.matmul(n, a, b, true)),
    },
    {
      ...common,
      id: 'mlp-step',
      title: 'MLP 784-128-64-10, batch 64: forward + backward + SGD',
      unit: 'ms',
      figure: asMs,
      prepare: versus(ours, peer, (s) => s.mlpStep(mlp)),
    },
    {
      ...common,
      id: 'elementwise-forward',
      title: 'one recorded x*y on [4]: forward',
      unit: 'µs',
      figure: perOpMicros,
      prepare: versus(ours, peer, (s) => s.elementwiseForward(x, y), SIZES.opsPerRun),
    },
    {
      ...common,
      id: 'elementwise-forward-backward',
      title: 'one recorded x*y on [4]: forward + backward',
      unit: 'µs',
      figure: perOpMicros,
      prepare: versus(ours, peer, (s) => s.elementwiseForwardBackward(x, y, dy), SIZES.opsPerRun),
    },
    {
      ...common,
      id: 'scalar-graph',
      title: 'scalar graph, 10,000 nodes: build + backward',
      unit: 'ms',
      figure: asMs,
      prepare: versus(ours, peer, (s) => s.scalarGraph(scalarGraphData(SIZES.scalarGraphNodes))),
    },
    {
      ...common,
      id: 'chain',
      title: '100,000-op chain: build + backward',
      unit: 'ms',
      figure: asMs,
      // One full TF.js run takes seconds: warm up on a shorter chain, once.
      timing: { warmupRounds: 1 },
      prepare: () => {
        const pair = versus(ours, peer, (s) => s.chain(SIZES.chain))();
        const warm =
          (s: EngineSuite): (() => void) =>
          () =>
            s.chain(SIZES.chainWarmup).run();
        return {
          ours: { ...pair.ours, warmup: warm(ours) },
          peer: { ...pair.peer, warmup: warm(peer) },
          dispose: pair.dispose,
        };
      },
    },
    {
      id: 'recorder-cost',
      title: 'MLP step with the trace recorder on',
      unit: 'ms',
      peerName: 'same step, no recorder',
      figure: asMs,
      prepare: () => {
        const withRecorder = ours.mlpStep(mlp);
        const without = ours.mlpStep(mlp);
        return {
          ours: {
            label: 'with recorder',
            run: () => {
              // A fresh recording per step, as a notebook cell gets; dropped afterwards.
              setRecorder(createTraceRecorder().recorder);
              try {
                withRecorder.run();
              } finally {
                setRecorder(null);
              }
            },
          },
          peer: { label: 'no recorder', run: without.run },
          dispose: () => {},
        };
      },
    },
    replaySteppingComparison(),
  ];
}

/** Sends the MLP's data into Python (once per session). */
export function setupPythonMlp(py: BenchPython, data = mlpData(SIZES.mlp, SIZES.mlpBatch)): void {
  const list = (arrays: readonly Float32Array[]): string => JSON.stringify(arrays.map(base64Floats));
  py.exec(
    `bw.setup_mlp(${JSON.stringify(data.sizes)}, ${data.batch}, ${data.learningRate}, ${list(data.weights)}, ` +
      `${list(data.biases)}, ${JSON.stringify(base64Floats(data.input))}, ${JSON.stringify(base64Floats(data.target))})`,
  );
}

export function setupPythonElementwise(py: BenchPython): void {
  py.exec(`bw.setup_elementwise(${JSON.stringify(base64Floats(ELEMENTWISE.x))}, ${JSON.stringify(base64Floats(ELEMENTWISE.y))})`);
}

/** Our engine through Pyodide's Python against the same engine called directly from TypeScript. */
export function pythonComparisons(py: BenchPython, ours: EngineSuite): Comparison[] {
  const peerName = 'engine called from TypeScript';
  return [
    {
      id: 'python-elementwise-forward',
      title: 'Python: recorded x * y on [4] tensors',
      unit: 'µs',
      peerName,
      figure: perOpMicros,
      prepare: () => {
        setupPythonElementwise(py);
        const direct = ours.elementwiseForward(ELEMENTWISE.x, ELEMENTWISE.y);
        return {
          ours: { label: 'through Python', run: () => py.exec(`bw.elementwise_forward(${SIZES.opsPerRun})`) },
          peer: contender('from TypeScript', direct, SIZES.opsPerRun),
          dispose: () => {},
        };
      },
    },
    {
      id: 'python-mlp-step',
      title: 'Python: MLP step (torch.optim.SGD)',
      unit: 'ms',
      peerName,
      figure: asMs,
      prepare: () => {
        setupPythonMlp(py);
        const direct = ours.mlpStep(mlpData(SIZES.mlp, SIZES.mlpBatch));
        return {
          ours: { label: 'through Python', run: () => py.exec('bw.mlp_step()') },
          peer: { label: 'from TypeScript', run: direct.run },
          dispose: () => {},
        };
      },
    },
    recordingCostComparison(py),
  ];
}
