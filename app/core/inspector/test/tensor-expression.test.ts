import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { passNamer, tensorExpression, type ExpressionSource } from '../tensor-expression.ts';

type OpEvent = Extract<TraceEvent, { kind: 'op' }>;
type Input = OpEvent['inputs'][number];

/** A tiny trace: tensor ids 1, 2 are leaves x and w; each op makes tensor id nodeId + 100. */
function source(
  ops: ReadonlyArray<{ nodeId: number; op: string; gradFn?: string; inputs: Input[] }>,
  names: Record<number, string> = { 1: 'x', 2: 'w' },
): ExpressionSource {
  const events = new Map<number, OpEvent>(
    ops.map(({ nodeId, op, gradFn, inputs }) => [
      nodeId,
      {
        kind: 'op',
        seq: nodeId,
        nodeId,
        op,
        gradFn: gradFn ?? `${op}Backward0`,
        inputs,
        output: { id: nodeId + 100, shape: [], dtype: 'float32', requiresGrad: true },
      } as unknown as OpEvent,
    ]),
  );
  return {
    finalNames: new Map(Object.entries(names).map(([id, name]) => [Number(id), name])),
    opEvent: (nodeId) => events.get(nodeId),
    opProducing: (tensorId) => events.get(tensorId - 100),
  };
}

const leaf = (tensorId: number): Input => ({ kind: 'leaf', tensorId });
const node = (nodeId: number): Input => ({ kind: 'node', nodeId, outputNr: 0 });

describe('tensorExpression', () => {
  it('writes unnamed tensors as the PyTorch code that made them', () => {
    const trace = source([
      { nodeId: 1, op: 'mul', inputs: [leaf(1), leaf(2)] },
      { nodeId: 2, op: 'sum', inputs: [node(1)] },
      { nodeId: 3, op: 'tanh', inputs: [node(1)] },
      { nodeId: 4, op: 'neg', inputs: [node(2)] },
    ]);
    expect(tensorExpression(trace, 101)).toBe('x * w');
    expect(tensorExpression(trace, 102)).toBe('(x * w).sum()');
    expect(tensorExpression(trace, 103)).toBe('torch.tanh(x * w)');
    expect(tensorExpression(trace, 104)).toBe('-(x * w).sum()');
  });

  it('uses a variable name wherever the code gave one', () => {
    const trace = source(
      [
        { nodeId: 1, op: 'mul', inputs: [leaf(1), leaf(2)] },
        { nodeId: 2, op: 'mean', inputs: [node(1)] },
      ],
      { 1: 'x', 2: 'w', 101: 'y' },
    );
    expect(tensorExpression(trace, 102)).toBe('y.mean()');
  });

  it('marks a scalar operand, which is not in the graph, with …', () => {
    const trace = source([{ nodeId: 1, op: 'mul', inputs: [leaf(1)] }]);
    expect(tensorExpression(trace, 101)).toBe('x * …');
  });

  it('falls back to the grad_fn when the expression grows too long to help', () => {
    const ops = [{ nodeId: 1, op: 'exp', inputs: [leaf(1)] }];
    for (let i = 2; i <= 12; i++) ops.push({ nodeId: i, op: 'mul', inputs: [node(i - 1), leaf(2)] });
    expect(tensorExpression(source(ops), 112)).toBe('mulBackward0 output');
  });
});

describe('passNamer', () => {
  it('calls the unnamed root L, and keeps names and expressions for the rest', () => {
    const trace = source([
      { nodeId: 1, op: 'mul', inputs: [leaf(1), leaf(2)] },
      { nodeId: 2, op: 'sum', inputs: [node(1)] },
    ]);
    const name = passNamer(trace, 102);
    expect([name(102), name(101), name(1)]).toEqual(['L', 'x * w', 'x']);
    expect(passNamer(source([{ nodeId: 2, op: 'sum', inputs: [leaf(1)] }], { 1: 'x', 102: 'loss' }), 102)(102)).toBe('loss');
  });
});
