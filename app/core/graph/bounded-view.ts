/**
 * The graph panel's whole-trace model (module folding, then the bounds plan and its folds), kept
 * per graph and per set of collapsed modules. A render that React drops and starts again (a
 * deferred render interrupted by a click or a status change) then finds it made, where a 100,000-op
 * chain costs several hundred milliseconds each time. Framework-free.
 */
import type { SourceLocation, TraceEvent } from '../../../engine/trace/schema.ts';
import { applyBoundsSliced, planBoundsSliced, sourceLocationsSliced, type BoundsPlan } from './bounded-graph.ts';
import type { GraphModel } from './model.ts';
import { defaultCollapsedGroupsSliced, groupGraphSliced, type GroupedGraph } from './module-groups.ts';
import { finish, type Sliced } from './sliced.ts';

export interface BoundedView {
  /** The whole trace's graph after module folding. */
  readonly grouped: GroupedGraph;
  readonly plan: BoundsPlan;
  /** `grouped` with the plan applied: what is laid out. */
  readonly model: GroupedGraph;
}

const locationsByTrace = new WeakMap<readonly TraceEvent[], Map<string, SourceLocation>>();
const defaultCollapsedByGraph = new WeakMap<GraphModel, ReadonlySet<string>>();
const viewsByGraph = new WeakMap<GraphModel, WeakMap<ReadonlySet<string>, BoundedView>>();

/** Source locations of a trace's graph nodes (sourceLocationsOf), read once per trace array. */
export function locationsOf(events: readonly TraceEvent[]): ReadonlyMap<string, SourceLocation> {
  return finish(locationsSliced(events));
}

function* locationsSliced(events: readonly TraceEvent[]): Sliced<ReadonlyMap<string, SourceLocation>> {
  let locations = locationsByTrace.get(events);
  if (!locations) locationsByTrace.set(events, (locations = yield* sourceLocationsSliced(events)));
  return locations;
}

/** The modules a graph starts with collapsed (defaultCollapsedGroups): one set object per graph. */
export function defaultCollapsedOf(graph: GraphModel): ReadonlySet<string> {
  return finish(defaultCollapsedSliced(graph));
}

export function* defaultCollapsedSliced(graph: GraphModel): Sliced<ReadonlySet<string>> {
  let collapsed = defaultCollapsedByGraph.get(graph);
  if (!collapsed) defaultCollapsedByGraph.set(graph, (collapsed = yield* defaultCollapsedGroupsSliced(graph)));
  return collapsed;
}

/** Whether boundedViewOf(graph, collapsed, …) is made already (then it costs nothing). */
export function hasBoundedView(graph: GraphModel, collapsed: ReadonlySet<string>): boolean {
  return viewsByGraph.get(graph)?.has(collapsed) ?? false;
}

/** The bounded view of `graph` with `collapsed` modules folded, made once per (graph, set, trace). */
export function boundedViewOf(graph: GraphModel, collapsed: ReadonlySet<string>, events: readonly TraceEvent[]): BoundedView {
  return finish(boundedViewSliced(graph, collapsed, events));
}

/** boundedViewOf as sliced work (sliced.ts): what it makes is kept for boundedViewOf to return. */
export function* boundedViewSliced(graph: GraphModel, collapsed: ReadonlySet<string>, events: readonly TraceEvent[]): Sliced<BoundedView> {
  let views = viewsByGraph.get(graph);
  if (!views) viewsByGraph.set(graph, (views = new WeakMap()));
  let view = views.get(collapsed);
  if (!view) {
    const grouped = yield* groupGraphSliced(graph, collapsed);
    const plan = yield* planBoundsSliced(grouped, yield* locationsSliced(events));
    view = { grouped, plan, model: yield* applyBoundsSliced(grouped, plan) };
    views.set(collapsed, view);
  }
  return view;
}
