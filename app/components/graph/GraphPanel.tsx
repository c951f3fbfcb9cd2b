/**
 * React adapter for the graph view: builds the model from the trace, lays it out (in a worker when
 * big) and hands both to the d3 view. The layout is computed for the whole trace and reused at every
 * step, so stepping through time reveals nodes without moving them.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { traceIndexOf } from '../../core/trace/trace-index.ts';
import { createGraphView, type GraphView } from './draw.ts';
import { createLayoutRunner, type LayoutRunner } from '../../core/graph/layout-client.ts';
import type { GraphLayout } from '../../core/graph/layout.ts';
import { groupGraph, viewNodeIds } from '../../core/graph/module-groups.ts';
import { applyBounds, isSummaryNodeId } from '../../core/graph/bounded-graph.ts';
import { boundedViewOf, defaultCollapsedOf } from '../../core/graph/bounded-view.ts';
import { GraphExportButtons } from '../share/GraphExportButtons.tsx';

export interface GraphPanelProps {
  readonly events: readonly TraceEvent[];
  /** The trace step (event seq) to show; the end of the trace when omitted. */
  readonly step?: number;
  /** Nodes drawn as selected (a click, or a line of code, chose them). */
  readonly selectedNodeIds?: readonly string[];
  readonly onNodeClick?: (nodeId: string) => void;
}

const EMPTY_IDS: readonly string[] = [];

const ZOOM_STEP = 1.25;

export function GraphPanel({ events, step, selectedNodeIds = EMPTY_IDS, onNodeClick }: GraphPanelProps) {
  const onNodeClickRef = useRef(onNodeClick);
  onNodeClickRef.current = onNodeClick;
  const canvasRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<GraphView | null>(null);
  const runnerRef = useRef<LayoutRunner | null>(null);
  const hasFittedRef = useRef(false);
  const [layout, setLayout] = useState<GraphLayout | null>(null);
  const [isLayingOut, setIsLayingOut] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // One replay index per trace: each step's graph is read from it, not replayed from event 0.
  // Deferred: a new trace's graph (hundreds of milliseconds for a 100,000-op chain) is built in a
  // render of its own after the rest of the page has taken the run in, not in the same task.
  const index = useDeferredValue(traceIndexOf(events));
  // Final names at every step: the recorder learns names when a run ends, and box sizes depend on them.
  const fullGraph = useMemo(() => index.graphAt(undefined, { names: 'final' }), [index]);
  // Module groups (keys) the person collapsed; big graphs start with their top-level modules collapsed.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => defaultCollapsedOf(fullGraph));
  const [collapsedFor, setCollapsedFor] = useState(fullGraph);
  if (collapsedFor !== fullGraph) {
    setCollapsedFor(fullGraph);
    setCollapsed(defaultCollapsedOf(fullGraph));
  }
  // Past LAYOUT_MAX_NODES, runs of repeated ops (then lines) fold into one node each; the same plan
  // folds the graph at every step, so nothing moves while stepping.
  const { plan, model: fullModel } = boundedViewOf(fullGraph, collapsed, index.events);
  const shownModel = useMemo(
    () => (step === undefined ? fullModel : applyBounds(groupGraph(index.graphAt(step, { names: 'final' }), collapsed), plan)),
    [index, step, fullModel, collapsed, plan],
  );
  // A selected node hidden in a collapsed module selects the module's node.
  const shownSelection = useMemo(() => viewNodeIds(shownModel, selectedNodeIds), [shownModel, selectedNodeIds]);
  const toggleGroup = (key: string) =>
    !key.startsWith('run:') && !key.startsWith('line:') && setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const planRef = useRef(plan);
  planRef.current = plan;
  const toggleGroupRef = useRef(toggleGroup);
  toggleGroupRef.current = toggleGroup;

  useEffect(() => {
    const view = createGraphView(canvasRef.current!, {
      // A summary node selects its first member (the inspector shows a real node).
      onNodeClick: (nodeId) =>
        onNodeClickRef.current?.(isSummaryNodeId(nodeId) ? (planRef.current.summaries.get(nodeId)?.firstMemberId ?? nodeId) : nodeId),
      onGroupToggle: (key) => toggleGroupRef.current(key),
    });
    const runner = createLayoutRunner();
    viewRef.current = view;
    runnerRef.current = runner;
    return () => {
      runner.dispose();
      view.destroy();
      viewRef.current = null;
      runnerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const runner = runnerRef.current;
    if (!runner) return;
    let isCurrent = true;
    setIsLayingOut(true);
    runner.layout(fullModel).then(
      (next) => {
        if (!isCurrent || next === null) return;
        setLayout(next);
        setError(null);
        setIsLayingOut(false);
      },
      (reason: unknown) => {
        if (!isCurrent) return;
        setError(reason instanceof Error ? reason.message : String(reason));
        setIsLayingOut(false);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [fullModel]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !layout) return;
    view.update(shownModel, layout, { selectedNodeIds: shownSelection });
    if (layout.nodes.length === 0) hasFittedRef.current = false;
    else if (!hasFittedRef.current) {
      hasFittedRef.current = true;
      view.fit();
    }
  }, [shownModel, layout, shownSelection]);

  const nodeCount = fullModel.nodes.length;
  return (
    <section className="gs-graph-panel" aria-label="Graph" style={{ position: 'relative', width: '100%', height: '100%' }}>
      <div ref={canvasRef} style={{ position: 'absolute', inset: 0 }} />
      <div className="gs-graph-toolbar" role="toolbar" aria-label="Graph view" style={{ position: 'absolute', top: 8, right: 8, display: 'flex', gap: 4 }}>
        <button type="button" aria-label="Fit graph to view" title="Fit graph to view" onClick={() => viewRef.current?.fit()}>
          Fit
        </button>
        <button type="button" aria-label="Zoom in" title="Zoom in" onClick={() => viewRef.current?.zoomBy(ZOOM_STEP)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" title="Zoom out" onClick={() => viewRef.current?.zoomBy(1 / ZOOM_STEP)}>
          −
        </button>
        <GraphExportButtons canvasRef={canvasRef} />
      </div>
      {plan.notes.length > 0 && (
        <p className="gs-graph-bounds-note" role="note" aria-label="Graph simplified" style={{ position: 'absolute', left: 8, top: 8, right: 200, margin: 0, fontSize: 12 }}>
          {plan.notes.join(' ')}.
        </p>
      )}
      <div role="status" aria-live="polite" style={{ position: 'absolute', left: 8, bottom: 8, fontSize: 12 }}>
        {error ?? (isLayingOut && nodeCount > 0 ? `Laying out ${nodeCount} nodes…` : '')}
      </div>
    </section>
  );
}
