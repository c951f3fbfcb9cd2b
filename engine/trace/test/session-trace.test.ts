import { describe, expect, it } from 'vitest';
import { compactTrace, DEFAULT_KEEP_PASSES } from '../compact.ts';
import type { TraceEvent } from '../schema.ts';
import { createSessionTrace, type SeqRange } from '../session-trace.ts';
import { trainingStepRun } from './training-step-run.ts';

const isIn = (seq: number, ranges: readonly SeqRange[]): boolean => ranges.some(([first, last]) => first <= seq && seq <= last);

describe("the worker's session trace", () => {
  it('hands a run’s events on as they are while the session holds no more than the kept passes', () => {
    const session = createSessionTrace();
    for (let pass = 1; pass <= DEFAULT_KEEP_PASSES; pass++) {
      const run = trainingStepRun(pass);
      const update = session.append(run);
      expect(update.appended).toBe(run);
      expect(update.forgotten).toEqual([]);
    }
  });

  it('forgets the detail of the oldest pass (its op and backward) once one more pass arrives, keeping its summary', () => {
    const session = createSessionTrace();
    for (let pass = 1; pass <= DEFAULT_KEEP_PASSES; pass++) session.append(trainingStepRun(pass));
    const update = session.append(trainingStepRun(DEFAULT_KEEP_PASSES + 1));
    expect(update.forgotten).toEqual([[11, 14]]);
    expect(update.appended).toEqual(trainingStepRun(DEFAULT_KEEP_PASSES + 1));
  });

  it('leaves the app, applying its updates, with the trace that compacting the whole session gives', () => {
    const session = createSessionTrace();
    let held: TraceEvent[] = [];
    const all: TraceEvent[] = [];
    for (let pass = 1; pass <= 50; pass++) {
      const run = trainingStepRun(pass);
      all.push(...run);
      const { appended, forgotten } = session.append(run);
      held = held.filter((event) => !isIn(event.seq, forgotten)).concat(appended);
    }
    expect(held).toEqual(compactTrace(all));
  });

  it('keeps at most its event limit, forgetting the oldest events as one range', () => {
    const session = createSessionTrace({ eventLimit: 8 });
    session.append(trainingStepRun(1));
    const update = session.append(trainingStepRun(2));
    expect(update.forgotten).toEqual([[10, 13]]);
    expect(update.appended).toHaveLength(6);
  });

  it('counts an event the app appended as it is (an on-request gradcheck) in the next update', () => {
    const session = createSessionTrace({ eventLimit: 7 });
    session.append(trainingStepRun(1));
    session.appendAsIs({ kind: 'gradcheck', seq: 16, nodeId: 1, ok: true, jacobians: [] });
    const update = session.append([{ kind: 'run-start', seq: 17, cell: 'a' }]);
    expect(update.forgotten).toEqual([[10, 10]]);
  });
});
