/**
 * Module groups: nodes made inside an nn.Module's forward belong to that module call (`fc1: Linear`).
 * A collapsed group is laid out as one node standing for its members; an expanded group is laid
 * out as a compound block (layout.ts), so its box holds its members and nothing else.
 * Pure functions of the graph model and the set of collapsed group keys.
 */
import type { ModuleFrame } from '../../../engine/trace/schema.ts';
import type { GraphEdge, GraphModel, GraphNode } from './model.ts';
import { leafName } from './labels.ts';
import { finish, sliceCounter, type Sliced } from './sliced.ts';

/**
 * One nn.Module call. Groups are keyed by the recorder's call number, so two models that both
 * have `fc1` give two groups, and so does one module called twice: each call is its own piece of
 * the computation (torch.fx draws them as `fc1` and `fc1_1`), and only then can a group be laid out
 * as one block (one group for `fc(relu(fc(x)))` would enclose the relu between its calls).
 * Traces without call numbers (v2) group by path.
 */
export interface ModuleGroup {
  /** Node id of the group when collapsed: `g:<key>`. */
  readonly id: string;
  /** `<path>#<call>`, or the path alone for traces without call numbers. */
  readonly key: string;
  /** Attribute path from the outermost module, e.g. `encoder.layers.0`; `''` for the outermost. */
  readonly path: string;
  /** Class name, e.g. `Linear`. */
  readonly type: string;
  /** `0: Linear`, or the class name alone for the outermost module; `(call 2)` for a repeat call. */
  readonly label: string;
  /** Key of the enclosing module call's group; absent for an outermost module. */
  readonly parentKey?: string;
  /** 0 for the outermost module, 1 for its children, … */
  readonly depth: number;
  /** Ids of every graph node inside the group, nested groups included, in creation order. */
  readonly memberIds: readonly string[];
}

/** A collapsed module: one node in place of its members. */
export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly key: string;
  readonly path: string;
  readonly label: string;
  /** How many graph nodes it stands for (at this step). */
  readonly memberCount: number;
  /** L2 norm over its parameters' gradients, once a backward pass has given them one. */
  readonly gradNorm?: number;
  readonly seq: number;
  /** The member the current step is about (`AddmmBackward0`, `fc1.weight`), when it is inside. */
  readonly activeMember?: string;
  /** Characters of the longest member text, so the box has room for any of them at every step. */
  readonly memberTextChars: number;
  /** Not a module: a run of repeated ops or a line's nodes folded to bound the layout (bounded-graph.ts). */
  readonly summary?: 'run' | 'line';
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
  /** Graph node id → the collapsed group node standing for it (only for hidden nodes). */
  readonly foldedInto: ReadonlyMap<string, string>;
}

/** Above this many nodes a graph starts with its modules collapsed (the layout's quality limit). */
export const COLLAPSE_MIN_NODES = 150;

export const groupNodeId = (key: string): string => `g:${key}`;
export const isGroupNodeId = (id: string): boolean => id.startsWith('g:');

export function groupLabel(path: string, type: string): string {
  return path === '' ? type : `${path}: ${type}`;
}

export const frameKey = (frame: ModuleFrame): string => (frame.call === undefined ? frame.path : `${frame.path}#${frame.call}`);

/** The module path of a parameter: `fc1.weight` → `fc1`, `scale` → `''`. */
function ownerPath(parameter: string): string {
  const dot = parameter.lastIndexOf('.');
  return dot < 0 ? '' : parameter.slice(0, dot);
}

/** What a member is called in a collapsed group's label. */
export function memberText(node: GraphNode): string {
  return node.kind === 'op' ? node.gradFn : leafName(node);
}

interface GroupInfo {
  path: string;
  type: string;
  parentKey?: string;
  depth: number;
  /** Keys of the group and its ancestors, outermost first. */
  chain: string[];
}

function* groupInfos(model: GraphModel): Sliced<Map<string, GroupInfo>> {
  const infos = new Map<string, GroupInfo>();
  const due = sliceCounter();
  for (const node of model.nodes) {
    if (due()) yield;
    if (node.kind !== 'op' || !node.moduleScope) continue;
    const chain: string[] = [];
    node.moduleScope.forEach((frame, depth) => {
      const key = frameKey(frame);
      const parentKey = chain.at(-1);
      chain.push(key);
      if (infos.has(key)) return;
      infos.set(key, { path: frame.path, type: frame.type, depth, chain: [...chain], ...(parentKey !== undefined && { parentKey }) });
    });
  }
  return infos;
}

/**
 * Every node's chain of group keys, outermost first (absent when the node is outside modules).
 * Ops carry their module calls; a parameter leaf belongs to the call of its module that first used
 * it (a module called twice shares its weights; they are drawn in the first call).
 */
