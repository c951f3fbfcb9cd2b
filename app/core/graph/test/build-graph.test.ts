import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { buildGraph } from '../build-graph.ts';
import type { LeafNode, OpNode } from '../model.ts';
import { SEED_TRACE } from './fixtures/seed-trace.ts';

const leaf = (model: ReturnType<typeof buildGraph>, id: string) => model.nodes.find((n): n is LeafNode => n.kind === 'leaf' && n.id === id);
const op = (model: ReturnType<typeof buildGraph>, id: string) => model.nodes.find((n): n is OpNode => n.kind === 'op' && n.id === id);

describe('buildGraph on the seed program (x → mul → add → mean)', () => {
  const model = buildGraph(SEED_TRACE);

  it('has one leaf and three ops, in creation order', () => {
    expect(model.nodes.map((n) => n.id)).toEqual(['t1', 'n1', 'n2', 'n3']);
    expect(model.nodes.map((n) => (n.kind === 'op' ? n.gradFn : 'leaf'))).toEqual(['leaf', 'MulBackward0', 'AddBackward0', 'MeanBackward0']);
  });

  it('draws edges in data-flow direction and skips constant inputs', () => {
    expect(model.edges.map((e) => [e.source, e.target, e.inputIndex])).toEqual([
      ['t1', 'n1', 0],
      ['n1', 'n2', 0],
      ['n2', 'n3', 0],
    ]);
  });

  it('labels the leaf with its name, shape, value and grad', () => {
    const x = leaf(model, 't1')!;
    expect(x.name).toBe('x');
    expect(x.shape).toEqual([3]);
    expect(x.valueText).toBe('[1, 2, 3]');
    expect(x.gradText).toBe('[0.6667, 0.6667, 0.6667]');
  });

  it('names each op by the variable its output was assigned to', () => {
    expect(['n1', 'n2', 'n3'].map((id) => op(model, id)!.outputName)).toEqual(['y', 'z', 'w']);
    expect(op(model, 'n3')!.outputShape).toEqual([]);
  });

  it('marks ops whose backward ran and whose saved tensors were freed', () => {
    expect(model.nodes.every((n) => n.kind === 'leaf' || (n.hasRunBackward && n.isFreed))).toBe(true);
  });

  it('defaults the step to the end of the trace', () => {
    expect(buildGraph(SEED_TRACE, 15)).toEqual(model);
    expect(model.step).toBe(15);
  });
});

describe('buildGraph at an earlier step', () => {
  it('shows only what existed then: after `y = x * 2` the op has no name yet', () => {
    const model = buildGraph(SEED_TRACE, 3);
    expect(model.nodes.map((n) => n.id)).toEqual(['t1', 'n1']);
    expect(op(model, 'n1')!.outputName).toBeUndefined();
    expect(model.activeNodeId).toBe('n1');
  });

  it('shows no grad on the leaf before the accumulation', () => {
    const model = buildGraph(SEED_TRACE, 12);
    expect(leaf(model, 't1')!.grad).toBeUndefined();
    expect(op(model, 'n1')!.hasRunBackward).toBe(true);
    expect(op(model, 'n1')!.isFreed).toBe(false);
    expect(model.activeNodeId).toBe('n1');
  });

  it('highlights the leaf at the accumulation step', () => {
    const model = buildGraph(SEED_TRACE, 13);
    expect(model.activeNodeId).toBe('t1');
    expect(leaf(model, 't1')!.gradText).toBe('[0.6667, 0.6667, 0.6667]');
  });

  it('is empty before any event and for an empty trace', () => {
    expect(buildGraph(SEED_TRACE, -1)).toEqual({ nodes: [], edges: [], step: -1 });
    expect(buildGraph([])).toEqual({ nodes: [], edges: [], step: -1 });
  });

  it('does not change its input (the view is a pure function of the trace)', () => {
    const copy = structuredClone(SEED_TRACE);
    buildGraph(SEED_TRACE, 9);
    expect(SEED_TRACE).toEqual(copy);
  });
});

describe('buildGraph on other shapes of trace', () => {
  it('shows the grad after the LAST accumulation when backward runs twice', () => {
    const extra: TraceEvent[] = [
      ...SEED_TRACE,
      {
        kind: 'accumulate',
        seq: 16,
        pass: 2,
        tensorId: 1,
        before: { id: 9, shape: [3], dtype: 'float32', requiresGrad: false, values: [2 / 3, 2 / 3, 2 / 3] },
        added: { id: 10, shape: [3], dtype: 'float32', requiresGrad: false, values: [2 / 3, 2 / 3, 2 / 3] },
        after: { id: 11, shape: [3], dtype: 'float32', requiresGrad: false, values: [4 / 3, 4 / 3, 4 / 3] },
      },
    ];
    expect(leaf(buildGraph(extra), 't1')!.gradText).toBe('[1.3333, 1.3333, 1.3333]');
    expect(leaf(buildGraph(extra, 15), 't1')!.gradText).toBe('[0.6667, 0.6667, 0.6667]');
  });

  it('draws a fan-out as two edges from the same leaf (x * x)', () => {
    const events: TraceEvent[] = [
      { kind: 'leaf', seq: 0, tensor: { id: 1, shape: [], dtype: 'float32', requiresGrad: true, values: [3] } },
      {
        kind: 'op',
        seq: 1,
        nodeId: 7,
        op: 'mul',
        gradFn: 'MulBackward0',
        inputs: [
          { kind: 'leaf', tensorId: 1 },
          { kind: 'leaf', tensorId: 1 },
        ],
        output: { id: 2, shape: [], dtype: 'float32', requiresGrad: true, values: [9] },
        name: 'sq',
      },
    ];
    const model = buildGraph(events);
    expect(model.edges.map((e) => e.id)).toEqual(['t1>n7#0', 't1>n7#1']);
    expect(leaf(model, 't1')!.valueText).toBe('3');
    expect(leaf(model, 't1')!.name).toBeUndefined();
    expect(op(model, 'n7')!.outputName).toBe('sq');
  });

  it('summarises large tensors by their range', () => {
    const events: TraceEvent[] = [
      {
        kind: 'leaf',
        seq: 0,
        tensor: { id: 1, shape: [100, 100], dtype: 'float32', requiresGrad: true, stats: { min: -1.5, max: 2.25, mean: 0 } },
        name: 'W',
      },
    ];
    expect(leaf(buildGraph(events), 't1')!.valueText).toBe('-1.5 … 2.25');
  });
});
