import { GraphPanel } from './graph/GraphPanel.tsx';
import { replay, selectSelectedNodeIds, selectStep, useReplay } from './store/replay-store.ts';
import { selectTraceEvents, useNotebook } from './store/notebook-store.ts';
import { selectRequestedGradchecks, useStepperRequests, withRequestedGradchecks } from './stepper/kernel-requests.ts';

const selectNode = (nodeId: string) => replay.actions.select({ nodeIds: [nodeId] });

/** The graph panel, fed with the trace of this kernel session's runs, at the timeline's step. */
export function GraphSlot() {
  // Gradchecks run on request (Inspector's "Run gradcheck") badge their nodes like the automatic ones.
  const traceEvents = withRequestedGradchecks(useNotebook(selectTraceEvents), useStepperRequests(selectRequestedGradchecks));
  const step = useReplay(selectStep);
  const selectedNodeIds = useReplay(selectSelectedNodeIds);
  return (
    <GraphPanel events={traceEvents} step={step ?? undefined} selectedNodeIds={selectedNodeIds} onNodeClick={selectNode} />
  );
}
