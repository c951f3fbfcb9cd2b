/**
 * Forward-mode AD adds `tangent` events to a trace (engine/trace/schema.ts). Until the app draws
 * them, the step list, the graph and the node marks must come out as if they were not there.
 */
import { describe, expect, it } from 'vitest';
import { callOp, enterDualLevel, exitDualLevel, fromArray, makeDual, type Tensor } from '../../../../engine/index.ts';
import { record } from '../../../../engine/trace/test/record.ts';
import { buildGraph } from '../../graph/build-graph.ts';
import { opMarksOf } from '../../graph/node-marks.ts';
import { buildSteps } from '../steps.ts';

const events = record(() => {
  const w = fromArray([0.5, -1], [2], 'float64', true);
  enterDualLevel();
  try {
    const x = makeDual(fromArray([1, 2], [2], 'float64'), fromArray([1, 0], [2], 'float64'));
    (callOp('sum', callOp('tanh', callOp('mul', x, w))) as Tensor).backward();
  } finally {
    exitDualLevel();
  }
});
const withoutTangents = events.filter((e) => e.kind !== 'tangent');

describe('a trace with forward-mode tangent events', () => {
  it('has them: forward (make_dual, mul, tanh, sum), then the backward ops on tangent-carrying saved tensors', () => {
    const ops = events.filter((e) => e.kind === 'tangent').map((e) => (e.kind === 'tangent' ? e.op : ''));
    expect(ops.slice(0, 4)).toEqual(['make_dual', 'mul', 'tanh', 'sum']);
    expect(ops.length).toBeGreaterThan(4);
  });

  it('gives the same steps, graph and marks as without them', () => {
    expect(buildSteps(events)).toEqual(buildSteps(withoutTangents));
    expect(buildGraph(events)).toEqual(buildGraph(withoutTangents));
    expect(opMarksOf(events)).toEqual(opMarksOf(withoutTangents));
  });
});
