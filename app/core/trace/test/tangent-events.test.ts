/**
 * Forward-mode AD adds `tangent` events to a trace (engine/trace/schema.ts). The app draws them as
 * forward-mode steps beside the autograd graph; the backward pass's own steps, nodes and marks stay
 * exactly as they are without them.
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

  it('keeps the backward pass’s steps, nodes and marks as without them, and adds forward-mode steps', () => {
    const steps = buildSteps(events);
    expect(steps.filter((step) => step.phase !== 'tangent')).toEqual(buildSteps(withoutTangents));
    expect(steps.filter((step) => step.phase === 'tangent').length).toBe(events.filter((e) => e.kind === 'tangent').length);
    const graph = buildGraph(events);
    const plain = buildGraph(withoutTangents);
    const strip = ({ tangent, tangentText, ...node }: (typeof graph.nodes)[number]) => node;
    expect(graph.nodes.filter((node) => plain.nodes.some((other) => other.id === node.id)).map(strip)).toEqual(plain.nodes);
    expect(opMarksOf(events)).toEqual(opMarksOf(withoutTangents));
  });

  it('draws x, which only forward mode tracks, with its tangent and an edge into the mul that used it', () => {
    const graph = buildGraph(events);
    const x = graph.nodes.find((node) => node.kind === 'leaf' && node.tangent !== undefined);
    expect(x?.tangentText).toBe('[1, 0]');
    const mul = graph.nodes.find((node) => node.kind === 'op' && node.op === 'mul')!;
    expect(graph.edges.some((edge) => edge.source === x!.id && edge.target === mul.id)).toBe(true);
  });
});
