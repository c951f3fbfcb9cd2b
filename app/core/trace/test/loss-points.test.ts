import { describe, expect, it } from 'vitest';
import { compactTrace } from '../../../../engine/trace/compact.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { describePass, lossPoints, nearestPoint, passAtSeq, pickPass } from '../loss-points.ts';
import seedRun from './fixtures/seed-run-trace.json' with { type: 'json' };

/** A training loop's trace: each pass is a backward-start, its end and its summary with a falling loss. */
function loopTrace(passes: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  let seq = 0;
  for (let pass = 1; pass <= passes; pass++) {
    events.push({ kind: 'backward-start', seq: seq++, pass, rootTensorId: 100 + pass, retainGraph: false, createGraph: false });
    events.push({ kind: 'backward-end', seq: seq++, pass });
    events.push({
      kind: 'pass-summary',
      seq: seq++,
      pass,
      rootTensorId: 100 + pass,
      loss: 1 / pass,
      gradNorms: [{ tensorId: 1, name: 'fc1.weight', norm: 0.5 / pass }],
    });
  }
  return events;
}

describe('lossPoints', () => {
  it('gives the seed program one point with its loss, still in full detail', () => {
    const points = lossPoints(seedRun as TraceEvent[]);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ pass: 1, loss: 7 });
    expect(points[0]!.detailSeq).toBeTypeOf('number');
  });

  it('plots every iteration of a long loop even after compaction dropped the old passes', () => {
    const compacted = compactTrace(loopTrace(2000), 3);
    const points = lossPoints(compacted);
    expect(points).toHaveLength(2000);
    expect(points.map((point) => point.pass)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(points.filter((point) => point.detailSeq !== undefined).map((point) => point.pass)).toEqual([1998, 1999, 2000]);
  });

  it('leaves out passes whose root was not a scalar loss', () => {
    const events: TraceEvent[] = [{ kind: 'pass-summary', seq: 0, pass: 1, rootTensorId: 3, gradNorms: [] }];
    expect(lossPoints(events)).toEqual([]);
  });

  it('gives an empty chart for a trace without backward passes', () => {
    expect(lossPoints([{ kind: 'run-start', seq: 0, cell: 'cell-1' }])).toEqual([]);
  });
});

describe('picking a pass', () => {
  const points = lossPoints(compactTrace(loopTrace(10), 3));

  it('steps the timeline to a pass that is still in full detail', () => {
    const last = points[points.length - 1]!;
    expect(pickPass(last)).toEqual({ kind: 'step', seq: last.detailSeq });
  });

  it('shows only the summary of a pass whose detail was dropped', () => {
    const first = points[0]!;
    expect(pickPass(first)).toEqual({ kind: 'summary', point: first });
    expect(describePass(first)).toBe('pass 1 · loss 1 · ‖∇fc1.weight‖ = 0.5');
  });

  it('finds the pass nearest to a click anywhere along the chart', () => {
    expect(nearestPoint(points, 0)?.pass).toBe(1);
    expect(nearestPoint(points, 1)?.pass).toBe(10);
    expect(nearestPoint(points, 0.5)?.pass).toBe(6);
    expect(nearestPoint(points, 7)?.pass).toBe(10);
    expect(nearestPoint([], 0.5)).toBeUndefined();
  });

  it('knows which pass the timeline is showing', () => {
    const events = loopTrace(3);
    expect(passAtSeq(events, null)).toBe(3);
    expect(passAtSeq(events, 4)).toBe(2);
    expect(passAtSeq(events, -1)).toBeUndefined();
  });
});
