import { GraphPanel } from './GraphPanel.tsx';
import { replay, selectSelectedNodeIds, selectStep } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import { selectTraceEvents } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';

const selectNode = (nodeId: string) => replay.actions.select({ nodeIds: [nodeId] });

/** The graph panel, fed with the trace of this kernel session's runs, at the timeline's step. */
export function GraphSlot() {
  // Gradchecks run on request (Inspector's "Run gradcheck") are in the trace like the automatic ones.
  const traceEvents = useNotebook(selectTraceEvents);
  const step = useReplay(selectStep);
  const selectedNodeIds = useReplay(selectSelectedNodeIds);
  return <GraphPanel events={traceEvents} step={step ?? undefined} selectedNodeIds={selectedNodeIds} onNodeClick={selectNode} />;
}
