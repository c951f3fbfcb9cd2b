/** What every engine under test implements, so a workload is written once per engine and compared pairwise. */
import type { MlpData, ScalarGraphData } from '../data.ts';

/** A prepared workload: `run` is the timed unit; `result` runs it once more and returns numbers to compare. */
export interface Runnable<R> {
  run(): void;
  result(): R;
  dispose(): void;
}

export interface MlpStepResult {
  readonly loss: number;
  /** Every parameter after the SGD step, weights then biases, layer by layer. */
  readonly params: readonly Float32Array[];
}

export interface ScalarGraphResult {
  readonly value: number;
  /** Gradients of the multiplier leaves, then of the addend leaves. */
  readonly grads: Float32Array;
}

export interface EngineSuite {
  readonly name: string;
  /** n×n float32 product A·B, or A·Bᵀ when `transposeB` (B's transpose is a view, not a copy). */
  matmul(n: number, a: Float32Array, b: Float32Array, transposeB: boolean): Runnable<Float32Array>;
  /** Forward (ReLU MLP, softmax cross-entropy), backward, SGD update, gradients cleared. */
  mlpStep(data: MlpData): Runnable<MlpStepResult>;
  /** `x * y` where x requires grad (a recorded op); the result is the product. */
  elementwiseForward(x: Float32Array, y: Float32Array): Runnable<Float32Array>;
  /** `x * y` then its backward with upstream gradient `dy`; the result is x's gradient. */
  elementwiseForwardBackward(x: Float32Array, y: Float32Array, dy: Float32Array): Runnable<Float32Array>;
  /** Build `v = v * m[i] + a[i]` over 0-d leaves, then backward from v. */
  scalarGraph(data: ScalarGraphData): Runnable<ScalarGraphResult>;
  /** A chain of `length` ops (alternating ×0.9999 and +0.0001) on one 0-d leaf, then backward; the result is the leaf's gradient. */
  chain(length: number): Runnable<number>;
}

/** The chain's constants, shared so both engines compute the same function. */
export const CHAIN_FACTOR = 0.9999;
export const CHAIN_OFFSET = 0.0001;
