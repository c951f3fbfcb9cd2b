/**
 * gradcheck: compares the engine's gradients with central finite differences, entry by entry, so
 * a failure says which Jacobian entries are wrong. gradgradcheck does the same for a backward
 * differentiated under create_graph. Both follow PyTorch's slow-mode gradcheck: one Jacobian per
 * (differentiable output, differentiable input) pair, checked in that order, with the same
 * closeness test |analytical − numerical| ≤ atol + rtol·|numerical|.
 */
import { fromArray } from '../creation.ts';
import { allocate, isFloating, type DType } from '../dtype.ts';
import { defaultGenerator, uniformFill } from '../random/index.ts';
import { Tensor } from '../tensor.ts';
import { grad } from './api.ts';
import { enableGrad } from './grad-mode.ts';

export interface GradcheckOptions {
  readonly eps?: number;
  readonly atol?: number;
  readonly rtol?: number;
  /** gradgradcheck only: the upstream gradients (default: uniform on [-1, 1), as PyTorch draws them). */
  readonly gradOutputs?: readonly Tensor[] | null;
}

export interface JacobianMismatch {
  /** Which differentiable output, which input, which of its elements (row-major), which output element. */
  readonly output: number;
  readonly input: number;
  readonly inputIndex: number;
  readonly outputIndex: number;
  readonly analytical: number;
  readonly numerical: number;
}

/** One output/input pair's Jacobians as [input element][output element], as PyTorch prints them. */
export interface JacobianCheck {
  readonly output: number;
  readonly input: number;
  /** Which of the differentiable inputs (PyTorch's "with respect to input N"). */
  readonly wrtInput: number;
  /** PyTorch allocates the numerical Jacobian in the output's dtype, the analytical in the input's. */
  readonly outputDtype: DType;
  readonly inputDtype: DType;
  readonly numerical: number[][];
  readonly analytical: number[][];
  readonly ok: boolean;
}

