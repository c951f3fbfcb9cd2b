/**
 * React adapter for the graph view: builds the model from the trace, lays it out (in a worker when
 * big) and hands both to the d3 view. The layout is computed for the whole trace and reused at every
 * step, so stepping through time reveals nodes without moving them.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { createTraceIndex, traceIndexOf, type TraceIndex } from '../../core/trace/trace-index.ts';
import { isGraphViewReady, prepareGraphView } from '../../core/trace/prepared-graph.ts';
import { createGraphView, type GraphView } from './draw.ts';
import { createLayoutRunner, type LayoutRunner } from '../../core/graph/layout-client.ts';
import type { GraphLayout } from '../../core/graph/layout.ts';
import { groupGraph, viewNodeIds } from '../../core/graph/module-groups.ts';
import { applyBounds, isSummaryNodeId } from '../../core/graph/bounded-graph.ts';
import { boundedViewOf, defaultCollapsedOf } from '../../core/graph/bounded-view.ts';
import { fitFocusOf } from '../../core/graph/fit.ts';
import { panelLayout, selectIsGraphMaximised } from '../../core/notebook/panel-layout-store.ts';
import { usePanelLayout } from '../hooks/use-panel-layout.ts';
import { GraphExportButtons } from '../share/GraphExportButtons.tsx';
import { ancestorIds, graphOfNodes, trainingIterationAt } from '../../core/trace/training-iteration.ts';
import type { GraphModel, LeafHistory } from '../../core/graph/model.ts';
import { parameterHistories, withParameterHistories } from '../../core/trace/parameter-history.ts';

export interface GraphPanelProps {
  readonly events: readonly TraceEvent[];
  /** The trace step (event seq) to show; the end of the trace when omitted. */
  readonly step?: number;
  /** Nodes drawn as selected (a click, or a line of code, chose them). */
  readonly selectedNodeIds?: readonly string[];
  readonly onNodeClick?: (nodeId: string) => void;
}

const EMPTY_IDS: readonly string[] = [];
const NO_HISTORIES: ReadonlyMap<number, LeafHistory> = new Map();

/** The graph as the panel draws it: one training iteration's nodes when there is one, parameters with their sparklines. */
function iterationGraph(
  graph: GraphModel,
  iterationIds: ReadonlySet<string> | undefined,
  histories: ReadonlyMap<number, LeafHistory>,
  shownPass: number | undefined,
): GraphModel {
  return withParameterHistories(iterationIds ? graphOfNodes(graph, iterationIds) : graph, histories, shownPass);
}

const ZOOM_STEP = 1.25;

/** What the panel shows until the first big trace it is given is prepared (a page opened on one). */
let emptyIndex: TraceIndex | undefined;
const noTraceIndex = (): TraceIndex => (emptyIndex ??= createTraceIndex([]));

/**
 * The trace index the panel draws: `latest` once its graph view is ready; until then the one drawn
 * before, while the view of a big trace is made over many short tasks (prepared-graph.ts), so the
 * page never waits on one long fold. `isPreparing` says a newer trace is on its way.
 */
