import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { omittedStepsText } from '../omitted-steps.ts';

describe('the timeline’s note on steps past the recorder bound', () => {
  it('says nothing when every event was recorded', () => {
    expect(omittedStepsText([{ kind: 'run-start', seq: 0, cell: 'c' }])).toBeUndefined();
  });

  it('states the bound, what was only counted, and the biggest counts with their lines', () => {
    const loc = { cell: 'c', line: 4 };
    const events: TraceEvent[] = [
      {
        kind: 'trace-summary',
        seq: 100_000,
        limit: 100_000,
        omitted: 1_900_002,
        counts: [
          { kind: 'backward-step', op: 'mul', count: 1_000_000 },
          { kind: 'op', op: 'mul', loc, count: 900_000 },
          { kind: 'accumulate', count: 1 },
          { kind: 'backward-start', loc, count: 1 },
        ],
      },
    ];
    expect(omittedStepsText(events)).toBe(
      'Only the first 100,000 events of a run are steps; 1,900,002 more were only counted: 1,000,000 backward mul, 900,000 mul on line 4.',
    );
  });
});