function* chainsOf(model: GraphModel, infos: ReadonlyMap<string, GroupInfo>): Sliced<Map<string, readonly string[]>> {
  const chains = new Map<string, readonly string[]>();
  // A program without modules (a long chain of plain ops) has no chains: its edges need no reading.
  if (infos.size === 0) return chains;
  const opScope = new Map<string, readonly ModuleFrame[]>();
  const due = sliceCounter();
  for (const node of model.nodes) {
    if (due()) yield;
    if (node.kind === 'op' && node.moduleScope) {
      opScope.set(node.id, node.moduleScope);
      chains.set(node.id, node.moduleScope.map(frameKey));
    }
  }
  const consumers = new Map<string, string[]>();
  for (const edge of model.edges) {
    if (due()) yield;
    const list = consumers.get(edge.source);
    if (list) list.push(edge.target);
    else consumers.set(edge.source, [edge.target]);
  }
  const firstGroupOfPath = new Map<string, string>();
  for (const [key, info] of infos) if (!firstGroupOfPath.has(info.path)) firstGroupOfPath.set(info.path, key);
  for (const node of model.nodes) {
    if (due()) yield;
    if (node.kind !== 'leaf' || node.parameter === undefined) continue;
    const owner = ownerPath(node.parameter);
    let key: string | undefined;
    for (const target of consumers.get(node.id) ?? []) {
      const frame = opScope.get(target)?.find((candidate) => candidate.path === owner);
      if (frame) {
        key = frameKey(frame);
        break;
      }
    }
    key ??= firstGroupOfPath.get(owner);
    if (key !== undefined) chains.set(node.id, infos.get(key)!.chain);
  }
  return chains;
}

/** Module groups per graph: the panel asks for a big graph's groups twice (default collapse, folding). */
const groupsByModel = new WeakMap<GraphModel, ModuleGroup[]>();
const structureByModel = new WeakMap<GraphModel, { infos: Map<string, GroupInfo>; chains: Map<string, readonly string[]> }>();

/** A graph's module calls and each node's chain of them, read once per graph. */
function* moduleStructureOf(model: GraphModel): Sliced<{ infos: Map<string, GroupInfo>; chains: Map<string, readonly string[]> }> {
  let structure = structureByModel.get(model);
  if (!structure) {
    const infos = yield* groupInfos(model);
    structureByModel.set(model, (structure = { infos, chains: yield* chainsOf(model, infos) }));
  }
  return structure;
}

/** The module groups of a graph, outermost first, then in order of first appearance. */
export function moduleGroupsOf(model: GraphModel): ModuleGroup[] {
  return finish(moduleGroupsSliced(model));
}

function* moduleGroupsSliced(model: GraphModel): Sliced<ModuleGroup[]> {
  let groups = groupsByModel.get(model);
  if (!groups) groupsByModel.set(model, (groups = yield* findModuleGroups(model)));
  return groups;
}

function* findModuleGroups(model: GraphModel): Sliced<ModuleGroup[]> {
  const { infos, chains } = yield* moduleStructureOf(model);
  const members = new Map<string, string[]>([...infos.keys()].map((key) => [key, []]));
  const due = sliceCounter();
  for (const node of model.nodes) {
    if (due()) yield;
    for (const key of chains.get(node.id) ?? []) members.get(key)?.push(node.id);
  }
  // A second call of one module: same path within the same enclosing call.
  const callsSoFar = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const [key, info] of infos) {
    const sibling = `${info.parentKey ?? ''}\u0000${info.path}`;
    const call = (callsSoFar.get(sibling) ?? 0) + 1;
    callsSoFar.set(sibling, call);
    const label = groupLabel(info.path, info.type);
    labels.set(key, call === 1 || info.parentKey === undefined ? label : `${label} (call ${call})`);
  }
  return [...infos.entries()]
    .map(([key, info]) => ({
      id: groupNodeId(key),
      key,
      path: info.path,
      type: info.type,
      label: labels.get(key)!,
      depth: info.depth,
      memberIds: members.get(key)!,
      ...(info.parentKey !== undefined && { parentKey: info.parentKey }),
    }))
    .sort((a, b) => a.depth - b.depth);
}

/**
 * Which groups start collapsed: none for small graphs; for big ones, the children of the outermost
 * module (`0`, `fc1`, `encoder`), so the picture shows the model's top-level structure.
 */
export function defaultCollapsedGroups(model: GraphModel): Set<string> {
  return finish(defaultCollapsedGroupsSliced(model));
}

export function* defaultCollapsedGroupsSliced(model: GraphModel): Sliced<Set<string>> {
  if (model.nodes.length <= COLLAPSE_MIN_NODES) return new Set();
  const groups = yield* moduleGroupsSliced(model);
  const topDepth = groups.some((group) => group.depth === 1) ? 1 : 0;
  return new Set(groups.filter((group) => group.depth === topDepth).map((group) => group.key));
}

/**
 * Folds every collapsed group into one node (the outermost collapsed group wins), reroutes edges to
 * it and drops edges inside it. Expanded groups are listed for laying out and drawing their boxes.
 */
