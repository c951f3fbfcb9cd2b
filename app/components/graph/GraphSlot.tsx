import { GraphPanel } from './GraphPanel.tsx';
import { replay, selectSelectedNodeIds, selectStep, useReplay } from '../../core/replay/replay-store.ts';
import { selectTraceEvents, useNotebook } from '../../core/notebook/notebook-store.ts';

const selectNode = (nodeId: string) => replay.actions.select({ nodeIds: [nodeId] });

/** The graph panel, fed with the trace of this kernel session's runs, at the timeline's step. */
export function GraphSlot() {
  // Gradchecks run on request (Inspector's "Run gradcheck") are in the trace like the automatic ones.
  const traceEvents = useNotebook(selectTraceEvents);
  const step = useReplay(selectStep);
  const selectedNodeIds = useReplay(selectSelectedNodeIds);
  return (
    <GraphPanel events={traceEvents} step={step ?? undefined} selectedNodeIds={selectedNodeIds} onNodeClick={selectNode} />
  );
}