export interface GradcheckResult {
  readonly ok: boolean;
  readonly mismatches: JacobianMismatch[];
  /** Every pair, in PyTorch's checking order (output-major): the first failing one is PyTorch's error. */
  readonly jacobians: JacobianCheck[];
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

const asOutputs = (result: Tensor | readonly Tensor[]): Tensor[] => (result instanceof Tensor ? [result] : [...result]);

/** The outputs gradients flow through (PyTorch's `_differentiable_outputs`). */
export const differentiableOutputs = (result: Tensor | readonly Tensor[]): Tensor[] => asOutputs(result).filter((t) => t.requiresGrad);

/** Storage positions of a tensor's elements in row-major order (inputs may be non-contiguous views). */
function storagePositions(t: Tensor): number[] {
  const positions: number[] = [];
  const walk = (dim: number, at: number): void => {
    if (dim === t.shape.length) {
      positions.push(at);
      return;
    }
    for (let i = 0; i < t.shape[dim]; i++) walk(dim + 1, at + i * t.strides[dim]);
  };
  walk(0, t.offset);
  return positions;
}

/** Finite-difference and autograd Jacobians of fn at inputs, compared pair by pair. */
export function gradcheck(fn: Fn, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const { outputs, wrt, numerical, tolerance } = numericalSide(fn, inputs, options);

  return compareJacobians(inputs, outputs, wrt, numerical, (out) => analyticalJacobians(out, wrt), tolerance);
}

/**
 * What both checks start from: fn's differentiable outputs at inputs, the inputs that require grad,
 * their central-difference Jacobians, and the tolerance (PyTorch's defaults unless given).
 */
export function numericalSide(fn: Fn, inputs: Tensor[], options: GradcheckOptions) {
  const eps = options.eps ?? 1e-6;
  const tolerance = { atol: options.atol ?? 1e-5, rtol: options.rtol ?? 1e-3 };
  // Grad mode stays on: a second-order check's function itself calls autograd.grad.
  const outputs = enableGrad(() => differentiableOutputs(fn(...inputs)));
  const wrt = inputs.filter((t) => t.requiresGrad && isFloating(t.dtype));
  const numerical = numericalJacobians(fn, wrt, inputs, outputs.length, eps);
  return { outputs, wrt, numerical, tolerance };
}

/**
 * The closeness test shared by the reverse- and forward-mode checks: for each output and each
 * input that requires grad, numerical and analytical Jacobians entry by entry. `analyticalOf(out, o)`
 * gives that output's [wrt input][input element][output element].
 */
export function compareJacobians(
  inputs: readonly Tensor[],
  outputs: readonly Tensor[],
  wrt: readonly Tensor[],
  numerical: number[][][][],
  analyticalOf: (out: Tensor, o: number) => number[][][],
  { atol, rtol }: { atol: number; rtol: number },
): GradcheckResult {
  const jacobians: JacobianCheck[] = [];
  const mismatches: JacobianMismatch[] = [];
  outputs.forEach((out, o) => {
    const analytical = analyticalOf(out, o);
    wrt.forEach((t, w) => {
      const input = inputs.indexOf(t);
      let ok = true;
      numerical[w][o].forEach((row, j) =>
        row.forEach((n, k) => {
          const a = analytical[w][j]?.[k] ?? Number.NaN;
          if (Math.abs(a - n) <= atol + rtol * Math.abs(n)) return;
          ok = false;
          mismatches.push({ output: o, input, inputIndex: j, outputIndex: k, analytical: a, numerical: n });
        }),
      );
      jacobians.push({ output: o, input, wrtInput: w, outputDtype: out.dtype, inputDtype: t.dtype, numerical: numerical[w][o], analytical: analytical[w], ok });
    });
  });
  return { ok: mismatches.length === 0, mismatches, jacobians };
}

/** [wrt input][output][input element][output element] by central differences, minus side first as PyTorch. */
export function numericalJacobians(fn: Fn, wrt: Tensor[], inputs: Tensor[], outCount: number, eps: number): number[][][][] {
  const evaluate = (): number[][] => enableGrad(() => differentiableOutputs(fn(...inputs)).map((t) => t.toArray()));
  return wrt.map((t) => {
    const perOutput: number[][][] = Array.from({ length: outCount }, () => []);
    for (const at of storagePositions(t)) {
      const original = t.data[at];
      t.data[at] = original - eps;
      const minus = evaluate();
      t.data[at] = original + eps;
      const plus = evaluate();
      t.data[at] = original;
      for (let o = 0; o < outCount; o++) perOutput[o].push(plus[o].map((p, k) => (p - minus[o][k]) / (2 * eps)));
    }
    return perOutput;
  });
}

/** [wrt input][input element][output element]: one vector-Jacobian product per output element. */
function analyticalJacobians(out: Tensor, wrt: Tensor[]): number[][][] {
  const n = out.numel();
  const jac = wrt.map((t) => Array.from({ length: t.numel() }, () => new Array<number>(n).fill(0)));
  for (let k = 0; k < n; k++) {
    const seed = new Array<number>(n).fill(0);
    seed[k] = 1;
    const grads = grad(out, wrt, fromArray(seed, out.shape, out.dtype), true, false, true);
    grads.forEach((g, w) => g?.toArray().forEach((v, j) => (jac[w][j][k] = v)));
  }
  return jac;
}

/**
 * Second derivatives, as PyTorch's gradgradcheck: gradcheck of (inputs, w) ↦ ∂(w·f)/∂inputs taken
 * with create_graph, so the backward rules themselves are differentiated. The upstream gradients w
 * are drawn uniformly from [-1, 1) with the default generator, as torch.testing.make_tensor does
 * (so the random numbers a program draws afterwards match PyTorch's).
 */
export function gradgradcheck(fn: Fn, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const probe = enableGrad(() => differentiableOutputs(fn(...inputs)));
  const upstream = options.gradOutputs ? [...options.gradOutputs] : probe.map((o) => randomGradOutput(o));
  const differentiable = inputs.map((t) => t.requiresGrad);
  const secondOrder: Fn = (...all) => {
    const xs = all.slice(0, inputs.length);
    const outs = differentiableOutputs(fn(...xs));
    const grads = grad(
      outs,
      xs.filter((_, i) => differentiable[i]),
      all.slice(inputs.length),
      true,
      true,
      true,
    );
    return grads.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(secondOrder, [...inputs, ...upstream], options);
}

/** high·r + low·(1 − r) with r = rand(shape), low = −1, high = 1, in the output's dtype. */
function randomGradOutput(like: Tensor): Tensor {
  const dtype = isFloating(like.dtype) ? like.dtype : 'float64';
  const r = allocate(dtype, like.numel()) as Float32Array | Float64Array;
  uniformFill(defaultGenerator, r, 0, 1);
  const round = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const values = Array.from(r, (v) => round(v - round(1 - v)));
  return fromArray(values, like.shape, dtype, true);
}
