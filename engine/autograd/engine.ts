/**
 * The backward engine, iterative (no recursion, so 100,000-node chains are fine): count each
 * node's dependencies, then run nodes from a ready queue ordered as PyTorch's, summing gradients
 * at fan-outs and accumulating into leaves' `.grad`.
 */
import { runtimeError } from '../errors.ts';
import { add, sumToSize, to } from '../ops/functional.ts';
import { contiguousCopy } from '../ops/tensor-utils.ts';
import { isExpandableTo, sameShape, shapeText } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { getRecorder } from '../trace/recorder-hooks.ts';
import { onesLike } from '../creation.ts';
import { isAnomalyCheckNanEnabled, isAnomalyEnabled, isNanGradientError, nanGradientError, reportAnomaly } from './anomaly.ts';
import { noGrad, withGradMode } from './grad-mode.ts';
import { AccumulateGrad, gradientEdge, hookInfoOf, type GradNode } from './node.ts';
import { ReadyQueue } from './ready-queue.ts';
import { checkInterrupt } from '../interrupt.ts';

/** What a backward pass starts from and how it treats the graph afterwards. */
export interface BackwardPass {
  /** The tensors to differentiate (`tensors` / `outputs`). */
  readonly roots: readonly Tensor[];
  /** One seed gradient per root; null = implicit ones, allowed for one-element roots only. */
  readonly grads: readonly (Tensor | null)[];
  /** Keep the saved tensors so the graph can be walked again (`retain_graph`). */
  readonly retainGraph: boolean;
  /** Record the backward itself so it can be differentiated (`create_graph`). */
  readonly createGraph: boolean;
}

export interface BackwardOptions extends BackwardPass {
  /** `backward(inputs=...)`: only these tensors' `.grad` receive gradients; null = every leaf. */
  readonly inputs: readonly Tensor[] | null;
}

export interface GradOptions extends BackwardPass {
  /** The tensors whose gradients are returned (`autograd.grad`'s `inputs`); no `.grad` changes. */
  readonly inputs: readonly Tensor[];
  /** Return null for an input the roots do not depend on, instead of raising. */
  readonly allowUnused: boolean;
}

/** torch.autograd.backward: accumulate the roots' gradients into the leaves' (or only `inputs`') `.grad`. */
export function backward(options: BackwardOptions): void {
  const { inputs, createGraph } = options;
  if (inputs === null) {
    propagate(options, null);
    return;
  }
  propagate(options, inputs).forEach((gradient, i) => {
    if (gradient) accumulateIntoLeaf(inputs[i]!, gradient, createGraph);
  });
}

/** torch.autograd.grad: the roots' gradients with respect to `inputs`, returned. */
export function grad(options: GradOptions): (Tensor | null)[] {
  const captured = propagate(options, options.inputs);
  if (!options.allowUnused && captured.some((gradient) => gradient === null)) {
    throw runtimeError('One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.');
  }
  return captured;
}

/**
 * The backward pass itself. Without `captureFor` it accumulates into every leaf it reaches; with
 * it, it runs only the nodes that lead to those tensors and returns their gradients instead.
 */
