/** torch.autograd.grad and torch.autograd.backward. */
import type { Tensor } from '../tensor.ts';
import * as engine from './engine.ts';

const asList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);

/** torch.autograd.grad: gradients of `outputs` w.r.t. `inputs`, without touching any `.grad`. */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  gradOutputs?: Tensor | null | readonly (Tensor | null)[],
  retainGraph?: boolean | null,
  createGraph = false,
  allowUnused = false,
): (Tensor | null)[] {
  const outs = asList(outputs);
  const seeds = gradOutputs === undefined || gradOutputs === null ? outs.map(() => null) : asList(gradOutputs);
  return engine.grad({ roots: outs, grads: seeds, retainGraph: retainGraph ?? createGraph, createGraph, inputs: asList(inputs), allowUnused });
}

/** torch.autograd.backward: accumulate gradients of `tensors` into the leaves. */
export function backward(
  tensors: Tensor | readonly Tensor[],
  gradTensors?: Tensor | null | readonly (Tensor | null)[],
  retainGraph?: boolean | null,
  createGraph = false,
  inputs?: Tensor | readonly Tensor[] | null,
): void {
  const outs = asList(tensors);
  const seeds = gradTensors === undefined || gradTensors === null ? outs.map(() => null) : asList(gradTensors);
  const only = inputs === undefined || inputs === null ? null : asList(inputs);
  engine.backward({ roots: outs, grads: seeds, retainGraph: retainGraph ?? createGraph, createGraph, inputs: only });
}
