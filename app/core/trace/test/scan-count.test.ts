/**
 * Stepping reads the replay index, never the trace from event 0: what every panel of the page
 * reads at a step (graph, inspector, chain rule, timeline, locals, loss chart, line marks) is read
 * at each of 2,000+ steps, moving with the timeline's own step command, and the trace is read once
 * per trace update. (How fast stepping is, `npm run bench` measures: bench/replay-stepping.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { mlpTrace } from '../../graph/test/fixtures/synthetic-traces.ts';
import { notebook } from '../../notebook/notebook-store.ts';
import { replay } from '../../replay/replay-store.ts';
import { timelineCommands } from '../../commands/timeline-commands.ts';
import { resetTraceIndexStats, traceIndexOf, traceIndexStats } from '../trace-index.ts';
import { readPanelsAt } from './fixtures/panel-reads.ts';

/** The next cell's run: the same events with seqs continuing the session's. */
const nextRun = (events: readonly TraceEvent[], after: number): TraceEvent[] => events.map((event) => ({ ...event, seq: event.seq + after + 1 }));

const trace = mlpTrace(200);
const cellId = () => notebook.store.getState().cells[0]!.id;

describe('stepping through a long trace', () => {
  beforeAll(() => {
    notebook.actions.kernelRestarted();
    traceIndexOf(notebook.store.getState().traceEvents); // the empty session's index, as the page has it
    resetTraceIndexStats();
    notebook.actions.finishCell({ cellId: cellId(), ok: true, trace });
  });

  it('reads the run once, however many steps are shown', () => {
    const events = notebook.store.getState().traceEvents;
    replay.actions.showStep({ step: events[0]!.seq });
    let shown = 0;
    let inspected = 0;
    let chainRules = 0;
    for (;;) {
      const { step, substep } = replay.store.getState();
      const reads = readPanelsAt(notebook.store.getState().traceEvents, step, substep);
      shown += 1;
      if (reads.inspected) inspected += 1;
      if (reads.chainRule) chainRules += 1;
      timelineCommands.stepForward.run();
      if (replay.store.getState().step === step) break;
    }
    expect(shown).toBeGreaterThan(2000);
    expect(inspected).toBe(shown - 1); // every step but `backward done` is about a node
    expect(chainRules).toBeGreaterThan(600); // every backward step and accumulation
    // One trace update (the run), and its events were read once: extending the session's index.
    expect(traceIndexStats.fullBuilds).toBe(0);
    expect(traceIndexStats.eventsRead).toBe(events.length);
  });

  it('reads only the new events when a run or a gradcheck extends the trace', () => {
    const before = notebook.store.getState().traceEvents;
    const reads = traceIndexStats.eventsRead;
    const run = nextRun(trace.slice(0, 30), before[before.length - 1]!.seq);
    notebook.actions.finishCell({ cellId: cellId(), ok: true, trace: run });
    readPanelsAt(notebook.store.getState().traceEvents, null);
    const gradcheck: Extract<TraceEvent, { kind: 'gradcheck' }> = { kind: 'gradcheck', seq: run[run.length - 1]!.seq + 1, nodeId: 1, ok: true, jacobians: [] };
    notebook.actions.appendGradcheck({ event: gradcheck });
    const after = notebook.store.getState().traceEvents;
    expect(after).toHaveLength(before.length + run.length + 1);
    for (const event of after.slice(0, 50)) readPanelsAt(after, event.seq);
    expect(traceIndexStats.eventsRead - reads).toBe(run.length + 1);
    expect(traceIndexStats.fullBuilds).toBe(0);
    expect(traceIndexOf(after).gradcheckOf(1)).toBe(gradcheck);
    expect(
      traceIndexOf(after)
        .graphAt(undefined)
        .nodes.find((node) => node.id === 'n1'),
    ).toMatchObject({ marks: { gradcheck: 'passed' } });
  });

  it('keeps the replay position when a gradcheck run on request joins the trace', () => {
    const events = notebook.store.getState().traceEvents;
    replay.actions.showStep({ step: events[5]!.seq });
    const gradcheck: Extract<TraceEvent, { kind: 'gradcheck' }> = {
      kind: 'gradcheck',
      seq: events[events.length - 1]!.seq + 1,
      nodeId: 2,
      ok: false,
      jacobians: [],
    };
    notebook.actions.appendGradcheck({ event: gradcheck });
    expect(replay.store.getState().step).toBe(events[5]!.seq);
  });
});
