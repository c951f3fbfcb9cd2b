/**
 * The layered-DAG layouts under test, each behind one signature: BenchGraph in, node centres and
 * edge polylines out. Same gaps and node sizes for all, top to bottom.
 */
import dagre from '@dagrejs/dagre';
import {
  coordCenter,
  coordGreedy,
  coordSimplex,
  decrossDfs,
  decrossTwoLayer,
  graph as dagGraph,
  grid,
  layeringLongestPath,
  layeringSimplex,
  sugiyama,
  twolayerAgg,
  zherebko,
  type GraphNode as DagNode,
  type MutGraph,
} from 'd3-dag';
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { BenchGraph, BenchNode } from './layout-graphs.ts';

export type Point = readonly [number, number];

export interface LaidOut {
  readonly width: number;
  readonly height: number;
  readonly centers: ReadonlyMap<string, Point>;
  readonly polylines: readonly (readonly Point[])[];
}

export type Candidate = (graph: BenchGraph) => LaidOut | Promise<LaidOut>;

/** Horizontal gap between nodes in a layer, vertical gap between layers. */
export const GAP_X = 24;
export const GAP_Y = 40;

type AnyDag = MutGraph<BenchNode, undefined>;

function toDag(graph: BenchGraph): AnyDag {
  const dag = dagGraph<BenchNode, undefined>();
  const byId = new Map(graph.nodes.map((node) => [node.id, dag.node(node)]));
  for (const [source, target] of graph.edges) dag.link(byId.get(source)!, byId.get(target)!);
  return dag;
}

const size = (node: DagNode<BenchNode, undefined>): [number, number] => [node.data.width, node.data.height];

function readDag(dag: AnyDag, width: number, height: number): LaidOut {
  const centers = new Map<string, Point>();
  for (const node of dag.nodes()) centers.set(node.data.id, [node.x, node.y]);
  const polylines = [...dag.links()].map((link) => link.points.map(([x, y]) => [x, y] as const));
  return { width, height, centers, polylines };
}

function d3dag(layout: (dag: AnyDag) => { width: number; height: number }): Candidate {
  return (graph) => {
    const dag = toDag(graph);
    const { width, height } = layout(dag);
    return readDag(dag, width, height);
  };
}

const base = sugiyama().nodeSize(size).gap([GAP_X, GAP_Y]);
const oneSweep = decrossTwoLayer().order(twolayerAgg()).passes(1);
/** Op → op edges weigh more, so the chain of ops stays straight and leaves hang beside it. */
const spineCoords = coordSimplex().weight((link: { source: DagNode<BenchNode, undefined> }) =>
  link.source.data.kind === 'op' ? ([8, 8, 16] as const) : ([1, 2, 8] as const),
);

function dagreLayout(ranker: 'network-simplex' | 'tight-tree'): Candidate {
  return (graph) => {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'TB', nodesep: GAP_X, ranksep: GAP_Y, ranker });
    g.setDefaultEdgeLabel(() => ({}));
    for (const node of graph.nodes) g.setNode(node.id, { width: node.width, height: node.height });
    for (const [source, target] of graph.edges) g.setEdge(source, target);
    dagre.layout(g);
    const centers = new Map<string, Point>();
    for (const node of graph.nodes) {
      const { x, y } = g.node(node.id);
      centers.set(node.id, [x, y]);
    }
    const polylines = g.edges().map((e) => (g.edge(e).points ?? []).map((p: { x: number; y: number }) => [p.x, p.y] as const));
    const { width = 0, height = 0 } = g.graph();
    return { width, height, centers, polylines };
  };
}

const elk = new ELK();

const elkLayered: Candidate = async (graph) => {
  const input: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.spacing.nodeNode': String(GAP_X),
      'elk.layered.spacing.nodeNodeBetweenLayers': String(GAP_Y),
    },
    children: graph.nodes.map((node) => ({ id: node.id, width: node.width, height: node.height })),
    edges: graph.edges.map(([source, target], i) => ({ id: `e${i}`, sources: [source], targets: [target] })),
  };
  const result = await elk.layout(input);
  const centers = new Map<string, Point>();
  for (const child of result.children ?? []) {
    centers.set(child.id, [(child.x ?? 0) + (child.width ?? 0) / 2, (child.y ?? 0) + (child.height ?? 0) / 2]);
  }
  const polylines = (result.edges ?? []).flatMap((edge) =>
    (edge.sections ?? []).map((s) =>
      [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) => [p.x, p.y] as const),
    ),
  );
  return { width: result.width ?? 0, height: result.height ?? 0, centers, polylines };
};

export const CANDIDATES = {
  'd3-dag sugiyama, defaults': d3dag((dag) => base(dag)),
  'd3-dag sugiyama, defaults + op-spine coord weights': d3dag((dag) => base.coord(spineCoords)(dag)),
  'd3-dag sugiyama, simplex layering + 1-pass twolayer + op-spine simplex coords': d3dag((dag) =>
    base.decross(oneSweep).coord(spineCoords)(dag),
  ),
  'd3-dag sugiyama, longest-path layering + 1-pass twolayer + center coords': d3dag((dag) =>
    base.layering(layeringLongestPath()).decross(oneSweep).coord(coordCenter())(dag),
  ),
  'd3-dag sugiyama, bottom-up longest-path layering + 1-pass twolayer + center coords': d3dag((dag) =>
    base.layering(layeringLongestPath().topDown(false)).decross(oneSweep).coord(coordCenter())(dag),
  ),
  'd3-dag sugiyama, longest-path layering + DFS decross + center coords': d3dag((dag) =>
    base.layering(layeringLongestPath()).decross(decrossDfs()).coord(coordCenter())(dag),
  ),
  'd3-dag sugiyama, longest-path layering + DFS decross + greedy coords': d3dag((dag) =>
    base.layering(layeringLongestPath()).decross(decrossDfs()).coord(coordGreedy())(dag),
  ),
  'd3-dag sugiyama, simplex layering + 1-pass twolayer + greedy coords': d3dag((dag) =>
    base.decross(oneSweep).coord(coordGreedy())(dag),
  ),
  'd3-dag sugiyama, longest-path layering + 1-pass twolayer + greedy coords': d3dag((dag) =>
    base.layering(layeringLongestPath()).decross(oneSweep).coord(coordGreedy())(dag),
  ),
  'd3-dag sugiyama, simplex layering + DFS decross + greedy coords': d3dag((dag) =>
    base.layering(layeringSimplex()).decross(decrossDfs()).coord(coordGreedy())(dag),
  ),
  'd3-dag zherebko': d3dag((dag) => zherebko().nodeSize(size).gap([GAP_X, GAP_Y])(dag)),
  'd3-dag grid': d3dag((dag) => grid().nodeSize(size).gap([GAP_X, GAP_Y])(dag)),
  'dagre, network-simplex ranker': dagreLayout('network-simplex'),
  'dagre, tight-tree ranker': dagreLayout('tight-tree'),
  'elkjs layered': elkLayered,
} as const satisfies Record<string, Candidate>;

export type CandidateName = keyof typeof CANDIDATES;
