/**
 * The graph panel's view of a big trace, made ahead over many short tasks. The panel folds the
 * whole trace's graph (module groups, then runs and lines: bounded-view.ts) before laying it out;
 * for a 100,000-op chain that is 50,000 nodes and took ~0.9 s in one task. Here the same work
 * runs sliced (sliced.ts) and fills the caches the panel reads, so the panel's render of the new
 * trace then only looks it up. The picture is the same as when made at once. Framework-free.
 */
import { boundedViewSliced, defaultCollapsedOf, defaultCollapsedSliced, hasBoundedView } from '../graph/bounded-view.ts';
import { finishInTasks, type Sliced } from '../graph/sliced.ts';
import type { TraceIndex } from './trace-index.ts';
import { trainingIterationAt } from './training-iteration.ts';

/** Graphs with fewer nodes are folded at once: a few milliseconds, and no frame without a graph. */
export const PREPARE_MIN_NODES = 2_000;

/** Work per task while preparing: leaves most of a 100 ms budget to the page on a loaded machine. */
const TASK_BUDGET_MS = 12;

const FINAL_NAMES = { names: 'final' } as const;

/** Whether the panel can draw the end of `index`'s trace without folding a big graph in its render. */
export function isGraphViewReady(index: TraceIndex): boolean {
  if (index.nodeCount < PREPARE_MIN_NODES) return true;
  if (!index.hasGraphAt(undefined, FINAL_NAMES)) return false;
  // A training loop draws one iteration, a graph of its own made in the render (not cached here).
  if (trainingIterationAt(index, undefined) !== undefined) return true;
  const graph = index.graphAt(undefined, FINAL_NAMES);
  return hasBoundedView(graph, defaultCollapsedOf(graph));
}

function* prepareSliced(index: TraceIndex): Sliced<true> {
  const graph = yield* index.graphAtSliced(undefined, FINAL_NAMES);
  if (trainingIterationAt(index, undefined) !== undefined) return true;
  const collapsed = yield* defaultCollapsedSliced(graph);
  yield* boundedViewSliced(graph, collapsed, index.events);
  return true;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface PrepareOptions {
  /** Checked before each task: true abandons the work (a newer trace came, the panel went). */
  readonly isCancelled: () => boolean;
  /** Waits for the next task (setTimeout 0 by default, so input and drawing come between). */
  readonly pause?: () => Promise<void>;
  readonly now?: () => number;
}

/**
 * Makes what the panel draws at the end of the trace, a slice per task; resolves true when it is
 * ready, false when it was no longer wanted (nothing half-made is kept).
 */
export async function prepareGraphView(index: TraceIndex, options: PrepareOptions): Promise<boolean> {
  const work = prepareSliced(index);
  const result = await finishInTasks(work, {
    budgetMs: TASK_BUDGET_MS,
    pause: options.pause ?? nextTask,
    isCancelled: options.isCancelled,
    ...(options.now && { now: options.now }),
  });
  return result ?? false;
}
