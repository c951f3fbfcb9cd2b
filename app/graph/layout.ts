/**
 * Layered layout of the autograd graph with d3-dag's Sugiyama method, chosen by measurement
 * (docs/layout.md). Small graphs get the quality preset (d3-dag's defaults: fewest crossings,
 * most compact); larger graphs get the fast preset, which stays interactive into the thousands.
 * Deterministic: the same model always gives the same coordinates (nodes enter in creation order).
 */
import {
  coordCenter,
  coordSimplex,
  decrossDfs,
  decrossTwoLayer,
  graph as dagGraph,
  layeringLongestPath,
  sugiyama,
  twolayerAgg,
  type GraphNode as DagNode,
  type MutGraphNode,
} from 'd3-dag';
import type { GraphEdge } from './model.ts';
import type { ViewNode } from './module-groups.ts';
import { nodeSize } from './node-size.ts';

/** What layout needs from the model: sizes and connections. Plain data, so it can go to a worker. */
export interface LayoutInput {
  readonly nodes: readonly {
    readonly id: string;
    readonly kind: ViewNode['kind'];
    readonly width: number;
    readonly height: number;
  }[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string }[];
}

/** A node's box; x and y are its centre. */
export interface NodeBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An edge's route from the bottom of its source to the top of its target. */
export interface EdgeRoute {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly points: readonly (readonly [number, number])[];
}

/** quality: fewest crossings, compact; fast: for hundreds of nodes; fastest: for thousands. */
export type LayoutPreset = 'quality' | 'fast' | 'fastest';

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly NodeBox[];
  readonly edges: readonly EdgeRoute[];
  readonly preset: LayoutPreset;
}

/** Above this many nodes the quality preset takes seconds on some graphs (docs/layout.md). */
export const QUALITY_MAX_NODES = 150;
/** Above this many nodes one decrossing sweep can take seconds; order layers by DFS instead. */
export const FAST_MAX_NODES = 1000;
/** From this many nodes layout runs in a worker: above it a layout can take over ~50 ms. */
export const WORKER_MIN_NODES = 80;
/** Gap between nodes in a layer, and between layers. */
export const GAP_X = 24;
export const GAP_Y = 40;
/** Parallel edges (x * x) are spread this far apart where they meet their nodes. */
const PARALLEL_EDGE_SPREAD = 8;

export const EMPTY_LAYOUT: GraphLayout = { width: 0, height: 0, nodes: [], edges: [], preset: 'quality' };

/** What can be laid out: a graph model, or one with collapsed module groups (module-groups.ts). */
export interface LayoutModel {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly GraphEdge[];
}

export function toLayoutInput(model: LayoutModel): LayoutInput {
  return {
    nodes: model.nodes.map((node) => ({ id: node.id, kind: node.kind, ...nodeSize(node) })),
    edges: model.edges.map(({ id, source, target }) => ({ id, source, target })),
  };
}

export function presetFor(nodeCount: number): LayoutPreset {
  if (nodeCount <= QUALITY_MAX_NODES) return 'quality';
  return nodeCount <= FAST_MAX_NODES ? 'fast' : 'fastest';
}

type Datum = LayoutInput['nodes'][number];
const sizeOf = (node: DagNode<Datum, undefined>): [number, number] => [node.data.width, node.data.height];

/**
 * Op → op links weigh more than leaf → op links, so the chain of ops stays vertical and leaves
 * hang beside it; with equal weights an MLP drifts into a staircase 14× wider (docs/layout.md).
 */
const spineCoords = coordSimplex().weight((link: { source: DagNode<Datum, undefined> }) =>
  link.source.data.kind !== 'leaf' ? ([8, 8, 16] as const) : ([1, 2, 8] as const),
);
const QUALITY = sugiyama().nodeSize(sizeOf).gap([GAP_X, GAP_Y]).coord(spineCoords);
// Simplex layering and simplex coordinates are what make big graphs slow (seconds at 1,000 nodes,
// minutes for simplex coordinates at 2,000). Longest-path layering is linear, and centring each
// layer gave the narrowest drawings of all the fast variants (greedy coordinates drift into a
// staircase on MLPs: 33,000 px wide at 1,000 nodes against 304 px).
const FAST = QUALITY.layering(layeringLongestPath())
  .decross(decrossTwoLayer().order(twolayerAgg()).passes(1))
  .coord(coordCenter());
// One decrossing sweep over thousands of nodes (and their dummies) takes seconds; DFS order doesn't.
const FASTEST = FAST.decross(decrossDfs());
const PRESETS = { quality: QUALITY, fast: FAST, fastest: FASTEST } as const;

/** Lays out a graph synchronously. Use layoutGraph (layout-client.ts) from UI code. */
export function computeLayout(input: LayoutInput, preset: LayoutPreset = presetFor(input.nodes.length)): GraphLayout {
  if (input.nodes.length === 0) return { ...EMPTY_LAYOUT, preset };
  const dag = dagGraph<Datum, undefined>();
  const dagNodes = new Map<string, MutGraphNode<Datum, undefined>>();
  for (const node of input.nodes) dagNodes.set(node.id, dag.node(node));
  // One link per connected pair: parallel edges (x * x) share a route and are spread when drawn.
  const routeKey = (source: string, target: string) => `${source}>${target}`;
  const linked = new Set<string>();
  for (const { source, target } of input.edges) {
    const key = routeKey(source, target);
    const from = dagNodes.get(source);
    const to = dagNodes.get(target);
    if (linked.has(key) || !from || !to) continue;
    linked.add(key);
    dag.link(from, to);
  }

  const { width, height } = PRESETS[preset](dag);

  const boxes = new Map<string, NodeBox>();
  for (const node of dag.nodes()) {
    const { id, width: w, height: h } = node.data;
    boxes.set(id, { id, x: node.x, y: node.y, width: w, height: h });
  }
  const routes = new Map<string, [number, number][]>();
  for (const link of dag.links()) {
    routes.set(
      routeKey(link.source.data.id, link.target.data.id),
      link.points.map(([x, y]) => [x, y]),
    );
  }

  const parallelCount = new Map<string, number>();
  for (const { source, target } of input.edges) {
    const key = routeKey(source, target);
    parallelCount.set(key, (parallelCount.get(key) ?? 0) + 1);
  }
  const parallelSeen = new Map<string, number>();
  const edges: EdgeRoute[] = [];
  for (const { id, source, target } of input.edges) {
    const key = routeKey(source, target);
    const route = routes.get(key);
    if (!route) continue;
    const index = parallelSeen.get(key) ?? 0;
    parallelSeen.set(key, index + 1);
    const offset = (index - ((parallelCount.get(key) ?? 1) - 1) / 2) * PARALLEL_EDGE_SPREAD;
    edges.push({ id, source, target, points: clipToBoxes(route, boxes.get(source)!, boxes.get(target)!, offset) });
  }

  return { width, height, nodes: input.nodes.map((node) => boxes.get(node.id)!), edges, preset };
}

/** d3-dag routes edges centre to centre; start at the source's bottom and end at the target's top. */
function clipToBoxes(
  route: readonly [number, number][],
  source: NodeBox,
  target: NodeBox,
  offset: number,
): [number, number][] {
  const inner = route.slice(1, -1).map(([x, y]): [number, number] => [x + offset, y]);
  return [[source.x + offset, source.y + source.height / 2], ...inner, [target.x + offset, target.y - target.height / 2]];
}

/** Convenience for tests and small graphs: model in, layout out, on this thread. */
export function layoutModelSync(model: LayoutModel, preset?: LayoutPreset): GraphLayout {
  return computeLayout(toLayoutInput(model), preset);
}
