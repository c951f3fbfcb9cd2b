/**
 * Stepping through a long trace in the app: at each step, everything the page's panels read
 * (graph at the step, grouped by module; inspector; chain rule; timeline; loss chart; line marks),
 * read from the trace's replay index, against the way before it: buildGraph(events, step) replayed
 * from event 0 for the graph panel and again for the inspector. The figure is milliseconds per
 * step; one frame at 60 Hz is 16.7 ms. React rendering and drawing are not included.
 */
import type { TraceEvent } from '../engine/trace/schema.ts';
import { buildGraph } from '../app/core/graph/build-graph.ts';
import { defaultCollapsedGroups, groupGraph } from '../app/core/graph/module-groups.ts';
import { mlpTrace } from '../app/core/graph/test/fixtures/synthetic-traces.ts';
import { readPanelsAt } from '../app/core/trace/test/fixtures/panel-reads.ts';
import { buildSteps } from '../app/core/trace/steps.ts';
import { createTraceIndex } from '../app/core/trace/trace-index.ts';
import type { Comparison } from './comparisons.ts';

/** An MLP of 200 layers and its backward: 2,008 timeline steps, 1,200 graph nodes. */
const LAYERS = 200;
/** Every 8th step is shown per timed run (about 250 steps), so one run of the old way stays a few seconds. */
const STRIDE = 8;

export function replaySteppingComparison(): Comparison {
  const events: readonly TraceEvent[] = mlpTrace(LAYERS);
  const seqs = buildSteps(events).map((step) => step.seq);
  const shown = seqs.filter((_, i) => i % STRIDE === 0);
  return {
    id: 'replay-stepping',
    title: `stepping through a ${seqs.length}-step trace: every panel's reads per step (one frame = 16.7 ms)`,
    unit: 'ms',
    peerName: 'buildGraph from event 0 per step, for the graph panel and the inspector (before the index)',
    figure: (ms) => ms / shown.length,
    timing: { warmupRounds: 1 },
    prepare: () => ({
      ours: {
        label: 'replay index',
        run: () => {
          // A fresh array: the index is built once (the trace update), then every step reads it.
          const trace = events.slice();
          createTraceIndex(trace);
          for (const seq of shown) readPanelsAt(trace, seq);
        },
      },
      peer: {
        label: 'buildGraph per step',
        run: () => {
          const full = buildGraph(events, undefined, { names: 'final' });
          const collapsed = defaultCollapsedGroups(full);
          for (const seq of shown) {
            groupGraph(buildGraph(events, seq, { names: 'final' }), collapsed);
            buildGraph(events, seq, { names: 'final' });
          }
        },
      },
      dispose: () => {},
    }),
  };
}
