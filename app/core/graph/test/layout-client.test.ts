import { describe, expect, it } from 'vitest';
import { buildGraph } from '../build-graph.ts';
import { createLayoutRunner } from '../layout-client.ts';
import { computeLayout, presetFor, WORKER_MIN_NODES } from '../layout.ts';
import type { LayoutRequest, LayoutResponse } from '../layout-protocol.ts';
import { groupGraph } from '../module-groups.ts';
import { SEED_TRACE } from './fixtures/seed-trace.ts';
import { chainTrace, moduleModelTrace } from './fixtures/synthetic-traces.ts';

/** Stands in for the module worker: answers each request on a later tick, like a real one. */
function fakeWorkerFactory(log: LayoutRequest[]) {
  return () => {
    const worker = {
      onmessage: null as ((event: MessageEvent<LayoutResponse>) => void) | null,
      onerror: null,
      postMessage(request: LayoutRequest) {
        log.push(request);
        setTimeout(() => {
          const response: LayoutResponse = {
            requestId: request.requestId,
            ok: true,
            layout: computeLayout(request.input, request.preset),
          };
          worker.onmessage?.({ data: response } as MessageEvent<LayoutResponse>);
        }, 0);
      },
      terminate() {},
    };
    return worker as unknown as Worker;
  };
}

describe('createLayoutRunner', () => {
  it('lays out small graphs on this thread, without the worker', async () => {
    const requests: LayoutRequest[] = [];
    const runner = createLayoutRunner(fakeWorkerFactory(requests));
    const layout = await runner.layout(buildGraph(SEED_TRACE));
    expect(layout?.nodes).toHaveLength(4);
    expect(requests).toHaveLength(0);
    runner.dispose();
  });

  it('sends big graphs to the worker and gets the same layout back', async () => {
    const requests: LayoutRequest[] = [];
    const runner = createLayoutRunner(fakeWorkerFactory(requests));
    const model = buildGraph(chainTrace(WORKER_MIN_NODES));
    const layout = await runner.layout(model);
    expect(requests).toHaveLength(1);
    expect(layout?.preset).toBe(presetFor(WORKER_MIN_NODES + 1));
    expect(layout).toEqual(computeLayout(requests[0]!.input));
    runner.dispose();
  });

  it('sends a big model’s groups to the worker, which lays them out as blocks', async () => {
    const requests: LayoutRequest[] = [];
    const runner = createLayoutRunner(fakeWorkerFactory(requests));
    const grouped = groupGraph(buildGraph(moduleModelTrace(20)), new Set());
    expect(grouped.nodes.length).toBeGreaterThanOrEqual(WORKER_MIN_NODES);
    const layout = await runner.layout(grouped);
    expect(requests).toHaveLength(1);
    // The request is plain data (it crosses to the worker by structured clone).
    expect(structuredClone(requests[0]!.input)).toEqual(requests[0]!.input);
    expect(layout?.groups).toHaveLength(grouped.expandedGroups.length);
    runner.dispose();
  });

  it('drops a layout that a newer request overtook (no stale picture)', async () => {
    const runner = createLayoutRunner(fakeWorkerFactory([]));
    const older = runner.layout(buildGraph(chainTrace(WORKER_MIN_NODES)));
    const newer = runner.layout(buildGraph(chainTrace(WORKER_MIN_NODES + 1)));
    expect(await older).toBeNull();
    expect((await newer)?.nodes).toHaveLength(WORKER_MIN_NODES + 2);
    runner.dispose();
  });

  it('works without workers at all (Node, the CLI)', async () => {
    const runner = createLayoutRunner(null);
    const layout = await runner.layout(buildGraph(chainTrace(WORKER_MIN_NODES)));
    expect(layout?.nodes).toHaveLength(WORKER_MIN_NODES + 1);
  });
});