function usePreparedIndex(latest: TraceIndex): { readonly index: TraceIndex; readonly isPreparing: boolean } {
  const shownRef = useRef<TraceIndex | null>(null);
  const [, setPrepared] = useState<TraceIndex | null>(null);
  const isReady = isGraphViewReady(latest);
  if (isReady) shownRef.current = latest;
  useEffect(() => {
    if (isReady) return;
    let isCancelled = false;
    void prepareGraphView(latest, { isCancelled: () => isCancelled }).then((done) => {
      if (done && !isCancelled) setPrepared(latest);
    });
    return () => {
      isCancelled = true;
    };
  }, [latest, isReady]);
  return { index: shownRef.current ?? noTraceIndex(), isPreparing: !isReady };
}

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
  // Deferred, so a new trace reaches the panel in a render of its own after the rest of the page
  // has taken the run in; a big one's graph is then made over many short tasks before it is shown.
  const { index, isPreparing } = usePreparedIndex(useDeferredValue(traceIndexOf(events)));
  // A training loop shows one iteration: the pass at the step (the loss chart picks it; the last by default).
  const iteration = useMemo(() => trainingIterationAt(index, step), [index, step]);
  const isLoop = iteration !== undefined;
  const histories = useMemo(() => (isLoop ? parameterHistories(index.passSummaries) : NO_HISTORIES), [index, isLoop]);
  // Final names at every step: the recorder learns names when a run ends, and box sizes depend on them.
  const completeGraph = useMemo(() => index.graphAt(undefined, { names: 'final' }), [index]);
  const rootNodeId = iteration?.rootNodeId;
  const iterationIds = useMemo(() => (rootNodeId === undefined ? undefined : ancestorIds(completeGraph, rootNodeId)), [completeGraph, rootNodeId]);
  const fullGraph = useMemo(() => iterationGraph(completeGraph, iterationIds, histories, undefined), [completeGraph, iterationIds, histories]);
  // Module groups (keys) the person collapsed; big graphs start with their top-level modules collapsed.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => defaultCollapsedOf(fullGraph));
  const [collapsedFor, setCollapsedFor] = useState(fullGraph);
  const isCollapsedForGraph = collapsedFor === fullGraph;
  if (!isCollapsedForGraph) {
    setCollapsedFor(fullGraph);
    setCollapsed(defaultCollapsedOf(fullGraph));
  }
  // React renders again at once with the new state; this render reads the same set (one object per
  // graph), so the bounded view below is made once, not once for the old set and again for the new.
  const shownCollapsed = isCollapsedForGraph ? collapsed : defaultCollapsedOf(fullGraph);
  // Past LAYOUT_MAX_NODES, runs of repeated ops (then lines) fold into one node each; the same plan
  // folds the graph at every step, so nothing moves while stepping.
  const { plan, model: fullModel } = boundedViewOf(fullGraph, shownCollapsed, index.events);
  const shownPass = iteration?.pass;
  const shownModel = useMemo(
    () =>
      step === undefined && shownPass === undefined
        ? fullModel
        : applyBounds(groupGraph(iterationGraph(index.graphAt(step, { names: 'final' }), iterationIds, histories, shownPass), shownCollapsed), plan),
    [index, step, fullModel, shownCollapsed, plan, iterationIds, histories, shownPass],
  );
  // A selected node hidden in a collapsed module selects the module's node.
  const shownSelection = useMemo(() => viewNodeIds(shownModel, selectedNodeIds), [shownModel, selectedNodeIds]);
  const toggleGroup = (key: string) =>
    !key.startsWith('run:') &&
    !key.startsWith('line:') &&
    setCollapsed((current) => {
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
      onNodeClick: (nodeId) => onNodeClickRef.current?.(isSummaryNodeId(nodeId) ? (planRef.current.summaries.get(nodeId)?.firstMemberId ?? nodeId) : nodeId),
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
      view.fit(fitFocusOf(shownModel.nodes, shownSelection));
    }
  }, [shownModel, layout, shownSelection]);

  const nodeCount = fullModel.nodes.length;
  const isMaximised = usePanelLayout(selectIsGraphMaximised);
  const fitFocus = fitFocusOf(shownModel.nodes, shownSelection);
  const fitFocusRef = useRef(fitFocus);
  fitFocusRef.current = fitFocus;
  // Taking or giving back the whole window changes the canvas: fit the graph to its new room.
  const wasMaximisedRef = useRef(isMaximised);
  useEffect(() => {
    if (wasMaximisedRef.current === isMaximised) return;
    wasMaximisedRef.current = isMaximised;
    const frame = requestAnimationFrame(() => viewRef.current?.fit(fitFocusRef.current));
    return () => cancelAnimationFrame(frame);
  }, [isMaximised]);
  return (
    <section className="gs-graph-panel" aria-label="Graph" style={{ position: 'relative', width: '100%', height: '100%' }}>
      <div ref={canvasRef} style={{ position: 'absolute', inset: 0 }} />
      <div className="gs-graph-toolbar" role="toolbar" aria-label="Graph view" style={{ position: 'absolute', top: 8, right: 8, display: 'flex', gap: 4 }}>
        <button type="button" aria-label="Fit graph to view" title="Fit graph to view" onClick={() => viewRef.current?.fit(fitFocus)}>
          Fit
        </button>
        <button type="button" aria-label="Zoom in" title="Zoom in" onClick={() => viewRef.current?.zoomBy(ZOOM_STEP)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" title="Zoom out" onClick={() => viewRef.current?.zoomBy(1 / ZOOM_STEP)}>
          −
        </button>
        <GraphExportButtons />
        <button
          type="button"
          aria-label={isMaximised ? 'Restore graph size' : 'Maximise graph'}
          aria-pressed={isMaximised}
          title={isMaximised ? 'Restore graph size (Esc)' : 'Graph takes the whole window (Esc restores)'}
          onClick={() => panelLayout.actions.toggleMaximised()}
        >
          {isMaximised ? 'Restore' : 'Maximise'}
        </button>
      </div>
      {iteration && (
        <p
          className="gs-graph-iteration"
          role="note"
          aria-label="Iteration shown"
          title="One iteration of the training loop: pick another pass on the loss chart"
          style={{ position: 'absolute', left: 8, top: 8, right: 310, margin: 0, fontSize: 12, pointerEvents: 'none' }}
        >
          Pass {iteration.pass} of {iteration.passCount} · one iteration
        </p>
      )}
      {plan.notes.length > 0 && (
        <p
          className="gs-graph-bounds-note"
          role="note"
          aria-label="Graph simplified"
          style={{ position: 'absolute', left: 8, top: 8, right: 200, margin: 0, fontSize: 12 }}
        >
          {plan.notes.join(' ')}.
        </p>
      )}
      <div role="status" aria-live="polite" style={{ position: 'absolute', left: 8, bottom: 8, fontSize: 12 }}>
        {error ?? (isPreparing ? 'Preparing the graph…' : isLayingOut && nodeCount > 0 ? `Laying out ${nodeCount} nodes…` : '')}
      </div>
    </section>
  );
}
