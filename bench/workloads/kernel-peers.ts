/**
 * Issue #11's kernel workloads (products, an MLP step, 1M-float elementwise and transcendental
 * ops, softmax, conv2d) on each JavaScript library the peer table compares: Gradscope's engine,
 * TensorFlow.js (whichever backend is active when a workload is prepared) and js-pytorch. Each
 * `prepare` returns the timed run; a library without the op returns null ("n/a" in the table).
 * Native PyTorch runs the same list in bench/python/torch_peers.py.
 */
import * as tf from '@tensorflow/tfjs-core';
import { callOp, fromArray, noGrad, type Tensor } from '../../engine/index.ts';
import type { MlpData } from '../data.ts';

export type UnaryKernel = 'exp' | 'log' | 'tanh' | 'sigmoid';
export type BinaryKernel = 'add' | 'mul';

/** conv2d's shapes: input [batch, inChannels, size, size], weight [outChannels, inChannels, k, k], padding k/2. */
export const CONV = { batch: 8, inChannels: 16, outChannels: 32, size: 32, kernel: 3 } as const;

export interface KernelLibrary {
  readonly name: string;
  matmul(n: number, a: Float32Array, b: Float32Array, ta: boolean, tb: boolean): (() => void) | null;
  /** [batch, n, n] @ [batch, n, n] from the first batch·n² values of a and b. */
  batchedMatmul(batch: number, n: number, a: Float32Array, b: Float32Array): (() => void) | null;
  mlpStep(data: MlpData): (() => void) | null;
  /** A plain copy of n floats: the memory-bandwidth reference. */
  copy(x: Float32Array): (() => void) | null;
  /** The copy into a newly allocated array: the price of fresh memory every op's result pays. */
  freshCopy(x: Float32Array): (() => void) | null;
  binary(op: BinaryKernel, a: Float32Array, b: Float32Array): (() => void) | null;
  unary(op: UnaryKernel, x: Float32Array): (() => void) | null;
  /** softmax over the last dim of a [rows, x.length / rows] tensor. */
  softmax(rows: number, x: Float32Array): (() => void) | null;
  conv2d(x: Float32Array, w: Float32Array, backward: boolean): (() => void) | null;
}

const { batch, inChannels, outChannels, size, kernel } = CONV;
const pad = kernel >> 1;

export const gradscopeLibrary: KernelLibrary = {
  name: 'Gradscope',
  matmul(n, a, b, ta, tb) {
    const A = fromArray(a, [n, n]),
      B = fromArray(b, [n, n]);
    const left = ta ? A.t() : A,
      right = tb ? B.t() : B;
    return () => void left.matmul(right);
  },
  batchedMatmul(batch, n, a, b) {
    const A = fromArray(a.subarray(0, batch * n * n), [batch, n, n]),
      B = fromArray(b.subarray(0, batch * n * n), [batch, n, n]);
    return () => void A.matmul(B);
  },
  mlpStep(data) {
    const { sizes } = data;
    const weights = data.weights.map((w, i) => fromArray(w, [sizes[i]!, sizes[i + 1]!], 'float32', true));
    const biases = data.biases.map((b, i) => fromArray(b, [sizes[i + 1]!], 'float32', true));
    const input = fromArray(data.input, [data.batch, sizes[0]!]);
    const target = fromArray(data.target, [data.batch, sizes[sizes.length - 1]!]);
    const params = [...weights, ...biases];
    return () => {
      let h = input;
      weights.forEach((w, i) => {
        h = h.matmul(w).add(biases[i]!);
        if (i < weights.length - 1) h = h.relu();
      });
      const loss = h.exp().sum(1).log().sub(h.mul(target).sum(1)).mean();
      loss.backward();
      noGrad(() => {
        for (const p of params) {
          p.add_(p.grad!, -data.learningRate);
          p.grad = null;
        }
      });
      void loss.item();
    };
  },
  copy(x) {
    const out = new Float32Array(x.length);
    return () => out.set(x);
  },
  freshCopy: (x) => () => new Float32Array(x.length).set(x),
  binary(op, a, b) {
    const A = fromArray(a, [a.length]),
      B = fromArray(b, [b.length]);
    return op === 'add' ? () => void A.add(B) : () => void A.mul(B);
  },
  unary(op, x) {
    const X = fromArray(x, [x.length]);
    return () => void X[op]();
  },
  softmax(rows, x) {
    const X = fromArray(x, [rows, x.length / rows]);
    return () => void callOp('softmax', X, -1);
  },
  conv2d(x, w, backward) {
    const X = fromArray(x, [batch, inChannels, size, size], 'float32', backward);
    const W = fromArray(w, [outChannels, inChannels, kernel, kernel], 'float32', backward);
    const conv = (): Tensor => callOp('convolution', X, W, null, [1, 1], [pad, pad], [1, 1], false, [0, 0], 1) as Tensor;
    if (!backward) return () => void conv();
    return () => {
      conv().sum().backward();
      X.grad = null;
      W.grad = null;
    };
  },
};

