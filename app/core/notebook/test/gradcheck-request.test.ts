/**
 * A gradcheck run on request (the inspector's "Run gradcheck") enters the session's trace through
 * the notebook store, like the checks recorded with a run: the graph's badge, the inspector and
 * the timeline read it from the same replay index, and it is saved with the trace.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { KernelClient } from '../../kernel/kernel-client.ts';
import { ScriptedWorker } from '../../kernel/test/scripted-worker.ts';
import { notebook } from '../notebook-store.ts';
import { traceIndexOf } from '../../trace/trace-index.ts';
import { connectStepperKernel, requestGradcheck, stepperRequests } from '../kernel-requests.ts';
import { badSquareTrace } from '../../trace/test/fixtures/custom-traces.ts';

type GradcheckEvent = Extract<TraceEvent, { kind: 'gradcheck' }>;

function connectedKernel(): ScriptedWorker {
  let worker: ScriptedWorker | undefined;
  const client = new KernelClient({ createWorker: () => (worker = new ScriptedWorker()), createInterruptBuffer: () => undefined, onStatus: () => {} });
  client.start();
  worker!.becomeReady();
  connectStepperKernel(client);
  return worker!;
}

/** The recorded run without its automatic check, as a node too big for it would be. */
const recorded = badSquareTrace();
const automatic = recorded.find((event): event is GradcheckEvent => event.kind === 'gradcheck')!;
const run = recorded.filter((event) => event.kind !== 'gradcheck');

async function answerGradcheck(worker: ScriptedWorker, event: GradcheckEvent): Promise<void> {
  const done = requestGradcheck(event.nodeId);
  const request = worker.sent.filter((message) => message.type === 'gradcheck').at(-1)!;
  worker.respond({ type: 'gradcheck', id: request.id, nodeId: event.nodeId, event });
  await done;
}

describe('a gradcheck run on request', () => {
  it('joins the session trace, so the graph badges the node and the index has the check', async () => {
    const worker = connectedKernel();
    notebook.actions.kernelRestarted();
    notebook.actions.finishCell({ cellId: notebook.store.getState().cells[0]!.id, ok: true, trace: run });
    const before = notebook.store.getState().traceEvents;
    const graphNode = () =>
      traceIndexOf(notebook.store.getState().traceEvents)
        .graphAt(undefined, { names: 'final' })
        .nodes.find((node) => node.id === `n${automatic.nodeId}`);
    expect(graphNode()).not.toHaveProperty('marks.gradcheck');

    const event = { ...automatic, seq: before[before.length - 1]!.seq + 1 };
    await answerGradcheck(worker, event);
    const after = notebook.store.getState().traceEvents;
    expect(after).toEqual([...before, event]);
    expect(traceIndexOf(after).gradcheckOf(automatic.nodeId)).toEqual(event);
    expect(graphNode()).toMatchObject({ marks: { gradcheck: 'failed' } });
    expect(stepperRequests.store.getState().pendingGradchecks).toEqual([]);
  });

  it('does not join a trace recorded elsewhere (an opened snapshot), whose node ids are not the worker’s', async () => {
    const worker = connectedKernel();
    notebook.actions.openSnapshot({ cells: [], events: run });
    await answerGradcheck(worker, { ...automatic, seq: 1000 });
    expect(notebook.store.getState().traceEvents).toBe(run);
  });
});