function propagate({ roots, grads, retainGraph, createGraph }: BackwardPass, captureFor: readonly Tensor[] | null): (Tensor | null)[] {
  const seeds = roots.map((root, i) => seedGradient(root, grads[i] ?? null, i));
  const recorder = getRecorder();
  if (recorder && roots.length > 0) recorder.backwardStart(roots[0], retainGraph, createGraph);

  return withGradMode(createGraph, () => {
    const rootEdges = roots.map(gradientEdge);
    const dependencies = countDependencies(rootEdges.map((e) => e[0]).filter((n): n is GradNode => n !== null));

    // Which (node, slot) pairs hold the captured answers, and which nodes lead to them.
    let captureSlots: Map<GradNode, number[]> | null = null;
    let needed: Set<GradNode> | null = null;
    const captured: (Tensor | null)[] = captureFor ? captureFor.map(() => null) : [];
    if (captureFor) {
      captureSlots = new Map();
      captureFor.forEach((t, i) => {
        if (!t.requiresGrad) throw runtimeError('One of the differentiated Tensors does not require grad');
        const [node] = gradientEdge(t);
        if (!node) return;
        const list = captureSlots!.get(node) ?? [];
        list[i] = t.outputNr;
        captureSlots!.set(node, list);
      });
      needed = nodesLeadingTo(dependencies.order, new Set(captureSlots.keys()));
    }

    const buffers = new Map<GradNode, (Tensor | null)[]>();
    const addToBuffer = (node: GradNode, slot: number, g: Tensor): void => {
      let buffer = buffers.get(node);
      if (!buffer) {
        buffer = [];
        buffers.set(node, buffer);
      }
      const existing = buffer[slot];
      buffer[slot] = existing ? add(existing, g) : g;
    };
    rootEdges.forEach(([node, slot], i) => {
      if (node) addToBuffer(node, slot, seeds[i]);
    });

    const queue = new ReadyQueue();
    for (const [node] of rootEdges) {
      if (node && (dependencies.count.get(node) ?? 0) === 0 && !queue.has(node)) queue.push(node);
    }
    const executed: GradNode[] = [];

    while (queue.size > 0) {
      checkInterrupt();
      const node = queue.pop();
      const buffer = buffers.get(node) ?? [];
      buffers.delete(node);
      const gradsIn = runPreHooks(
        node,
        node.outputMeta.map((_, i) => runTensorHooks(node, i, buffer[i] ?? null)),
      );

      const slots = captureSlots?.get(node);
      if (slots) slots.forEach((slot, i) => (captured[i] = gradsIn[slot] ?? null));

      if (node instanceof AccumulateGrad) {
        if (!captureFor && gradsIn[0]) accumulateIntoLeaf(node.variable, gradsIn[0], createGraph);
        runPostHooks(node, [], gradsIn);
        continue;
      }
      if (needed && !needed.has(node)) continue;

      let validated: (Tensor | null)[];
      try {
        validated = isAnomalyEnabled() ? applyWithAnomalyChecks(node, gradsIn) : applyNode(node, gradsIn);
      } catch (error) {
        // The trace names the node whose step failed; the error itself reaches the user unchanged.
        recorder?.backwardError(node, error, isNanGradientError(error));
        throw error;
      }
      validated = runPostHooks(node, validated, gradsIn);
      recorder?.backwardStep(node, gradsIn, validated);
      executed.push(node);

      const edges = node.nextFunctions;
      for (let i = 0; i < edges.length; i++) {
        const [next, slot] = edges[i]!;
        if (!next) continue;
        const g = validated[i];
        if (g) addToBuffer(next, slot, g);
        const left = (dependencies.count.get(next) ?? 1) - 1;
        dependencies.count.set(next, left);
        if (left === 0) queue.push(next);
      }
    }

    if (!retainGraph) {
      const freed = executed.filter((n) => n.release());
      if (freed.length > 0) recorder?.savedFreed(freed);
    }
    recorder?.backwardEnd();
    return captured;
  });
}

function seedGradient(root: Tensor, grad: Tensor | null, i: number): Tensor {
  if (!root.requiresGrad) throw runtimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  if (grad === null) {
    if (root.numel() !== 1) throw runtimeError('grad can be implicitly created only for scalar outputs');
    return onesLike(root);
  }
  if (!sameShape(grad.shape, root.shape)) {
    throw runtimeError(
      `Mismatch in shape: grad_output[${i}] has a shape of torch.Size(${shapeText(grad.shape)}) and output[${i}] has a shape of torch.Size(${shapeText(root.shape)}).`,
    );
  }
  return grad;
}

/** Reachable nodes from the roots, with how many edges point at each (iterative DFS). */
function countDependencies(starts: readonly GradNode[]): { count: Map<GradNode, number>; order: GradNode[] } {
  const count = new Map<GradNode, number>();
  const seen = new Set<GradNode>(starts);
  const order: GradNode[] = [...starts];
  const stack = [...starts];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const [next] of node.nextFunctions) {
      if (!next) continue;
      count.set(next, (count.get(next) ?? 0) + 1);
      if (!seen.has(next)) {
        seen.add(next);
        order.push(next);
        stack.push(next);
      }
    }
  }
  return { count, order };
}

/** Nodes from which some target is reachable (fixed point over the discovered nodes, no recursion). */
function nodesLeadingTo(nodes: readonly GradNode[], targets: ReadonlySet<GradNode>): Set<GradNode> {
  const needed = new Set<GradNode>(targets);
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      if (needed.has(node)) continue;
      if (node.nextFunctions.some(([next]) => next !== null && needed.has(next))) {
        needed.add(node);
        changed = true;
      }
    }
  }
  return needed;
}

