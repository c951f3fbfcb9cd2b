/**
 * Keeps what the layout sees bounded, whatever the program built. A graph (after module folding)
 * of more than LAYOUT_MAX_NODES nodes is folded further, in two stages, until it fits:
 *  1. runs: a chain of repeated identical ops (same op, output shape, source line and module call,
 *     each feeding only the next) of at least RUN_MIN_LENGTH ops becomes one `mul ×99,998` node,
 *     longest runs first;
 *  2. lines: if that is not enough, the remaining ops and leaves are summarised by source line,
 *     one node per line of code.
 * The plan is made once from the whole trace's graph and applied to the graph at every step, so
 * stepping through time folds the same nodes into the same boxes and nothing moves. Every fold is
 * reported in `notes`, which the graph panel shows. Pure functions; loops only, no recursion.
 */
import type { SourceLocation, TraceEvent } from '../../../engine/trace/schema.ts';
import { leafNodeId, opNodeId, type GraphEdge, type OpNode } from './model.ts';
import { frameKey, memberText, type GroupedGraph, type GroupNode, type ViewNode } from './module-groups.ts';
import { finish, sliceCounter, type Sliced } from './sliced.ts';

/** The layout never sees more nodes than this (about what the fastest preset lays out in a second). */
export const LAYOUT_MAX_NODES = 2000;
/** Shorter chains of repeated ops are left alone: folding three pills saves little and hides much. */
export const RUN_MIN_LENGTH = 4;

export const SUMMARY_ID_PREFIX = 's:';
export const isSummaryNodeId = (id: string): boolean => id.startsWith(SUMMARY_ID_PREFIX);

/** Source locations of graph nodes (op and leaf ids), from the trace. */
export function sourceLocationsOf(events: readonly TraceEvent[]): Map<string, SourceLocation> {
  return finish(sourceLocationsSliced(events));
}

export function* sourceLocationsSliced(events: readonly TraceEvent[]): Sliced<Map<string, SourceLocation>> {
  const locations = new Map<string, SourceLocation>();
  const due = sliceCounter();
  for (const event of events) {
    if (due()) yield;
    if (event.kind === 'op' && event.loc) locations.set(opNodeId(event.nodeId), event.loc);
    else if (event.kind === 'leaf' && event.loc) locations.set(leafNodeId(event.tensor.id), event.loc);
  }
  return locations;
}

/** One node of the plan standing for many: a run of repeated ops or a line's worth of nodes. */
export interface SummaryInfo {
  readonly id: string;
  readonly key: string;
  readonly kind: 'run' | 'line';
  readonly label: string;
  /** The first member (creation order): what clicking the summary selects. */
  readonly firstMemberId: string;
}

export interface BoundsPlan {
  /** View node id → id of the summary node standing for it (only folded nodes). */
  readonly foldInto: ReadonlyMap<string, string>;
  readonly summaries: ReadonlyMap<string, SummaryInfo>;
  /** Summary-level links (`source>target`) dropped because they point back and would make a cycle. */
  readonly droppedLinks: ReadonlySet<string>;
  /** What was folded, in words, for the view to say (empty when nothing was). */
  readonly notes: readonly string[];
}

export const EMPTY_PLAN: BoundsPlan = { foldInto: new Map(), summaries: new Map(), droppedLinks: new Set(), notes: [] };

const count = (n: number): string => n.toLocaleString('en-US');
const linkKey = (source: string, target: string): string => `${source}>${target}`;
const locationKey = (loc: SourceLocation | undefined): string => (loc === undefined ? '?' : `${loc.cell}:${loc.line}`);

interface Run {
  readonly memberIds: string[];
  readonly op: OpNode;
  readonly loc: SourceLocation | undefined;
}

