/**
 * Module groups: nodes made inside an nn.Module's forward belong to that module (`fc1: Linear`).
 * d3-dag has no compound nodes, so a collapsed group is laid out as one node standing for its
 * members, and an expanded group is drawn as a box around wherever its members were placed.
 * Pure functions of the graph model and the set of collapsed group paths.
 */
import type { GraphEdge, GraphModel, GraphNode } from './model.ts';

/** One nn.Module call path, e.g. `encoder.layers.0`; `''` is the outermost module. */
export interface ModuleGroup {
  /** Node id of the group when collapsed: `g:<path>`. */
  readonly id: string;
  readonly path: string;
  /** Class name, e.g. `Linear`. */
  readonly type: string;
  /** `0: Linear`, or the class name alone for the outermost module. */
  readonly label: string;
  /** Path of the enclosing module's group; absent for an outermost module. */
  readonly parentPath?: string;
  /** 0 for the outermost module, 1 for its children, … */
  readonly depth: number;
  /** Ids of every graph node inside the group, nested groups included, in creation order. */
  readonly memberIds: readonly string[];
}

/** A collapsed module: one node in place of its members. */
export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly path: string;
  readonly label: string;
  /** How many graph nodes it stands for (at this step). */
  readonly memberCount: number;
  /** L2 norm over its parameters' gradients, once a backward pass has given them one. */
  readonly gradNorm?: number;
  readonly seq: number;
}

/** What the view lays out and draws: graph nodes, with collapsed modules folded into one node each. */
export type ViewNode = GraphNode | GroupNode;

export interface GroupedGraph extends Omit<GraphModel, 'nodes' | 'edges'> {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly GraphEdge[];
  /**
   * Expanded groups with at least one member present at this step (outermost first), drawn as
   * boxes; their memberIds are view node ids (a collapsed inner group counts as one member).
   */
  readonly expandedGroups: readonly ModuleGroup[];
}

/** Above this many nodes a graph starts with its modules collapsed (the layout's quality limit). */
export const COLLAPSE_MIN_NODES = 150;

export const groupNodeId = (path: string): string => `g:${path}`;

export function groupLabel(path: string, type: string): string {
  return path === '' ? type : `${path}: ${type}`;
}

/** The module path of a parameter: `fc1.weight` → `fc1`, `scale` → `''`. */
function ownerPath(parameter: string): string {
  const dot = parameter.lastIndexOf('.');
  return dot < 0 ? '' : parameter.slice(0, dot);
}

/** Every node's chain of group paths, outermost first (empty when the node is outside modules). */
function chainsOf(model: GraphModel, groups: ReadonlyMap<string, { parentPath?: string }>): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  for (const node of model.nodes) {
    if (node.kind === 'op' && node.moduleScope) chains.set(node.id, node.moduleScope.map((frame) => frame.path));
    else if (node.kind === 'leaf' && node.parameter !== undefined) {
      const chain: string[] = [];
      for (let path: string | undefined = ownerPath(node.parameter); path !== undefined; ) {
        if (!groups.has(path)) break;
        chain.unshift(path);
        path = groups.get(path)!.parentPath;
      }
      if (chain.length > 0) chains.set(node.id, chain);
    }
  }
  return chains;
}

interface GroupInfo {
  type: string;
  parentPath?: string;
  depth: number;
}

function groupInfos(model: GraphModel): Map<string, GroupInfo> {
  const infos = new Map<string, GroupInfo>();
  for (const node of model.nodes) {
    if (node.kind !== 'op' || !node.moduleScope) continue;
    node.moduleScope.forEach((frame, depth) => {
      if (infos.has(frame.path)) return;
      const parentPath = depth > 0 ? node.moduleScope![depth - 1]!.path : undefined;
      infos.set(frame.path, { type: frame.type, depth, ...(parentPath !== undefined && { parentPath }) });
    });
  }
  return infos;
}

/** The module groups of a graph, outermost first, then in order of first appearance. */
export function moduleGroupsOf(model: GraphModel): ModuleGroup[] {
  const infos = groupInfos(model);
  const chains = chainsOf(model, infos);
  const members = new Map<string, string[]>([...infos.keys()].map((path) => [path, []]));
  for (const node of model.nodes) for (const path of chains.get(node.id) ?? []) members.get(path)?.push(node.id);
  return [...infos.entries()]
    .map(([path, info]) => ({
      id: groupNodeId(path),
      path,
      type: info.type,
      label: groupLabel(path, info.type),
      depth: info.depth,
      memberIds: members.get(path)!,
      ...(info.parentPath !== undefined && { parentPath: info.parentPath }),
    }))
    .sort((a, b) => a.depth - b.depth);
}

/**
 * Which groups start collapsed: none for small graphs; for big ones, the children of the outermost
 * module (`0`, `fc1`, `encoder`), so the picture shows the model's top-level structure.
 */
export function defaultCollapsedGroups(model: GraphModel): Set<string> {
  if (model.nodes.length <= COLLAPSE_MIN_NODES) return new Set();
  const groups = moduleGroupsOf(model);
  const topDepth = groups.some((group) => group.depth === 1) ? 1 : 0;
  return new Set(groups.filter((group) => group.depth === topDepth).map((group) => group.path));
}