function runTensorHooks(node: GradNode, outputNr: number, grad: Tensor | null): Tensor | null {
  if (!grad) return null;
  let g = grad;
  const hooks = node instanceof AccumulateGrad ? node.variable.leafHooks : node.hooksFor(outputNr);
  // A copy (a hook may add hooks) only when there are any: most nodes have none.
  for (const hook of hooks.length === 0 ? hooks : [...hooks]) {
    const replaced = hook(g);
    getRecorder()?.hook(node, outputNr, hookInfoOf(hook), g, replaced || null);
    if (replaced) g = replaced;
  }
  const retained = node.retainedOutputs?.get(outputNr);
  if (retained && retained.retainsGrad) {
    retained.grad = retained.grad ? noGrad(() => add(retained.grad!, g)) : contiguousCopy(g);
  }
  return g;
}

/** grad_fn.register_prehook: each hook may replace the node's incoming gradients. */
function runPreHooks(node: GradNode, gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
  if (node.preHooks.length === 0) return gradOutputs;
  let grads = gradOutputs;
  for (const hook of [...node.preHooks]) grads = checkedHookResult(hook(grads), grads.length, 'pre-hook') ?? grads;
  return grads;
}

/** grad_fn.register_hook: each hook sees (grad_inputs, grad_outputs) and may replace grad_inputs. */
function runPostHooks(node: GradNode, gradInputs: (Tensor | null)[], gradOutputs: (Tensor | null)[]): (Tensor | null)[] {
  if (node.postHooks.length === 0) return gradInputs;
  let grads = gradInputs;
  for (const hook of [...node.postHooks]) grads = checkedHookResult(hook(grads, gradOutputs), grads.length, 'hook') ?? grads;
  return grads;
}

function checkedHookResult(result: (Tensor | null)[] | void | undefined | null, expected: number, kind: string): (Tensor | null)[] | null {
  if (result === undefined || result === null) return null;
  if (result.length !== expected) {
    throw runtimeError(`${kind} returned an invalid number of values (got ${result.length}, but expected ${expected})`);
  }
  return result;
}

/** PyTorch's validate_outputs: sum a broadcast gradient to the input's shape, cast to its dtype. */
function validateGradient(node: GradNode, i: number, grad: Tensor): Tensor {
  const meta = node.inputMeta[i];
  if (!meta) return grad;
  let g = grad;
  if (!sameShape(g.shape, meta.shape)) {
    if (!isExpandableTo(meta.shape, g.shape)) {
      throw runtimeError(
        `Function ${node.name()} returned an invalid gradient at index ${i} - got ${shapeText(g.shape)} but expected shape compatible with ${shapeText(meta.shape)}`,
      );
    }
    g = sumToSize(g, meta.shape);
  }
  if (g.dtype !== meta.dtype) g = to(g, meta.dtype);
  return g;
}

/** AccumulateGrad: first gradient becomes .grad (a copy), later ones add in place (or out of place under create_graph). */
function accumulateIntoLeaf(variable: Tensor, grad: Tensor, createGraph: boolean): void {
  const recorder = getRecorder();
  const before = variable.grad;
  const beforeCopy = recorder && before ? contiguousCopy(before) : null;
  if (before === null) {
    variable.grad = createGraph ? grad : contiguousCopy(grad);
  } else if (createGraph) {
    variable.grad = add(before, grad);
  } else {
    noGrad(() => before.add_(grad));
  }
  recorder?.accumulate(variable, beforeCopy, grad, variable.grad!);
}

/** One backward step: the node's rule, then PyTorch's checks on what it returned. */
function applyNode(node: GradNode, gradsIn: (Tensor | null)[]): (Tensor | null)[] {
  const gradsOut = gradsIn.some((g) => g !== null) ? node.apply(gradsIn) : node.nextFunctions.map(() => null);
  return gradsOut.map((g, i) => (g ? validateGradient(node, i, g) : null));
}

/** Anomaly mode: NaN gradients are errors, and any error names the forward call of the node. */
function applyWithAnomalyChecks(node: GradNode, gradsIn: (Tensor | null)[]): (Tensor | null)[] {
  try {
    const validated = applyNode(node, gradsIn);
    if (isAnomalyCheckNanEnabled()) {
      validated.forEach((g, i) => {
        if (g && g.toArray().some((v) => Number.isNaN(v))) {
          throw nanGradientError(node.name(), i);
        }
      });
    }
    return validated;
  } catch (error) {
    reportAnomaly(node.name(), node.forwardStack);
    throw error;
  }
}
