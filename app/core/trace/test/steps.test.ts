import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { buildGraph } from '../../graph/build-graph.ts';
import type { LeafNode, OpNode } from '../../graph/model.ts';
import { SEED_TRACE } from '../../graph/test/fixtures/seed-trace.ts';
import { buildSteps, stepIndexAt, stepSections } from '../steps.ts';
import seedRun from './fixtures/seed-run-trace.json' with { type: 'json' };

/** The seed program as `gradscope run seed.py --snapshot` recorded it (names arrive when the run ends). */
const SEED_RUN = seedRun as unknown as readonly TraceEvent[];

describe('the step list of the seed program', () => {
  const steps = buildSteps(SEED_RUN);

  it('lists the forward ops in execution order, then the backward pass', () => {
    expect(steps.map((step) => step.label)).toEqual([
      'leaf',
      'MulBackward0',
      'AddBackward0',
      'MeanBackward0',
      'backward()',
      'backward of MeanBackward0',
      'backward of AddBackward0',
      'backward of MulBackward0',
      'AccumulateGrad',
      'backward done',
    ]);
    expect(stepSections(steps)).toEqual([
      { phase: 'forward', firstIndex: 0, count: 4 },
      { phase: 'backward', pass: 1, firstIndex: 4, count: 6 },
    ]);
  });

  it('ties each forward op to the line of code that made it (lines 3, 4, 5)', () => {
    expect(steps.slice(1, 4).map((step) => step.loc?.line)).toEqual([3, 4, 5]);
    expect(steps.slice(1, 4).map((step) => step.graphNodeId)).toEqual(['n1', 'n3', 'n4']);
  });

  it('finds the step at or before any seq', () => {
    expect(stepIndexAt(steps, -1)).toBe(-1);
    expect(stepIndexAt(steps, 2)).toBe(2);
    expect(stepIndexAt(steps, 14)).toBe(steps.length - 1);
  });

  it('skips events that only label things', () => {
    expect(buildSteps(SEED_TRACE).some((step) => step.seq === 1 || step.seq === 0)).toBe(false);
  });
});

describe('the graph at step N of the seed program', () => {
  const steps = buildSteps(SEED_RUN);
  const at = (index: number) => buildGraph(SEED_RUN, steps[index]!.seq, { names: 'final' });
  const op = (model: ReturnType<typeof buildGraph>, gradFn: string) => model.nodes.find((node): node is OpNode => node.kind === 'op' && node.gradFn === gradFn);
  const x = (model: ReturnType<typeof buildGraph>) => model.nodes.find((node): node is LeafNode => node.kind === 'leaf');

  it('grows node by node in execution order, with variable names from the start', () => {
    expect(at(0).nodes.map((node) => node.id)).toEqual(['t1']);
    expect(at(1).nodes.map((node) => node.id)).toEqual(['t1', 'n1']);
    expect(op(at(1), 'MulBackward0')!.outputName).toBe('y');
    expect(x(at(0))!.name).toBe('x');
    expect(at(3).nodes.map((node) => node.id)).toEqual(['t1', 'n1', 'n3', 'n4']);
  });

  it('shows each gradient when its backward step computes it: 1, then 0.3333 ×3 twice, then 0.6667 ×3', () => {
    expect(op(at(5), 'MeanBackward0')!.gradText).toBe('1');
    expect(op(at(5), 'AddBackward0')!.gradText).toBeUndefined();
    expect(op(at(6), 'AddBackward0')!.gradText).toBe('[0.3333, 0.3333, 0.3333]');
    expect(op(at(7), 'MulBackward0')!.gradText).toBe('[0.3333, 0.3333, 0.3333]');
    expect(x(at(7))!.gradText).toBeUndefined();
    expect(x(at(8))!.gradText).toBe('[0.6667, 0.6667, 0.6667]');
  });

  it('sends the gradient pulse down the input edges of the node whose backward runs', () => {
    expect(at(5).pulseEdgeIds).toEqual(['n3>n4#0']);
    expect(at(7).pulseEdgeIds).toEqual(['t1>n1#0']);
    expect(at(3).pulseEdgeIds).toBeUndefined();
  });

  it('restores exactly the earlier picture when stepping back', () => {
    const before = at(2);
    at(9);
    expect(at(2)).toEqual(before);
  });
});
