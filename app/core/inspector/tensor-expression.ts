/**
 * A name for every tensor the chain-rule panel mentions. A tensor bound to a variable is that
 * variable (`loss`); an unnamed one is written as the expression that made it, in PyTorch's own
 * spelling (`y.sum()`, `x * w`, `torch.tanh(h)`), so a learner reads back the code they wrote
 * instead of an internal id. Nesting is cut at a depth, where `…` stands for the rest.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { UNNAMED_TENSOR } from '../graph/labels.ts';

type OpEvent = Extract<TraceEvent, { kind: 'op' }>;

export interface ExpressionSource {
  readonly finalNames: ReadonlyMap<number, string>;
  opProducing(tensorId: number): OpEvent | undefined;
  opEvent(nodeId: number): OpEvent | undefined;
}

const INFIX: Readonly<Record<string, string>> = { add: '+', sub: '-', mul: '*', div: '/', matmul: '@', mm: '@', pow: '**' };
/** Ops people write as functions of torch (or F), not as methods. */
const FUNCTION_STYLE = new Set(['tanh', 'sigmoid', 'relu', 'softmax', 'log_softmax', 'cross_entropy', 'mse_loss', 'nll_loss', 'linear', 'stack', 'cat']);
const MAX_DEPTH = 3;
/** Longer expressions fall back to the op's own name: past this they stop helping. */
const MAX_LENGTH = 40;

export function tensorExpression(source: ExpressionSource, tensorId: number): string {
  const text = expressionOf(source, tensorId, 0);
  return text !== undefined && text.length <= MAX_LENGTH ? text : fallback(source, tensorId);
}

function fallback(source: ExpressionSource, tensorId: number): string {
  const op = source.opProducing(tensorId);
  return op ? `${op.gradFn} output` : UNNAMED_TENSOR;
}

/** True when `text` needs no parentheses as an operand: nothing outside brackets but a name or calls. */
function isAtomic(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') depth--;
    else if (depth === 0 && (char === ' ' || char === '-')) return false;
  }
  return true;
}

const operand = (text: string) => (isAtomic(text) ? text : `(${text})`);

/** The expression, or undefined when it nests deeper than MAX_DEPTH (then the grad_fn says it better). */
function expressionOf(source: ExpressionSource, tensorId: number, depth: number): string | undefined {
  const name = source.finalNames.get(tensorId);
  if (name !== undefined) return name;
  const op = source.opProducing(tensorId);
  if (!op) return UNNAMED_TENSOR;
  if (depth >= MAX_DEPTH) return undefined;
  const operands: string[] = [];
  for (const input of op.inputs) {
    let text: string | undefined = '…';
    if (input.kind === 'leaf') text = source.finalNames.get(input.tensorId) ?? UNNAMED_TENSOR;
    else if (input.kind === 'node') {
      const producer = source.opEvent(input.nodeId);
      text = producer ? expressionOf(source, producer.output.id, depth + 1) : '…';
    }
    if (text === undefined) return undefined;
    operands.push(text);
  }
  const infix = INFIX[op.op];
  // A scalar operand (`x * 2`) is not a graph input, so it is not in the trace: shown as `…`.
  if (infix) return `${operand(operands[0] ?? '…')} ${infix} ${operand(operands[1] ?? '…')}`;
  if (op.op === 'neg') return `-${operand(operands[0] ?? '…')}`;
  if (FUNCTION_STYLE.has(op.op) || operands.length !== 1) return `torch.${op.op}(${operands.join(', ')})`;
  return `${operand(operands[0]!)}.${op.op}()`;
}

/**
 * `∂name`, with an expression in parentheses (`∂(x @ w)`): `∂L/∂x @ w` would read as `(∂L/∂x) @ w`.
 */
export const partialOf = (name: string): string => `∂${operand(name)}`;

/** What the root of a backward pass is called when the code gave it no name: `∂L/∂x`, PyTorch-style. */
export const UNNAMED_ROOT = 'L';

/**
 * Names for one backward pass: variables by their names, the unnamed root as `L`, other unnamed
 * tensors by the expression that made them.
 */
export function passNamer(source: ExpressionSource, rootTensorId: number | undefined): (tensorId: number) => string {
  return (tensorId) => {
    const name = source.finalNames.get(tensorId);
    if (name !== undefined) return name;
    if (tensorId === rootTensorId) return UNNAMED_ROOT;
    return tensorExpression(source, tensorId);
  };
}