export function groupGraph(model: GraphModel, collapsed: ReadonlySet<string>): GroupedGraph {
  return finish(groupGraphSliced(model, collapsed));
}

export function* groupGraphSliced(model: GraphModel, collapsed: ReadonlySet<string>): Sliced<GroupedGraph> {
  const groups = yield* moduleGroupsSliced(model);
  const infos = new Map(groups.map((group) => [group.key, group]));
  const { chains } = yield* moduleStructureOf(model);
  const foldedKey = new Map<string, string>();
  const due = sliceCounter();
  for (const node of model.nodes) {
    if (due()) yield;
    const folding = (chains.get(node.id) ?? []).find((key) => collapsed.has(key));
    if (folding !== undefined) foldedKey.set(node.id, folding);
  }
  const norms = new Map((model.gradNorms ?? []).map((entry) => [entry.tensorId, entry.norm]));
  const nodes: ViewNode[] = [];
  interface Folded {
    memberCount: number;
    seq: number;
    normSquares: number;
    hasNorm: boolean;
    index: number;
    memberTextChars: number;
    activeMember?: string;
  }
  const groupNodes = new Map<string, Folded>();
  for (const node of model.nodes) {
    if (due()) yield;
    const key = foldedKey.get(node.id);
    if (key === undefined) {
      nodes.push(node);
      continue;
    }
    let folded = groupNodes.get(key);
    if (!folded) {
      folded = { memberCount: 0, seq: node.seq, normSquares: 0, hasNorm: false, index: nodes.length, memberTextChars: 0 };
      groupNodes.set(key, folded);
      nodes.push(node); // placeholder, replaced below
    }
    folded.memberCount += 1;
    folded.memberTextChars = Math.max(folded.memberTextChars, memberText(node).length);
    if (node.id === model.activeNodeId) folded.activeMember = memberText(node);
    const norm = node.kind === 'leaf' ? (norms.get(node.tensorId) ?? normOfGrad(node)) : undefined;
    if (norm !== undefined) {
      folded.normSquares += norm * norm;
      folded.hasNorm = true;
    }
  }
  for (const [key, folded] of groupNodes) {
    const group = infos.get(key)!;
    nodes[folded.index] = {
      kind: 'group',
      id: groupNodeId(key),
      key,
      path: group.path,
      label: group.label,
      memberCount: folded.memberCount,
      seq: folded.seq,
      memberTextChars: folded.memberTextChars,
      ...(folded.hasNorm && { gradNorm: Math.sqrt(folded.normSquares) }),
      ...(folded.activeMember !== undefined && { activeMember: folded.activeMember }),
    };
  }

  const foldedInto = new Map([...foldedKey].map(([nodeId, key]) => [nodeId, groupNodeId(key)]));
  const endpoint = (nodeId: string) => foldedInto.get(nodeId) ?? nodeId;
  const edges: GraphEdge[] = [];
  for (const edge of model.edges) {
    if (due()) yield;
    const source = endpoint(edge.source);
    const target = endpoint(edge.target);
    if (source === target) continue;
    edges.push(source === edge.source && target === edge.target ? edge : { ...edge, source, target });
  }

  const present = new Set<string>();
  for (const node of model.nodes) {
    if (due()) yield;
    present.add(node.id);
  }
  // A loop up the parents, not recursion: modules can nest as deep as a program makes them.
  const isHidden = (group: ModuleGroup): boolean => {
    for (let at: ModuleGroup | undefined = group; at !== undefined; at = at.parentKey === undefined ? undefined : infos.get(at.parentKey)) {
      if (collapsed.has(at.key)) return true;
    }
    return false;
  };
  const expandedGroups = groups
    .filter((group) => !isHidden(group) && group.memberIds.some((id) => present.has(id)))
    .map((group) => ({ ...group, memberIds: [...new Set(group.memberIds.filter((id) => present.has(id)).map(endpoint))] }));
  const { nodes: _nodes, edges: _edges, activeNodeId, ...rest } = model;
  return {
    ...rest,
    nodes,
    edges,
    expandedGroups,
    foldedInto,
    // A step inside a collapsed module lights the module.
    ...(activeNodeId !== undefined && { activeNodeId: endpoint(activeNodeId) }),
  };
}

/** Node ids as the view shows them: a node hidden in a collapsed module is its module's node. */
export function viewNodeIds(graph: Pick<GroupedGraph, 'foldedInto'>, nodeIds: readonly string[]): string[] {
  return [...new Set(nodeIds.map((id) => graph.foldedInto.get(id) ?? id))];
}

/** A leaf's gradient norm from its accumulated `.grad`, when the values are known. */
function normOfGrad(node: Extract<GraphNode, { kind: 'leaf' }>): number | undefined {
  const values = node.grad?.values;
  if (!values) return undefined;
  return Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
}