/** What makes two ops "the same op repeated": op, grad_fn, output shape, line and module call. */
function isSameRunIdentity(a: OpNode, aLoc: SourceLocation | undefined, b: OpNode, bLoc: SourceLocation | undefined): boolean {
  if (a.op !== b.op || a.gradFn !== b.gradFn || locationKey(aLoc) !== locationKey(bLoc)) return false;
  if (a.outputShape.length !== b.outputShape.length || a.outputShape.some((size, i) => size !== b.outputShape[i])) return false;
  const aFrame = a.moduleScope?.at(-1);
  const bFrame = b.moduleScope?.at(-1);
  return aFrame === bFrame || (aFrame !== undefined && bFrame !== undefined && frameKey(aFrame) === frameKey(bFrame));
}

const MANY = '\u0000many';

/** Records `value` as the only one seen for `key`, or MANY once a different one comes. */
function noteOnly(only: Map<string, string>, key: string, value: string): void {
  const seen = only.get(key);
  if (seen === undefined) only.set(key, value);
  else if (seen !== value) only.set(key, MANY);
}

/**
 * Maximal chains a → b → c … of ops with one identity where each op's only consumer is the next
 * and each op's only op input is the previous one. One pass in creation order (producers come first).
 */
export function findRepeatedRuns(graph: Pick<GroupedGraph, 'nodes' | 'edges'>, locations: ReadonlyMap<string, SourceLocation>): Run[] {
  return finish(findRepeatedRunsSliced(graph, locations));
}

function* findRepeatedRunsSliced(graph: Pick<GroupedGraph, 'nodes' | 'edges'>, locations: ReadonlyMap<string, SourceLocation>): Sliced<Run[]> {
  // Only "exactly one" matters: the one consumer (op input) of a node, or MANY once a second differs.
  const onlyConsumer = new Map<string, string>();
  const onlyOpInput = new Map<string, string>();
  const leaves = new Set<string>();
  const due = sliceCounter();
  for (const node of graph.nodes) {
    if (due()) yield;
    if (node.kind === 'leaf') leaves.add(node.id);
  }
  for (const edge of graph.edges) {
    if (due()) yield;
    noteOnly(onlyConsumer, edge.source, edge.target);
    if (!leaves.has(edge.source)) noteOnly(onlyOpInput, edge.target, edge.source);
  }
  // Each op is compared with its one op input (no identity strings: a 100,000-op chain made them by the thousand).
  const runOf = new Map<string, { run: Run; node: OpNode; loc: SourceLocation | undefined }>();
  const runs: Run[] = [];
  for (const node of graph.nodes) {
    if (due()) yield;
    if (node.kind !== 'op') continue;
    const loc = locations.get(node.id);
    const input = onlyOpInput.get(node.id);
    const previous = input === undefined || input === MANY ? undefined : runOf.get(input);
    if (previous && onlyConsumer.get(input!) === node.id && isSameRunIdentity(previous.node, previous.loc, node, loc)) {
      previous.run.memberIds.push(node.id);
      runOf.set(node.id, { run: previous.run, node, loc });
      continue;
    }
    const run: Run = { memberIds: [node.id], op: node, loc };
    runOf.set(node.id, { run, node, loc });
    runs.push(run);
  }
  return runs.filter((run) => run.memberIds.length >= RUN_MIN_LENGTH);
}

function runLabel(run: Run): string {
  const where = run.loc === undefined ? '' : ` · line ${run.loc.line}`;
  return `${run.op.op} ×${count(run.memberIds.length)}${where}`;
}

/**
 * Decides what to fold so that at most LAYOUT_MAX_NODES nodes remain (if runs and lines can get
 * there; a program of more than that many distinct lines is the only way past it).
 */
export function planBounds(
  graph: Pick<GroupedGraph, 'nodes' | 'edges'>,
  locations: ReadonlyMap<string, SourceLocation>,
  maxNodes: number = LAYOUT_MAX_NODES,
): BoundsPlan {
  return finish(planBoundsSliced(graph, locations, maxNodes));
}