/**
 * Folds every collapsed group into one node (the outermost collapsed group wins), reroutes edges to
 * it and drops edges inside it. Expanded groups are listed for drawing their boxes.
 */
export function groupGraph(model: GraphModel, collapsed: ReadonlySet<string>): GroupedGraph {
  const groups = moduleGroupsOf(model);
  const infos = new Map(groups.map((group) => [group.path, group]));
  const chains = chainsOf(model, infos);
  const foldedInto = new Map<string, string>();
  for (const node of model.nodes) {
    const folding = (chains.get(node.id) ?? []).find((path) => collapsed.has(path));
    if (folding !== undefined) foldedInto.set(node.id, folding);
  }
  const norms = new Map((model.gradNorms ?? []).map((entry) => [entry.tensorId, entry.norm]));
  const nodes: ViewNode[] = [];
  const groupNodes = new Map<string, { memberCount: number; seq: number; normSquares: number; hasNorm: boolean; index: number }>();
  for (const node of model.nodes) {
    const path = foldedInto.get(node.id);
    if (path === undefined) {
      nodes.push(node);
      continue;
    }
    let folded = groupNodes.get(path);
    if (!folded) {
      folded = { memberCount: 0, seq: node.seq, normSquares: 0, hasNorm: false, index: nodes.length };
      groupNodes.set(path, folded);
      nodes.push(node); // placeholder, replaced below
    }
    folded.memberCount += 1;
    const norm = node.kind === 'leaf' ? (norms.get(node.tensorId) ?? normOfGrad(node)) : undefined;
    if (norm !== undefined) {
      folded.normSquares += norm * norm;
      folded.hasNorm = true;
    }
  }
  for (const [path, folded] of groupNodes) {
    nodes[folded.index] = {
      kind: 'group',
      id: groupNodeId(path),
      path,
      label: infos.get(path)!.label,
      memberCount: folded.memberCount,
      seq: folded.seq,
      ...(folded.hasNorm && { gradNorm: Math.sqrt(folded.normSquares) }),
    };
  }

  const endpoint = (nodeId: string) => {
    const path = foldedInto.get(nodeId);
    return path === undefined ? nodeId : groupNodeId(path);
  };
  const edges: GraphEdge[] = [];
  for (const edge of model.edges) {
    const source = endpoint(edge.source);
    const target = endpoint(edge.target);
    if (source === target) continue;
    edges.push(source === edge.source && target === edge.target ? edge : { ...edge, source, target });
  }

  const present = new Set(model.nodes.map((node) => node.id));
  const isHidden = (group: ModuleGroup): boolean =>
    collapsed.has(group.path) || (group.parentPath !== undefined && isHidden(infos.get(group.parentPath)!));
  const expandedGroups = groups
    .filter((group) => !isHidden(group) && group.memberIds.some((id) => present.has(id)))
    .map((group) => ({ ...group, memberIds: [...new Set(group.memberIds.filter((id) => present.has(id)).map(endpoint))] }));
  const { nodes: _nodes, edges: _edges, activeNodeId, ...rest } = model;
  return {
    ...rest,
    nodes,
    edges,
    expandedGroups,
    // A step inside a collapsed module lights the module.
    ...(activeNodeId !== undefined && { activeNodeId: endpoint(activeNodeId) }),
  };
}

/** A leaf's gradient norm from its accumulated `.grad`, when the values are known. */
function normOfGrad(node: Extract<GraphNode, { kind: 'leaf' }>): number | undefined {
  const values = node.grad?.values;
  if (!values) return undefined;
  return Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
}

/** A labelled box around an expanded group's members. */
export interface GroupBox {
  readonly path: string;
  readonly label: string;
  readonly depth: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Room around members, and above them for the label; nested groups get a little more each level out. */
export const GROUP_PADDING = 8;
export const GROUP_LABEL_HEIGHT = 14;

/**
 * Boxes of the expanded groups, from the members' laid-out boxes (members missing from the
 * layout are skipped), so a group's box grows with replay as its members appear. Outer groups enclose inner ones by growing with their nesting.
 */
export function groupBoxes(
  graph: Pick<GroupedGraph, 'expandedGroups'>,
  boxes: ReadonlyMap<string, { x: number; y: number; width: number; height: number }>,
): GroupBox[] {
  const maxDepth = Math.max(0, ...graph.expandedGroups.map((group) => group.depth));
  const result: GroupBox[] = [];
  for (const group of graph.expandedGroups) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const id of group.memberIds) {
      const box = boxes.get(id);
      if (!box) continue;
      minX = Math.min(minX, box.x - box.width / 2);
      minY = Math.min(minY, box.y - box.height / 2);
      maxX = Math.max(maxX, box.x + box.width / 2);
      maxY = Math.max(maxY, box.y + box.height / 2);
    }
    if (minX === Infinity) continue;
    const pad = GROUP_PADDING * (1 + maxDepth - group.depth);
    const top = minY - pad - GROUP_LABEL_HEIGHT * (1 + maxDepth - group.depth);
    result.push({
      path: group.path,
      label: group.label,
      depth: group.depth,
      x: minX - pad,
      y: top,
      width: maxX - minX + 2 * pad,
      height: maxY + pad - top,
    });
  }
  return result;
}
