import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { createTraceIndex } from '../trace-index.ts';
import { ancestorIds, graphOfNodes, isTrainingLoop, trainingIterationAt } from '../training-iteration.ts';
import { trainingLoopTrace } from './training-loop-trace.ts';

const seqOf = (events: readonly TraceEvent[], kind: TraceEvent['kind'], pass: number): number =>
  events.find((event) => event.kind === kind && 'pass' in event && event.pass === pass)!.seq;

describe('one iteration of a training loop', () => {
  const events = trainingLoopTrace(20);
  const index = createTraceIndex(events);

  it('shows the last pass by default, with the run’s pass count', () => {
    expect(trainingIterationAt(index, null)).toMatchObject({ pass: 20, passCount: 20 });
  });

  it('shows the pass picked on the loss chart (its backward-start) and the pass a forward step feeds', () => {
    expect(trainingIterationAt(index, seqOf(events, 'backward-start', 19))?.pass).toBe(19);
    // A step in pass 19's forward (after pass 18 ended) belongs to pass 19's iteration.
    expect(trainingIterationAt(index, seqOf(events, 'pass-summary', 18) + 1)?.pass).toBe(19);
  });

  it('draws the picked iteration’s ops once, with the parameters as the same leaves in every iteration', () => {
    const graph = index.graphAt(undefined, { names: 'final' });
    const last = trainingIterationAt(index, null)!;
    const previous = trainingIterationAt(index, seqOf(events, 'backward-start', 19))!;
    const lastIds = ancestorIds(graph, last.rootNodeId);
    const previousIds = ancestorIds(graph, previous.rootNodeId);
    const shown = graphOfNodes(graph, lastIds);
    // matmul, add, pow, mean: four ops from one iteration (three passes are kept, twelve ops overlaid).
    expect(shown.nodes.filter((node) => node.kind === 'op').map((node) => node.kind === 'op' && node.gradFn)).toEqual([
      'MmBackward0',
      'AddBackward0',
      'PowBackward0',
      'MeanBackward0',
    ]);
    expect(graph.nodes.filter((node) => node.kind === 'op')).toHaveLength(12);
    const leavesOf = (ids: Set<string>) => graph.nodes.filter((node) => node.kind === 'leaf' && ids.has(node.id)).map((node) => node.id);
    expect(leavesOf(lastIds)).toHaveLength(2);
    expect(leavesOf(previousIds)).toEqual(leavesOf(lastIds));
    expect([...lastIds].filter((id) => previousIds.has(id) && id.startsWith('n'))).toEqual([]);
    expect(shown.edges.every((edge) => lastIds.has(edge.source) && lastIds.has(edge.target))).toBe(true);
  });

  it('is not a training loop when backward ran once, or from different lines', () => {
    expect(trainingIterationAt(createTraceIndex(trainingLoopTrace(1)), null)).toBeUndefined();
    const summaries = index.passSummaries.slice(0, 2).map((summary, i) => ({ ...summary, loc: { cell: 'cell-1', line: 10 + i } }));
    expect(isTrainingLoop(summaries)).toBe(false);
    expect(isTrainingLoop(index.passSummaries)).toBe(true);
    // gradcheck runs backward once per output element from its own line: no scalar loss, no loop.
    expect(isTrainingLoop(index.passSummaries.map(({ loss: _loss, ...summary }) => summary))).toBe(false);
  });
});