export function* planBoundsSliced(
  graph: Pick<GroupedGraph, 'nodes' | 'edges'>,
  locations: ReadonlyMap<string, SourceLocation>,
  maxNodes: number = LAYOUT_MAX_NODES,
): Sliced<BoundsPlan> {
  if (graph.nodes.length <= maxNodes) return EMPTY_PLAN;
  const due = sliceCounter();
  const foldInto = new Map<string, string>();
  const summaries = new Map<string, SummaryInfo>();
  const notes: string[] = [];
  let remaining = graph.nodes.length;

  // Stage 1: repeated runs, longest first (stable: earlier runs first among equals).
  const runs = (yield* findRepeatedRunsSliced(graph, locations)).sort((a, b) => b.memberIds.length - a.memberIds.length);
  const folded: Run[] = [];
  for (const run of runs) {
    if (remaining <= maxNodes) break;
    const firstMemberId = run.memberIds[0]!;
    const key = `run:${firstMemberId}`;
    const id = `${SUMMARY_ID_PREFIX}${key}`;
    summaries.set(id, { id, key, kind: 'run', label: runLabel(run), firstMemberId });
    for (const memberId of run.memberIds) {
      if (due()) yield;
      foldInto.set(memberId, id);
    }
    remaining -= run.memberIds.length - 1;
    folded.push(run);
  }
  if (folded.length > 0) notes.push(runNote(folded));

  // Stage 2: whatever is left, by source line.
  if (remaining > maxNodes) {
    const byLine = new Map<string, { id: string; members: number; ops: number }>();
    const lineKeyOf = (node: ViewNode): string => `line:${locationKey(locations.get(node.id))}`;
    const isFoldable = (node: ViewNode): boolean => !foldInto.has(node.id) && node.kind !== 'group';
    // A line with one node left keeps it as it is: a summary of one hides without saving anything.
    const perLine = new Map<string, number>();
    for (const node of graph.nodes) {
      if (due()) yield;
      if (isFoldable(node)) perLine.set(lineKeyOf(node), (perLine.get(lineKeyOf(node)) ?? 0) + 1);
    }
    for (const node of graph.nodes) {
      if (due()) yield;
      if (!isFoldable(node)) continue;
      const key = lineKeyOf(node);
      if (perLine.get(key)! < 2) continue;
      const loc = locations.get(node.id);
      const id = `${SUMMARY_ID_PREFIX}${key}`;
      let line = byLine.get(key);
      if (!line) {
        line = { id, members: 0, ops: 0 };
        byLine.set(key, line);
        const label = loc === undefined ? 'nodes without a line' : `line ${loc.line}`;
        summaries.set(id, { id, key, kind: 'line', label, firstMemberId: node.id });
      }
      line.members += 1;
      if (node.kind === 'op') line.ops += 1;
      foldInto.set(node.id, id);
    }
    const foldedNodes = [...byLine.values()].reduce((sum, line) => sum + line.members, 0);
    for (const line of byLine.values()) {
      const info = summaries.get(line.id)!;
      summaries.set(line.id, { ...info, label: `${info.label}: ${count(line.members)} nodes` });
    }
    notes.push(`${count(foldedNodes)} ${folded.length > 0 ? 'other ' : ''}nodes summarised by source line (${count(byLine.size)} lines)`);
  }

  // Folding by line can join nodes into a cycle (a loop whose lines feed each other); links that
  // point back against creation order are dropped so the layout stays acyclic.
  const droppedLinks = new Set<string>();
  const rank = new Map<string, number>();
  for (const [index, node] of graph.nodes.entries()) {
    if (due()) yield;
    const id = foldInto.get(node.id) ?? node.id;
    if (!rank.has(id)) rank.set(id, index);
  }
  for (const edge of graph.edges) {
    if (due()) yield;
    const source = foldInto.get(edge.source) ?? edge.source;
    const target = foldInto.get(edge.target) ?? edge.target;
    if (source === target || (source === edge.source && target === edge.target)) continue;
    if (rank.get(source)! > rank.get(target)!) droppedLinks.add(linkKey(source, target));
  }
  notes.unshift(`${count(graph.nodes.length)} nodes: more than the ${count(maxNodes)} the graph lays out, so`);
  return { foldInto, summaries, droppedLinks, notes };
}

