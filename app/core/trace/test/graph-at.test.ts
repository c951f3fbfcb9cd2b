/**
 * The replay index answers every question the old per-step replays answered, with the same
 * answer: graphAt(k) equals buildGraph(events, k) at every step of recorded and synthetic traces,
 * including when the trace arrives in pieces (a run at a time) instead of all at once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { buildGraph } from '../../graph/build-graph.ts';
import { opMarksOf } from '../../graph/node-marks.ts';
import { SEED_TRACE } from '../../graph/test/fixtures/seed-trace.ts';
import { mlpTrace, moduleModelTrace, randomTrace } from '../../graph/test/fixtures/synthetic-traces.ts';
import { badSquareTrace, doubleBackwardTrace, hookTrace, myReluTrace, sqrtAnomalyTrace, wrongCountTrace } from './fixtures/custom-traces.ts';
import { buildSteps } from '../steps.ts';
import { createTraceIndex, traceIndexOf } from '../trace-index.ts';

const fixture = (path: string): TraceEvent[] => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as TraceEvent[];
const snapshotEvents = (path: string): TraceEvent[] =>
  (JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { trace: { events: TraceEvent[] } }).trace.events;

const TRACES: Record<string, () => readonly TraceEvent[]> = {
  'seed trace': () => SEED_TRACE,
  'seed run (recorded)': () => fixture('./fixtures/seed-run-trace.json'),
  'fan-out broadcast (recorded)': () => fixture('./fixtures/fan-out-broadcast-trace.json'),
  'nn.Sequential MLP snapshot (recorded)': () => snapshotEvents('../../graph/test/fixtures/mlp-snapshot.json'),
  'MyReLU snapshot (recorded)': () => snapshotEvents('./fixtures/myrelu.snapshot.json'),
  'bad square snapshot (recorded)': () => snapshotEvents('./fixtures/bad-square.snapshot.json'),
  'sqrt anomaly snapshot (recorded)': () => snapshotEvents('./fixtures/sqrt-anomaly.snapshot.json'),
  'wrong count snapshot (recorded)': () => snapshotEvents('./fixtures/wrong-count.snapshot.json'),
  MyReLU: myReluTrace,
  'bad square': badSquareTrace,
  'sqrt anomaly': sqrtAnomalyTrace,
  'wrong count': wrongCountTrace,
  hooks: hookTrace,
  'double backward': doubleBackwardTrace,
  'MLP, 4 layers': () => mlpTrace(4),
  'random graph': () => randomTrace(60),
  'module model with calls': () => moduleModelTrace(3, { withCalls: true }),
};

/** Every step worth asking about: before the first event, each event's seq, and the end. */
const stepsToCheck = (events: readonly TraceEvent[]): (number | undefined)[] => [-1, ...events.map((event) => event.seq), undefined];

describe('the replay index', () => {
  for (const [name, make] of Object.entries(TRACES)) {
    it(`gives buildGraph's graph at every step: ${name}`, () => {
      const events = make();
      const index = createTraceIndex(events);
      for (const step of stepsToCheck(events)) {
        expect(index.graphAt(step, { names: 'final' }), `step ${step}`).toEqual(buildGraph(events, step, { names: 'final' }));
        expect(index.graphAt(step), `step ${step}, names at the step`).toEqual(buildGraph(events, step));
      }
    });

    it(`gives each node alone as graphAt gives it, without making the graph: ${name}`, () => {
      const events = make();
      const everyNodeId = buildGraph(events).nodes.map((node) => node.id);
      for (const step of stepsToCheck(events)) {
        const alone = createTraceIndex(events);
        const graph = buildGraph(events, step, { names: 'final' });
        for (const nodeId of [...everyNodeId, 'n999999', 't999999', 'g:0']) {
          expect(alone.nodeAt(step, nodeId, { names: 'final' }), `step ${step}, ${nodeId}`).toEqual(graph.nodes.find((node) => node.id === nodeId));
        }
        expect(alone.hasGraphAt(step, { names: 'final' })).toBe(false);
      }
    });

    it(`gives the same marks and steps as the scans it replaces: ${name}`, () => {
      const events = make();
      const index = createTraceIndex(events);
      expect(index.steps()).toEqual(buildSteps(events));
      for (const step of stepsToCheck(events)) expect(index.marksAt(step), `step ${step}`).toEqual(opMarksOf(events, step));
    });

    it(`is the same built in pieces as built at once: ${name}`, () => {
      const events = make();
      // Arrays as the store makes them: each run's events concatenated onto the previous array.
      let array: readonly TraceEvent[] = [];
      let index = traceIndexOf(array);
      const cut = [Math.floor(events.length / 3), Math.floor((2 * events.length) / 3), events.length];
      let from = 0;
      for (const to of cut) {
        array = array.concat(events.slice(from, to));
        index = traceIndexOf(array);
        from = to;
        for (const step of stepsToCheck(array))
          expect(index.graphAt(step, { names: 'final' }), `step ${step}`).toEqual(buildGraph(array, step, { names: 'final' }));
      }
      expect(index.steps()).toEqual(buildSteps(events));
    });
  }

  it('reuses unchanged nodes between steps, so stepping allocates only what changed', () => {
    const events = mlpTrace(3);
    const index = createTraceIndex(events);
    const last = events[events.length - 1]!.seq;
    const before = index.graphAt(last - 1, { names: 'final' });
    const after = index.graphAt(last, { names: 'final' });
    const changed = after.nodes.filter((node, i) => before.nodes[i] !== node);
    expect(changed.length).toBeLessThan(after.nodes.length);
  });
});
