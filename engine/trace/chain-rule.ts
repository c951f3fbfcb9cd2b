/**
 * The chain-rule numbers of one backward step, per input edge: the op's local derivative (its
 * formula from the op table and, for small tensors, its values), upstream · local = product, and
 * the reduction a broadcast input's gradient went through. Computed with the op's own backward
 * rule, so the numbers are the ones the engine used; only while a recorder listens.
 */
import { AccumulateGrad, type GradNode } from '../autograd/node.ts';
import { noGrad } from '../autograd/grad-mode.ts';
import { OpNode } from '../autograd/op-node.ts';
import { onesLike } from '../creation.ts';
import type { BackwardContext } from '../ops/types.ts';
import { sameShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { SUMMARY_VALUE_LIMIT, type BackwardEdge, type GradReduction, type InputRef, type TensorSummary } from './schema.ts';
import { summarize } from './summarize.ts';

/**
 * Ops whose output element i depends only on element i of each (broadcast) input, so the local
 * derivative is a tensor shaped like the output and `upstream · local` is elementwise.
 */
export const ELEMENTWISE_OPS: ReadonlySet<string> = new Set([
  'add',
  'sub',
  'rsub',
  'mul',
  'div',
  'neg',
  'reciprocal',
  'pow',
  'exp',
  'log',
  'log2',
  'log10',
  'log1p',
  'expm1',
  'sqrt',
  'rsqrt',
  'square',
  'abs',
  'sign',
  'sin',
  'cos',
  'asin',
  'tanh',
  'sigmoid',
  'relu',
  'leaky_relu',
  'elu',
  'gelu',
  'silu',
  'softplus',
  'hardtanh',
  'erf',
  'clamp',
  'clamp_min',
  'clamp_max',
  'clip',
  'maximum',
  'minimum',
  'where',
  'masked_fill',
  'lerp',
  'addcmul',
  'addcdiv',
  'floor',
  'ceil',
  'round',
  'trunc',
  'clone',
  'contiguous',
  'to',
  '_to_copy',
  'expand',
  'expand_as',
]);

/** Products that are not elementwise: which transposed product each input gets (edge order). */
const PRODUCT_RULES: Readonly<Record<string, readonly string[]>> = {
  mm: ['grad · Bᵀ', 'Aᵀ · grad'],
  mv: ['grad · vᵀ (outer product)', 'Aᵀ · grad'],
  bmm: ['grad · Bᵀ per batch', 'Aᵀ · grad per batch'],
  dot: ['grad · b', 'grad · a'],
  addmm: ['β · grad, summed to the bias shape', 'α · grad · mat2ᵀ', 'α · mat1ᵀ · grad'],
  outer: ['grad · b', 'gradᵀ · a'],
  ger: ['grad · b', 'gradᵀ · a'],
};

const baseOpName = (name: string): string => (name.endsWith('_') && !name.startsWith('_') ? name.slice(0, -1) : name);

/** The op-table name of a node's op (in-place variants by their out-of-place name), or undefined. */
export function opNameOf(node: GradNode): string | undefined {
  return node instanceof OpNode ? baseOpName(node.op.name) : undefined;
}

/** The op's whole local-derivative formula from the op table, or undefined. */
export function opFormulaOf(node: GradNode): string | undefined {
  return node instanceof OpNode ? node.op.display.formula : undefined;
}

/** The op's formula split per input when it lists one derivative per input, in order. */
function perInputFormulas(formula: string, edgeCount: number): readonly string[] | undefined {
  const parts = formula.split(/,\s+(?=∂)/);
  return parts.length === edgeCount && parts.every((p) => p.includes('∂')) ? parts : undefined;
}

/** Which dims of `from` were summed to reach `to` (sum_to_size), and a sentence for the panel. */
export function describeReduction(from: readonly number[], to: readonly number[]): GradReduction {
  const lead = from.length - to.length;
  const dims: number[] = [];
  for (let i = 0; i < from.length; i++) {
    if (i < lead || (to[i - lead] === 1 && from[i] !== 1)) dims.push(i);
  }
  const which = dims.length === 1 ? `dim ${dims[0]}` : `dims ${dims.join(', ')}`;
  return { dims, fromShape: [...from], toShape: [...to], text: `summed over ${which} ([${from.join(', ')}] → [${to.join(', ')}])` };
}

/**
 * The op's backward rule as if every input already had the output's shape (broadcast expanded),
 * so `upstream · local` comes out before the reduction to the input's shape.
 */
function backwardUnreduced(node: OpNode, grad: Tensor): (Tensor | null)[] {
  if (!node.op.backward) return [];
  const outShape = node.outputMeta[0].shape;
  // No input was broadcast: the rule as recorded is already unreduced. (The context below, an
  // object with redefined properties, costs more than a scalar op's whole backward rule.)
  if (node.inputMeta.every((m) => sameShape(m.shape, outShape))) return node.op.backward(node, grad);
  const ctx: BackwardContext = Object.create(node) as OpNode;
  Object.defineProperty(ctx, 'meta', { value: (name: string) => ({ ...node.meta(name), shape: outShape }) });
  Object.defineProperty(ctx, 'metas', { value: (name: string) => node.metas(name).map((m) => ({ ...m, shape: outShape })) });
  return node.op.backward(ctx, grad);
}

/**
 * Whether the gradients the step sent are its rule's own products: no input was broadcast (nothing
 * summed to size) or of another dtype (nothing cast), and no hook on the node replaced them. Then
 * running the rule again for `upstream · local` would give the same tensors.
 */
function sentUnchanged(node: OpNode, gradsOut: readonly (Tensor | null)[]): boolean {
  const out = node.outputMeta[0];
  if (!out || node.postHooks.length > 0) return false;
  return node.inputMeta.every((m, i) => gradsOut[i] === null || gradsOut[i] === undefined || (m.dtype === out.dtype && sameShape(m.shape, out.shape)));
}

function inputRefOf([next, outputNr]: readonly [GradNode | null, number]): InputRef {
  if (!next) return { kind: 'none' };
  if (next instanceof AccumulateGrad) return { kind: 'leaf', tensorId: next.variable.id };
  return { kind: 'node', nodeId: next.id, outputNr };
}

/** Runs `fn` for the panel's numbers; a rule that cannot run twice (or at all) just gives none. */
function tryNumbers<T>(fn: () => T): T | undefined {
  try {
    return noGrad(fn);
  } catch {
    return undefined;
  }
}

/**
 * The chain rule of one backward step, edge by edge. `gradSummaries` are the step's `gradsOut`
 * already summarized (the step event holds them too: one summary serves both).
 */
export function chainRuleEdges(
  node: GradNode,
  gradsIn: readonly (Tensor | null)[],
  gradsOut: readonly (Tensor | null)[],
  gradSummaries: readonly (TensorSummary | null)[] = gradsOut.map((g) => (g ? summarize(g) : null)),
): BackwardEdge[] {
  const edges = node.nextFunctions.map((edge, index): BackwardEdge => ({ index, input: inputRefOf(edge), grad: gradSummaries[index] ?? null }));
  if (!(node instanceof OpNode) || !node.op.backward) return edges;
  const name = baseOpName(node.op.name);
  const formulas = perInputFormulas(node.op.display.formula, edges.length);
  const rules = PRODUCT_RULES[name];
  const upstream = gradsIn[0] ?? null;
  const outShape = node.outputMeta[0]?.shape ?? [];
  const outNumel = outShape.reduce((a, b) => a * b, 1);
  const isSmall = upstream !== null && outNumel <= SUMMARY_VALUE_LIMIT;

  let locals: (Tensor | null)[] | undefined;
  let products: readonly (Tensor | null)[] | undefined;
  let elementwise = false;
  if (ELEMENTWISE_OPS.has(name) && upstream) {
    elementwise = true;
    if (isSmall) {
      locals = tryNumbers(() => backwardUnreduced(node, onesLike(upstream)));
      products = sentUnchanged(node, gradsOut) ? gradsOut : tryNumbers(() => backwardUnreduced(node, upstream));
    }
  } else if (outNumel === 1 && upstream && node.inputMeta.every((m) => m.shape.reduce((a, b) => a * b, 1) <= SUMMARY_VALUE_LIMIT)) {
    // A one-element output: the local derivative is the gradient for an upstream of 1.
    locals = tryNumbers(() => node.op.backward!(node, onesLike(upstream)));
  }

  return edges.map((edge, i) => {
    if (edge.input.kind === 'none') return edge;
    const local = locals?.[i];
    const product = products?.[i];
    const inputShape = node.inputMeta[i]?.shape ?? [];
    const reduction = elementwise && !sameShape(inputShape, outShape) ? describeReduction(outShape, inputShape) : undefined;
    return {
      ...edge,
      ...(formulas ? { formula: formulas[i] } : {}),
      ...(rules?.[i] ? { rule: rules[i] } : {}),
      ...(local ? { local: summarize(local) } : {}),
      ...(product ? { product: product === gradsOut[i] ? (gradSummaries[i] ?? summarize(product)) : summarize(product) } : {}),
      ...(reduction ? { reduction } : {}),
    };
  });
}