/** `99,998 repeated \`mul\` ops on line 3 collapsed`, for the longest runs; a count for the rest. */
function runNote(runs: readonly Run[]): string {
  const shown = runs.slice(0, 3).map((run) => {
    const where = run.loc === undefined ? '' : ` on line ${run.loc.line}`;
    return `${count(run.memberIds.length)} repeated \`${run.op.op}\` ops${where}`;
  });
  const rest = runs.length - shown.length;
  return `${shown.join(', ')}${rest > 0 ? ` and ${count(rest)} more runs` : ''} collapsed`;
}

/** The graph with the plan's folds applied: summaries in place of their members, edges rerouted once. */
export function applyBounds<G extends GroupedGraph>(graph: G, plan: BoundsPlan): G {
  return finish(applyBoundsSliced(graph, plan));
}

export function* applyBoundsSliced<G extends GroupedGraph>(graph: G, plan: BoundsPlan): Sliced<G> {
  if (plan.foldInto.size === 0) return graph;
  const due = sliceCounter();
  interface Folded {
    index: number;
    memberCount: number;
    seq: number;
    memberTextChars: number;
    activeMember?: string;
  }
  const nodes: ViewNode[] = [];
  const folds = new Map<string, Folded>();
  for (const node of graph.nodes) {
    if (due()) yield;
    const into = plan.foldInto.get(node.id);
    if (into === undefined) {
      nodes.push(node);
      continue;
    }
    let folded = folds.get(into);
    if (!folded) {
      folded = { index: nodes.length, memberCount: 0, seq: node.seq, memberTextChars: 0 };
      folds.set(into, folded);
      nodes.push(node); // placeholder, replaced below
    }
    const text = node.kind === 'group' ? node.label : memberText(node);
    folded.memberCount += node.kind === 'group' ? node.memberCount : 1;
    folded.memberTextChars = Math.max(folded.memberTextChars, text.length);
    if (node.id === graph.activeNodeId) folded.activeMember = text;
  }
  for (const [id, folded] of folds) {
    const info = plan.summaries.get(id)!;
    const summary: GroupNode = {
      kind: 'group',
      id,
      key: info.key,
      path: '',
      label: info.label,
      summary: info.kind,
      memberCount: folded.memberCount,
      seq: folded.seq,
      memberTextChars: folded.memberTextChars,
      ...(folded.activeMember !== undefined && { activeMember: folded.activeMember }),
    };
    nodes[folded.index] = summary;
  }

  const endpoint = (id: string): string => plan.foldInto.get(id) ?? id;
  const edges: GraphEdge[] = [];
  const rerouted = new Set<string>();
  for (const edge of graph.edges) {
    if (due()) yield;
    const source = endpoint(edge.source);
    const target = endpoint(edge.target);
    if (source === edge.source && target === edge.target) {
      edges.push(edge);
      continue;
    }
    const key = linkKey(source, target);
    // One edge per pair of ends: a leaf feeding all 100,000 ops of a run is one arrow into it.
    if (source === target || rerouted.has(key) || plan.droppedLinks.has(key)) continue;
    rerouted.add(key);
    edges.push({ ...edge, source, target });
  }

  const foldedInto = new Map<string, string>();
  for (const [graphId, viewId] of graph.foldedInto) {
    if (due()) yield;
    foldedInto.set(graphId, endpoint(viewId));
  }
  for (const node of graph.nodes) {
    if (due()) yield;
    const into = plan.foldInto.get(node.id);
    if (into !== undefined && node.kind !== 'group') foldedInto.set(node.id, into);
  }
  const expandedGroups = graph.expandedGroups.map((group) => ({ ...group, memberIds: [...new Set(group.memberIds.map(endpoint))] }));
  return {
    ...graph,
    nodes,
    edges,
    expandedGroups,
    foldedInto,
    ...(graph.activeNodeId !== undefined && { activeNodeId: endpoint(graph.activeNodeId) }),
  };
}
