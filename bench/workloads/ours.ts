/** The workloads on Gradscope's engine, through its public API (engine/index.ts) only. */
import { fromArray, noGrad, tensor, Tensor } from '../../engine/index.ts';
import type { MlpData, ScalarGraphData } from '../data.ts';
import { CHAIN_FACTOR, CHAIN_OFFSET, type EngineSuite, type MlpStepResult, type Runnable } from './types.ts';

const float32 = (t: Tensor): Float32Array => Float32Array.from(t.contiguousValues());

function runnable<R>(run: () => R): Runnable<R> {
  return { run: () => void run(), result: run, dispose: () => {} };
}

function matmul(n: number, a: Float32Array, b: Float32Array, transposeB: boolean): Runnable<Float32Array> {
  const A = fromArray(a, [n, n]);
  const B = fromArray(b, [n, n]);
  const product = (): Tensor => A.matmul(transposeB ? B.t() : B);
  return { run: () => void product(), result: () => float32(product()), dispose: () => {} };
}

/** Softmax cross-entropy written with primitive ops (the engine has the same ops as the peer this way). */
function crossEntropy(logits: Tensor, target: Tensor): Tensor {
  const logSumExp = logits.exp().sum(1).log();
  const picked = logits.mul(target).sum(1);
  return logSumExp.sub(picked).mean();
}

function mlpStep(data: MlpData): Runnable<MlpStepResult> {
  const { sizes, batch } = data;
  const weights = data.weights.map((w, i) => fromArray(w, [sizes[i], sizes[i + 1]], 'float32', true));
  const biases = data.biases.map((b, i) => fromArray(b, [sizes[i + 1]], 'float32', true));
  const input = fromArray(data.input, [batch, sizes[0]]);
  const target = fromArray(data.target, [batch, sizes[sizes.length - 1]]);
  const params = [...weights, ...biases];
  const step = (): number => {
    let h = input;
    weights.forEach((w, i) => {
      h = h.matmul(w).add(biases[i]);
      if (i < weights.length - 1) h = h.relu();
    });
    const loss = crossEntropy(h, target);
    loss.backward();
    noGrad(() => {
      for (const p of params) {
        p.add_(p.grad!, -data.learningRate);
        p.grad = null;
      }
    });
    return loss.item() as number;
  };
  return runnable(() => ({ loss: step(), params: params.map(float32) }));
}

function elementwiseForward(x: Float32Array, y: Float32Array): Runnable<Float32Array> {
  const X = fromArray(x, [x.length], 'float32', true);
  const Y = fromArray(y, [y.length]);
  return { run: () => void X.mul(Y), result: () => float32(X.mul(Y)), dispose: () => {} };
}

function elementwiseForwardBackward(x: Float32Array, y: Float32Array, dy: Float32Array): Runnable<Float32Array> {
  const X = fromArray(x, [x.length], 'float32', true);
  const Y = fromArray(y, [y.length]);
  const DY = fromArray(dy, [dy.length]);
  const once = (): Tensor => {
    X.mul(Y).backward(DY);
    const g = X.grad!;
    X.grad = null;
    return g;
  };
  return { run: () => void once(), result: () => float32(once()), dispose: () => {} };
}

function scalarGraph(data: ScalarGraphData): Runnable<{ value: number; grads: Float32Array }> {
  const multipliers = Array.from(data.multipliers, (v) => tensor(v, 'float32', true));
  const addends = Array.from(data.addends, (v) => tensor(v, 'float32', true));
  const leaves = [...multipliers, ...addends];
  const once = (): { value: number; grads: Float32Array } => {
    let v = tensor(data.start, 'float32', true);
    for (let i = 0; i < data.steps; i++) {
      v = v.mul(multipliers[i % multipliers.length]).add(addends[i % addends.length]);
    }
    v.backward();
    const grads = Float32Array.from(leaves, (l) => l.grad!.item() as number);
    for (const l of leaves) l.grad = null;
    return { value: v.item() as number, grads };
  };
  return runnable(once);
}

function chain(length: number): Runnable<number> {
  const factor = tensor(CHAIN_FACTOR, 'float32');
  const offset = tensor(CHAIN_OFFSET, 'float32');
  const once = (): number => {
    const x = tensor(1, 'float32', true);
    let v = x;
    for (let i = 0; i < length; i++) v = i % 2 === 0 ? v.mul(factor) : v.add(offset);
    v.backward();
    return x.grad!.item() as number;
  };
  return runnable(once);
}

export const oursSuite: EngineSuite = {
  name: 'Gradscope engine',
  matmul,
  mlpStep,
  elementwiseForward,
  elementwiseForwardBackward,
  scalarGraph,
  chain,
};
