import { describe, expect, it } from 'vitest';
import { backwardErrorMarks, errorOfNode } from '../error-marks.ts';
import { sqrtAnomalyTrace, SQRT_ANOMALY_MESSAGE, wrongCountTrace, WRONG_COUNT_MESSAGE } from './fixtures/custom-traces.ts';

describe('backward error marks', () => {
  it('point an anomaly at the forward line that made the node', () => {
    expect(backwardErrorMarks(sqrtAnomalyTrace(), null)).toEqual([
      { nodeId: 1, seq: 8, ename: 'RuntimeError', message: SQRT_ANOMALY_MESSAGE, anomaly: true, loc: { cell: 'cell-1', line: 4 } },
    ]);
  });

  it('point a wrong gradient count at the user’s return line', () => {
    const [mark] = backwardErrorMarks(wrongCountTrace(), null);
    expect(mark).toMatchObject({ nodeId: 1, message: WRONG_COUNT_MESSAGE, anomaly: false, loc: { line: 10 } });
  });

  it('appear only once replay reaches the error', () => {
    const events = sqrtAnomalyTrace();
    const errorSeq = events.find((event) => event.kind === 'backward-error')!.seq;
    expect(errorOfNode(events, errorSeq - 1, 1)).toBeUndefined();
    expect(errorOfNode(events, errorSeq, 1)?.message).toBe(SQRT_ANOMALY_MESSAGE);
  });
});
