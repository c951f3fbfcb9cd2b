/**
 * The same workloads on TensorFlow.js's CPU backend (the peer). TF.js records a tape only inside
 * its gradient functions, so a "recorded" op here is the op inside tf.grad; tensors are disposed
 * as a TF.js program must, or memory grows across repeats.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core's Node build registers no gradients (its register_all_gradients is bundler-only ESM);
// the union package's Node build carries them, as every TF.js program in Node gets them.
import '@tensorflow/tfjs';
import type { MlpData, ScalarGraphData } from '../data.ts';
import { CHAIN_FACTOR, CHAIN_OFFSET, type EngineSuite, type MlpStepResult, type Runnable } from './types.ts';

const float32 = (t: tf.Tensor): Float32Array => Float32Array.from(t.dataSync() as Float32Array);

function matmul(n: number, a: Float32Array, b: Float32Array, transposeB: boolean): Runnable<Float32Array> {
  const A = tf.tensor2d(a, [n, n]);
  const B = tf.tensor2d(b, [n, n]);
  const product = (): tf.Tensor => tf.matMul(A, B, false, transposeB);
  return {
    run: () => product().dispose(),
    result: () => {
      const p = product();
      const values = float32(p);
      p.dispose();
      return values;
    },
    dispose: () => tf.dispose([A, B]),
  };
}

let variableCount = 0;

function mlpStep(data: MlpData): Runnable<MlpStepResult> {
  const { sizes, batch } = data;
  const unique = `mlp${variableCount++}`;
  const weights = data.weights.map((w, i) => tf.variable(tf.tensor2d(w, [sizes[i], sizes[i + 1]]), true, `${unique}w${i}`));
  const biases = data.biases.map((b, i) => tf.variable(tf.tensor1d(b), true, `${unique}b${i}`));
  const params = [...weights, ...biases];
  const input = tf.tensor2d(data.input, [batch, sizes[0]]);
  const target = tf.tensor2d(data.target, [batch, sizes[sizes.length - 1]]);
  const loss = (): tf.Scalar => {
    let h: tf.Tensor = input;
    weights.forEach((w, i) => {
      h = tf.add(tf.matMul(h, w), biases[i]);
      if (i < weights.length - 1) h = tf.relu(h);
    });
    const logSumExp = tf.log(tf.sum(tf.exp(h), 1));
    const picked = tf.sum(tf.mul(h, target), 1);
    return tf.mean(tf.sub(logSumExp, picked)) as tf.Scalar;
  };
  const step = (): number =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, params);
      for (const p of params) p.assign(tf.sub(p, tf.mul(grads[p.name], data.learningRate)));
      return value.dataSync()[0];
    });
  return {
    run: () => void step(),
    result: () => ({ loss: step(), params: params.map(float32) }),
    dispose: () => tf.dispose([...params, input, target]),
  };
}

function elementwiseForward(x: Float32Array, y: Float32Array): Runnable<Float32Array> {
  const X = tf.tensor1d(x);
  const Y = tf.tensor1d(y);
  return {
    run: () => tf.mul(X, Y).dispose(),
    result: () => tf.tidy(() => float32(tf.mul(X, Y))),
    dispose: () => tf.dispose([X, Y]),
  };
}

function elementwiseForwardBackward(x: Float32Array, y: Float32Array, dy: Float32Array): Runnable<Float32Array> {
  const X = tf.tensor1d(x);
  const Y = tf.tensor1d(y);
  const DY = tf.tensor1d(dy);
  const gradOfX = tf.grad((v: tf.Tensor) => tf.mul(v, Y));
  return {
    run: () => gradOfX(X, DY).dispose(),
    result: () => tf.tidy(() => float32(gradOfX(X, DY))),
    dispose: () => tf.dispose([X, Y, DY]),
  };
}

function scalarGraph(data: ScalarGraphData): Runnable<{ value: number; grads: Float32Array }> {
  const multipliers = Array.from(data.multipliers, (v) => tf.scalar(v));
  const addends = Array.from(data.addends, (v) => tf.scalar(v));
  const leaves = [...multipliers, ...addends];
  const count = multipliers.length;
  let value = 0;
  const build = (...args: tf.Tensor[]): tf.Tensor => {
    let v: tf.Tensor = tf.scalar(data.start);
    for (let i = 0; i < data.steps; i++) v = tf.add(tf.mul(v, args[i % count]), args[count + (i % count)]);
    value = v.dataSync()[0];
    return v;
  };
  const gradsOf = tf.grads(build);
  const once = (): { value: number; grads: Float32Array } =>
    tf.tidy(() => {
      const grads = gradsOf(leaves);
      return { value, grads: Float32Array.from(grads, (g) => g.dataSync()[0]) };
    });
  return { run: () => void once(), result: once, dispose: () => tf.dispose(leaves) };
}

function chain(length: number): Runnable<number> {
  const factor = tf.scalar(CHAIN_FACTOR);
  const offset = tf.scalar(CHAIN_OFFSET);
  const gradOfX = tf.grad((x: tf.Tensor) => {
    let v = x;
    for (let i = 0; i < length; i++) v = i % 2 === 0 ? tf.mul(v, factor) : tf.add(v, offset);
    return v;
  });
  const once = (): number => tf.tidy(() => gradOfX(tf.scalar(1)).dataSync()[0]);
  return { run: () => void once(), result: once, dispose: () => tf.dispose([factor, offset]) };
}

/** TF.js with its CPU backend selected and ready. */
export async function createTfSuite(): Promise<EngineSuite> {
  // Production mode, as a deployed TF.js app runs: no per-op debug checks, no Node warning.
  tf.enableProdMode();
  await tf.setBackend('cpu');
  await tf.ready();
  return {
    name: `TF.js ${tf.version_core} CPU`,
    matmul,
    mlpStep,
    elementwiseForward,
    elementwiseForwardBackward,
    scalarGraph,
    chain,
  };
}
