import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../graph/build-graph.ts';
import type { OpNode } from '../../graph/model.ts';
import { markBadge, markClasses, opMarksOf } from '../../graph/node-marks.ts';
import { buildSteps } from '../steps.ts';
import { badSquareTrace, doubleBackwardTrace, myReluTrace, sqrtAnomalyTrace } from './fixtures/custom-traces.ts';

const opNode = (events: Parameters<typeof buildGraph>[0], gradFn: string, step?: number) =>
  buildGraph(events, step).nodes.find((node): node is OpNode => node.kind === 'op' && node.gradFn === gradFn)!;

describe('marks on graph nodes', () => {
  it('name the custom Function that made a node', () => {
    expect(opNode(myReluTrace(), 'MyReLUBackward').marks?.customFunction).toBe('MyReLU');
    expect(opNode(myReluTrace(), 'SumBackward0').marks).toBeUndefined();
  });

  it('badge a failed gradcheck ✗ at every step, since the check is about the node', () => {
    const events = badSquareTrace();
    const early = opNode(events, 'SquareBackward', 7);
    expect(early.marks?.gradcheck).toBe('failed');
    expect(markBadge(early.marks)).toBe('✗');
  });

  it('outline an anomaly’s node in red only from the error’s step on', () => {
    const events = sqrtAnomalyTrace();
    const errorSeq = events.find((event) => event.kind === 'backward-error')!.seq;
    expect(opNode(events, 'SqrtBackward0', errorSeq - 1).marks?.error).toBeUndefined();
    const marked = opNode(events, 'SqrtBackward0', errorSeq).marks;
    expect(markClasses(marked)).toEqual(['has-error is-anomaly']);
    expect(markBadge(marked)).toBe('!');
  });

  it('draw ops recorded inside a create_graph backward as a second-order layer of that pass', () => {
    const events = doubleBackwardTrace();
    expect(opNode(events, 'MulBackward0').marks?.pass).toBe(1);
    expect(markClasses(opNode(events, 'MulBackward0').marks)).toContain('is-second-order');
    expect(opMarksOf(events).get(1)).toBeUndefined();
  });

  it('put second-order ops in their backward pass on the timeline, labelled 2nd order', () => {
    const step = buildSteps(doubleBackwardTrace()).find((candidate) => candidate.label === 'MulBackward0 (2nd order)');
    expect(step).toMatchObject({ phase: 'backward', pass: 1 });
  });
});
