/**
 * Measures one candidate on one graph family, size after size, and reports each size as it
 * finishes. Runs in a worker thread so the parent can stop a layout that takes too long.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CANDIDATES, type CandidateName, type LaidOut } from './layout-candidates.ts';
import { FAMILIES, appendOneOp, type FamilyName } from './layout-graphs.ts';
import { countCrossings, median, stability } from './layout-metrics.ts';

export interface WorkerJob {
  readonly candidate: CandidateName;
  readonly family: FamilyName;
  readonly sizes: readonly number[];
}

export type WorkerMessage =
  | { readonly type: 'first-run'; readonly size: number; readonly ms: number }
  | {
      readonly type: 'result';
      readonly size: number;
      readonly edges: number;
      readonly medianMs: number;
      readonly runs: number;
      readonly crossings: number;
      readonly width: number;
      readonly height: number;
      readonly movedShare: number;
      readonly meanMove: number;
    }
  | { readonly type: 'error'; readonly size: number; readonly message: string };

/** Repeat until this much time was spent on one size (at least one run, at most MAX_RUNS). */
const REPEAT_BUDGET_MS = 1500;
const MAX_RUNS = 7;

const job = workerData as WorkerJob;
const layout = CANDIDATES[job.candidate];
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

for (const size of job.sizes) {
  const graph = FAMILIES[job.family](size);
  try {
    const times: number[] = [];
    let result: LaidOut | undefined;
    const started = performance.now();
    while (times.length < MAX_RUNS && (times.length === 0 || performance.now() - started < REPEAT_BUDGET_MS)) {
      const t0 = performance.now();
      result = await layout(graph);
      times.push(performance.now() - t0);
      if (times.length === 1) post({ type: 'first-run', size, ms: times[0]! });
    }
    // With several runs the first one (cold JIT, elk's start-up) is dropped by the median anyway.
    const appended = await layout(appendOneOp(graph));
    const { movedShare, meanMove } = stability(result!, appended);
    post({
      type: 'result',
      size,
      edges: graph.edges.length,
      medianMs: median(times),
      runs: times.length,
      crossings: countCrossings(result!),
      width: Math.round(result!.width),
      height: Math.round(result!.height),
      movedShare,
      meanMove,
    });
  } catch (error) {
    post({ type: 'error', size, message: error instanceof Error ? error.message : String(error) });
    break;
  }
}