/** TF.js: tensors live on the backend active when the workload is prepared (the caller selects it). */
export function tfLibrary(name: string): KernelLibrary {
  const timed =
    (run: () => void): (() => void) =>
    () =>
      tf.tidy(run);
  return {
    name,
    matmul(n, a, b, ta, tb) {
      const A = tf.tensor2d(a, [n, n]),
        B = tf.tensor2d(b, [n, n]);
      return () => {
        const c = tf.matMul(A, B, ta, tb);
        c.dataSync();
        c.dispose();
      };
    },
    batchedMatmul(batch, n, a, b) {
      const A = tf.tensor3d(a.subarray(0, batch * n * n), [batch, n, n]),
        B = tf.tensor3d(b.subarray(0, batch * n * n), [batch, n, n]);
      return timed(() => void tf.matMul(A, B).dataSync());
    },
    mlpStep(data) {
      const { sizes } = data;
      const weights = data.weights.map((w, i) => tf.variable(tf.tensor2d(w, [sizes[i]!, sizes[i + 1]!])));
      const biases = data.biases.map((b) => tf.variable(tf.tensor1d(b)));
      const params = [...weights, ...biases];
      const input = tf.tensor2d(data.input, [data.batch, sizes[0]!]);
      const target = tf.tensor2d(data.target, [data.batch, sizes[sizes.length - 1]!]);
      const loss = (): tf.Scalar => {
        let h: tf.Tensor = input;
        weights.forEach((w, i) => {
          h = tf.add(tf.matMul(h, w), biases[i]!);
          if (i < weights.length - 1) h = tf.relu(h);
        });
        return tf.mean(tf.sub(tf.log(tf.sum(tf.exp(h), 1)), tf.sum(tf.mul(h, target), 1))) as tf.Scalar;
      };
      return () =>
        tf.tidy(() => {
          const { value, grads } = tf.variableGrads(loss, params);
          for (const p of params) p.assign(tf.sub(p, tf.mul(grads[p.name]!, data.learningRate)));
          value.dataSync();
        });
    },
    copy: () => null,
    freshCopy: () => null,
    binary(op, a, b) {
      const A = tf.tensor1d(a),
        B = tf.tensor1d(b);
      return timed(() => void (op === 'add' ? tf.add(A, B) : tf.mul(A, B)).dataSync());
    },
    unary(op, x) {
      const X = tf.tensor1d(x);
      return timed(() => void tf[op](X).dataSync());
    },
    softmax(rows, x) {
      const X = tf.tensor2d(x, [rows, x.length / rows]);
      return timed(() => void tf.softmax(X).dataSync());
    },
    conv2d(x, w, backward) {
      // TF.js convolves NHWC inputs with HWIO filters: the same arithmetic, its own layout.
      const X = tf.transpose(tf.tensor4d(x, [batch, inChannels, size, size]), [0, 2, 3, 1]) as tf.Tensor4D;
      const W = tf.transpose(tf.tensor4d(w, [outChannels, inChannels, kernel, kernel]), [2, 3, 1, 0]) as tf.Tensor4D;
      const conv = (a: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D => tf.conv2d(a, b, 1, 'same');
      if (!backward) return timed(() => void conv(X, W).dataSync());
      const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv(a as tf.Tensor4D, b as tf.Tensor4D)));
      return timed(() => grads([X, W]).forEach((g) => void g.dataSync()));
    },
  };
}

