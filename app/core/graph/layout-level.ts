/**
 * One level of a compound layout: d3-dag's Sugiyama method over plain boxes (nodes, or whole
 * groups already laid out inside), with the preset chosen by measurement (docs/layout.md).
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
import type { LayoutPreset } from './layout.ts';

/** A box to place: `isLeaf` hangs beside the op spine rather than on it. */
export interface LevelItem {
  readonly id: string;
  readonly isLeaf: boolean;
  readonly width: number;
  readonly height: number;
}

export interface LevelLayout {
  readonly width: number;
  readonly height: number;
  /** Centre of each item, from the level's top-left corner. */
  readonly centres: ReadonlyMap<string, readonly [number, number]>;
  /** Each link's route, centre to centre, by `levelLinkKey(source, target)`. */
  readonly routes: ReadonlyMap<string, readonly (readonly [number, number])[]>;
}

export const levelLinkKey = (source: string, target: string): string => `${source}>${target}`;

type DagItem = DagNode<LevelItem, undefined>;
const sizeOf = (node: DagItem): [number, number] => [node.data.width, node.data.height];

/** Gap between boxes in a layer, and between layers. */
export const GAP_X = 24;
export const GAP_Y = 20;

/**
 * Op → op links weigh more than leaf → op links, so the chain of ops stays vertical and leaves
 * hang beside it; with equal weights an MLP drifts into a staircase 14× wider (docs/layout.md).
 */
const spineCoords = coordSimplex().weight((link: { source: DagItem }) => (link.source.data.isLeaf ? ([1, 2, 8] as const) : ([8, 8, 16] as const)));
const QUALITY = sugiyama().nodeSize(sizeOf).gap([GAP_X, GAP_Y]).coord(spineCoords);
// Simplex layering and simplex coordinates are what make big graphs slow (seconds at 1,000 nodes,
// minutes for simplex coordinates at 2,000). Longest-path layering is linear, and centring each
// layer gave the narrowest drawings of all the fast variants (greedy coordinates drift into a
// staircase on MLPs: 33,000 px wide at 1,000 nodes against 304 px).
const FAST = QUALITY.layering(layeringLongestPath()).decross(decrossTwoLayer().order(twolayerAgg()).passes(1)).coord(coordCenter());
// One decrossing sweep over thousands of nodes (and their dummies) takes seconds; DFS order doesn't.
const FASTEST = FAST.decross(decrossDfs());
const PRESETS = { quality: QUALITY, fast: FAST, fastest: FASTEST } as const;

/** Lays out items (in the given order, for determinism) and links (distinct, acyclic pairs). */
export function layoutLevel(items: readonly LevelItem[], links: readonly (readonly [string, string])[], preset: LayoutPreset): LevelLayout {
  if (items.length === 0) return { width: 0, height: 0, centres: new Map(), routes: new Map() };
  const dag = dagGraph<LevelItem, undefined>();
  const dagNodes = new Map<string, MutGraphNode<LevelItem, undefined>>();
  for (const item of items) dagNodes.set(item.id, dag.node(item));
  for (const [source, target] of links) dag.link(dagNodes.get(source)!, dagNodes.get(target)!);
  const { width, height } = PRESETS[preset](dag);
  const centres = new Map<string, readonly [number, number]>();
  for (const node of dag.nodes()) centres.set(node.data.id, [node.x, node.y]);
  const routes = new Map<string, (readonly [number, number])[]>();
  for (const link of dag.links()) {
    routes.set(
      levelLinkKey(link.source.data.id, link.target.data.id),
      link.points.map(([x, y]) => [x, y] as const),
    );
  }
  return { width, height, centres, routes };
}
