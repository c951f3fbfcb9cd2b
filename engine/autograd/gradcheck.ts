/**
 * gradcheck: compares the engine's gradients with central finite differences, entry by entry, so
 * a failure says which Jacobian entries are wrong. gradgradcheck does the same for a backward
 * differentiated under create_graph.
 */
import { fromArray } from '../creation.ts';
import { isFloating } from '../dtype.ts';
import { mul, sum } from '../ops/functional.ts';
import type { Tensor } from '../tensor.ts';
import { grad } from './api.ts';
import { enableGrad } from './grad-mode.ts';

export interface GradcheckOptions {
  readonly eps?: number;
  readonly atol?: number;
  readonly rtol?: number;
}

export interface JacobianMismatch {
  /** Which input, which of its elements (row-major), which output element. */
  readonly input: number;
  readonly inputIndex: number;
  readonly outputIndex: number;
  readonly analytical: number;
  readonly numerical: number;
}

export interface GradcheckResult {
  readonly ok: boolean;
  readonly mismatches: JacobianMismatch[];
}

type Fn = (...inputs: Tensor[]) => Tensor;

// Grad mode stays on: a second-order check's function itself calls autograd.grad.
function evaluate(fn: Fn, inputs: Tensor[]): number[] {
  return enableGrad(() => fn(...inputs).toArray());
}

/** Finite-difference and autograd Jacobians of fn at inputs (contiguous float64 leaves), compared. */
export function gradcheck(fn: Fn, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const output = fn(...inputs);
  const outCount = output.numel();
  const mismatches: JacobianMismatch[] = [];
  const differentiable = inputs.map((t) => t.requiresGrad && isFloating(t.dtype));

  // Analytical: one backward per output element (row k of the Jacobian).
  const analytical: number[][][] = inputs.map((t) => Array.from({ length: t.numel() }, () => new Array<number>(outCount).fill(0)));
  for (let k = 0; k < outCount; k++) {
    const seed = new Array<number>(outCount).fill(0);
    seed[k] = 1;
    const wrt = inputs.filter((_, i) => differentiable[i]);
    const grads = grad(fn(...inputs), wrt, fromArray(seed, output.shape, output.dtype), false, false, true);
    let g = 0;
    inputs.forEach((t, i) => {
      if (!differentiable[i]) return;
      const gi = grads[g++];
      const values = gi ? gi.toArray() : new Array<number>(t.numel()).fill(0);
      values.forEach((v, j) => (analytical[i][j][k] = v));
    });
  }

  inputs.forEach((t, i) => {
    if (!differentiable[i]) return;
    const data = t.data;
    for (let j = 0; j < t.numel(); j++) {
      const at = t.offset + j;
      const original = data[at];
      data[at] = original + eps;
      const plus = evaluate(fn, inputs);
      data[at] = original - eps;
      const minus = evaluate(fn, inputs);
      data[at] = original;
      for (let k = 0; k < outCount; k++) {
        const numerical = (plus[k] - minus[k]) / (2 * eps);
        const a = analytical[i][j][k];
        if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
          mismatches.push({ input: i, inputIndex: j, outputIndex: k, analytical: a, numerical });
        }
      }
    }
  });
  return { ok: mismatches.length === 0, mismatches };
}

/**
 * Second derivatives: gradcheck of v ↦ Σᵢ ⟨∂(w·f)/∂xᵢ, rᵢ⟩, where the inner gradient is taken with
 * create_graph, so the backward rules themselves are differentiated.
 */
export function gradgradcheck(fn: Fn, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const probe = fn(...inputs);
  // The upstream gradient w is an input too (as in PyTorch's gradgradcheck): the result then
  // depends on it even when fn is linear, and its own derivative is checked.
  const w = fromArray(pseudoRandom(probe.numel(), 1), probe.shape, probe.dtype, true);
  const r = inputs.map((t, i) => fromArray(pseudoRandom(t.numel(), i + 2), t.shape, t.dtype));
  const differentiable = inputs.map((t) => t.requiresGrad);
  const secondOrder: Fn = (...all) => {
    const xs = all.slice(0, inputs.length);
    const upstream = all[inputs.length];
    const wrt = xs.filter((_, i) => differentiable[i]);
    const grads = grad(fn(...xs), wrt, upstream, true, true, true);
    let total: Tensor | null = null;
    let g = 0;
    xs.forEach((_, i) => {
      if (!differentiable[i]) return;
      const gi = grads[g++];
      if (!gi) return;
      const term = sum(mul(gi, r[i]));
      total = total ? total.add(term) : term;
    });
    return total ?? sum(mul(upstream, 0));
  };
  return gradcheck(secondOrder, [...inputs, w], options);
}

/** Deterministic values in [-1, 1) (tests must not depend on Math.random). */
function pseudoRandom(n: number, seed: number): number[] {
  let s = seed * 2654435761;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  });
}