/** js-pytorch's API, as much of it as the workloads use (it ships no types for a typed import here). */
interface JsPytorch {
  tensor(data: unknown, requiresGrad?: boolean): JsTensor;
  matmul(a: JsTensor, b: JsTensor): JsTensor;
  add(a: JsTensor, b: JsTensor): JsTensor;
  mul(a: JsTensor, b: JsTensor): JsTensor;
  exp(a: JsTensor): JsTensor;
  log(a: JsTensor): JsTensor;
  nn: {
    Linear: new (inSize: number, outSize: number) => JsModule;
    ReLU: new () => JsModule;
    Softmax: new () => { forward(z: JsTensor, dim?: number): JsTensor };
    CrossEntropyLoss: new () => { forward(z: JsTensor, y: JsTensor): JsTensor };
  };
  optim: { Adam: new (params: unknown[], lr?: number) => { step(): void; zero_grad(): void } };
}
interface JsTensor {
  transpose(d1: number, d2: number): JsTensor;
  backward(): void;
}
interface JsModule {
  forward(x: JsTensor): JsTensor;
  parameters(): unknown[];
}

/** Nested arrays, as js-pytorch stores tensors. */
function nested(values: Float32Array, rows: number): number[][] {
  const cols = values.length / rows;
  return Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * cols, (r + 1) * cols)));
}

/** js-pytorch (a dev dependency for this table only), or null when it is not installed. */
export async function jsPytorchLibrary(): Promise<KernelLibrary | null> {
  let torch: JsPytorch;
  try {
    // A specifier in a variable: js-pytorch is an optional dependency (its native `gl` often fails to
    // build), so the type check must not require it to be installed.
    const specifier = 'js-pytorch';
    ({ torch } = (await import(specifier)) as { torch: JsPytorch });
  } catch {
    return null;
  }
  return {
    name: 'js-pytorch',
    matmul(n, a, b, ta, tb) {
      // No strided views: a transposed operand is materialised inside the timed run.
      const A = torch.tensor(nested(a, n)),
        B = torch.tensor(nested(b, n));
      return () => void torch.matmul(ta ? A.transpose(0, 1) : A, tb ? B.transpose(0, 1) : B);
    },
    batchedMatmul: () => null,
    mlpStep(data) {
      const { sizes } = data;
      const layers = sizes.slice(1).map((s, i) => new torch.nn.Linear(sizes[i]!, s));
      const relu = new torch.nn.ReLU();
      const loss = new torch.nn.CrossEntropyLoss();
      // Its only optimiser is Adam: the update is a few elementwise passes either way.
      const optimizer = new torch.optim.Adam(
        layers.flatMap((l) => l.parameters()),
        data.learningRate,
      );
      const input = torch.tensor(nested(data.input, data.batch));
      const classes = sizes[sizes.length - 1]!;
      const labels = torch.tensor(Array.from({ length: data.batch }, (_, r) => data.target.subarray(r * classes, (r + 1) * classes).indexOf(1)));
      return () => {
        let h = input;
        layers.forEach((l, i) => {
          h = l.forward(h);
          if (i < layers.length - 1) h = relu.forward(h);
        });
        loss.forward(h, labels).backward();
        optimizer.step();
        optimizer.zero_grad();
      };
    },
    copy: () => null,
    freshCopy: () => null,
    binary(op, a, b) {
      const A = torch.tensor(nested(a, 1000)),
        B = torch.tensor(nested(b, 1000));
      return () => void torch[op](A, B);
    },
    unary(op, x) {
      if (op !== 'exp' && op !== 'log') return null;
      const X = torch.tensor(nested(x, 1000));
      return () => void torch[op](X);
    },
    softmax(rows, x) {
      const X = torch.tensor(nested(x, rows));
      const softmax = new torch.nn.Softmax();
      return () => void softmax.forward(X, -1);
    },
    conv2d: () => null,
  };
}
