import { describe, expect, it } from 'vitest';
import { createTraceIndex } from '../trace-index.ts';
import { trainingLoopTrace } from './training-loop-trace.ts';
import { parameterHistories, sparklinePath, withParameterHistories } from '../parameter-history.ts';

describe('parameter sparklines of a training loop', () => {
  const index = createTraceIndex(trainingLoopTrace(200));

  it('have one point per pass for each parameter, even for passes whose detail was dropped', () => {
    const histories = parameterHistories(index.passSummaries);
    const names = index.passSummaries[0]!.gradNorms.map((norm) => norm.name);
    expect(names).toEqual(['b', 'w']);
    for (const history of histories.values()) {
      expect(history.passes).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(history.valueNorms).toHaveLength(200);
      expect(history.gradNorms).toHaveLength(200);
      expect(history.valueNorms.every(Number.isFinite)).toBe(true);
    }
    // SGD on a squared loss shrinks the gradient: the series is the training, not a constant.
    const w = histories.get(index.passSummaries[0]!.gradNorms[1]!.tensorId)!;
    expect(w.gradNorms[199]!).toBeLessThan(w.gradNorms[0]!);
  });

  it('mark the pass the graph shows on the leaves that have a history', () => {
    const histories = parameterHistories(index.passSummaries);
    const graph = withParameterHistories(index.graphAt(), histories, 199);
    const leaves = graph.nodes.filter((node) => node.kind === 'leaf');
    expect(leaves.map((leaf) => leaf.kind === 'leaf' && leaf.history?.shownIndex)).toEqual([198, 198]);
    // The same pass gives back the same node objects (nothing to redraw).
    expect(withParameterHistories(index.graphAt(), histories, 199).nodes[0]).toBe(graph.nodes[0]);
  });

  it('draw a series as a path with one vertex per point, leaving gaps for missing values', () => {
    expect(sparklinePath([1, 2, 3], 10, 4)).toBe('M0.0,4.0L5.0,2.0L10.0,0.0');
    expect(sparklinePath([1, Number.NaN, 3], 10, 4)).toBe('M0.0,4.0M10.0,0.0');
    expect(sparklinePath([], 10, 4)).toBe('');
  });
});
