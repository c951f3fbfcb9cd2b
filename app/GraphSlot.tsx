import { GraphPanel } from './graph/GraphPanel.tsx';
import { selectTraceEvents, useNotebook } from './store/notebook-store.ts';

/** The graph panel, fed with the trace of this kernel session's runs. */
export function GraphSlot() {
  const traceEvents = useNotebook(selectTraceEvents);
  return <GraphPanel events={traceEvents} />;
}
