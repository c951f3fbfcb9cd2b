/**
 * Layered layout of the autograd graph with d3-dag's Sugiyama method, chosen by measurement
 * (docs/layout.md). Small graphs get the quality preset (d3-dag's defaults: fewest crossings,
 * most compact); larger graphs get the fast preset, which stays interactive into the thousands.
 * Deterministic: the same model always gives the same coordinates (nodes enter in creation order).
 */
import { layoutLevel, levelLinkKey, type LevelItem, type LevelLayout } from './layout-level.ts';
import type { GraphEdge } from './model.ts';
import { groupNodeId, type ModuleGroup, type ViewNode } from './module-groups.ts';
import { GRAD_LABEL_GAP, groupBoxTitleWidth, nodeSize } from './node-size.ts';

/** What layout needs from the model: sizes, connections, groups. Plain data, so it can go to a worker. */
export interface LayoutInput {
  readonly nodes: readonly LayoutNodeInput[];
  readonly edges: readonly LayoutEdgeInput[];
  /** Expanded module groups, laid out as compound blocks; any order. */
  readonly groups?: readonly LayoutGroupInput[];
}

export interface LayoutEdgeInput {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface LayoutNodeInput {
  readonly id: string;
  readonly kind: ViewNode['kind'];
  readonly width: number;
  readonly height: number;
  /** Room right of the shape for a label drawn beside it (node-size.ts). */
  readonly labelWidth?: number;
  /** Id of the innermost expanded group holding the node; absent at the top level. */
  readonly group?: string;
}

export interface LayoutGroupInput {
  readonly id: string;
  /** The enclosing expanded group; absent at the top level. */
  readonly parent?: string;
  /** Width of the box's label, so the box is never narrower than its title. */
  readonly labelWidth: number;
}

/** A node's shape; x and y are its centre. Its label, if any, sits right of it (labelWidth). */
export interface NodeBox {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly labelWidth?: number;
}

/** An expanded group's box (top-left corner and size): it holds its members and nothing else. */
export interface GroupFrame {
  readonly id: string;
  readonly left: number;
  readonly top: number;
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
  /** Size of the whole drawing: nodes, their labels and group boxes all lie within it. */
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly NodeBox[];
  readonly edges: readonly EdgeRoute[];
  /** Boxes of the groups laid out as blocks, outermost first (a group that can't be is left out). */
  readonly groups: readonly GroupFrame[];
  readonly preset: LayoutPreset;
}

/** Above this many nodes the quality preset takes seconds on some graphs (docs/layout.md). */
export const QUALITY_MAX_NODES = 150;
/** Above this many nodes one decrossing sweep can take seconds; order layers by DFS instead. */
export const FAST_MAX_NODES = 1000;
/** From this many nodes layout runs in a worker: above it a layout can take over ~50 ms. */
export const WORKER_MIN_NODES = 80;
export { GAP_X, GAP_Y } from './layout-level.ts';
/** Room inside a group box around its members, and the band above them for its label. */
export const GROUP_PADDING = 6;
export const GROUP_LABEL_HEIGHT = 16;
/** Parallel edges (x * x) are spread this far apart where they meet their nodes. */
const PARALLEL_EDGE_SPREAD = 8;

export const EMPTY_LAYOUT: GraphLayout = { width: 0, height: 0, nodes: [], edges: [], groups: [], preset: 'quality' };

/** What can be laid out: a graph model, or one with module groups (module-groups.ts). */
export interface LayoutModel {
  readonly nodes: readonly ViewNode[];
  readonly edges: readonly GraphEdge[];
  readonly expandedGroups?: readonly ModuleGroup[];
}

export function toLayoutInput(model: LayoutModel): LayoutInput {
  const expanded = [...(model.expandedGroups ?? [])].sort((a, b) => a.depth - b.depth);
  const keys = new Set(expanded.map((group) => group.key));
  const groupOf = new Map<string, string>();
  // Outermost first, so a node ends up in its innermost expanded group.
  for (const group of expanded) for (const id of group.memberIds) groupOf.set(id, group.id);
  return {
    nodes: model.nodes.map((node) => {
      const group = groupOf.get(node.id);
      return { id: node.id, kind: node.kind, ...nodeSize(node), ...(group !== undefined && { group }) };
    }),
    edges: model.edges.map(({ id, source, target }) => ({ id, source, target })),
    groups: expanded.map((group) => ({
      id: group.id,
      labelWidth: groupBoxTitleWidth(group.label),
      ...(group.parentKey !== undefined && keys.has(group.parentKey) && { parent: groupNodeId(group.parentKey) }),
    })),
  };
}

export function presetFor(nodeCount: number): LayoutPreset {
  if (nodeCount <= QUALITY_MAX_NODES) return 'quality';
  return nodeCount <= FAST_MAX_NODES ? 'fast' : 'fastest';
}

const ROOT = '';
/** From a group box's top to its interior: the label band. */
const GROUP_INSET_TOP = GROUP_LABEL_HEIGHT + GROUP_PADDING / 2;

/** Where an edge is routed: in the innermost container holding both ends, between its two children there. */
interface EdgeLevel {
  readonly container: string;
  readonly from: string;
  readonly to: string;
}

/** The nesting of a compound layout: which container (group or root) holds what, and where edges run. */
interface Hierarchy {
  readonly nodeById: ReadonlyMap<string, LayoutNodeInput>;
  readonly groupById: ReadonlyMap<string, LayoutGroupInput>;
  /** Edge id → where it is routed (edges inside one leaf item are absent). */
  readonly levels: ReadonlyMap<string, EdgeLevel>;
  /** Container → its items (node ids and group ids) in creation order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** The container a group's box is laid out in (its nearest parent that was not dissolved). */
  readonly containerOfGroup: (groupId: string) => string;
  /** Containers, deepest first: the order interiors are laid out in. */
  readonly containers: readonly string[];
  /** Nesting depth of a container (root 0), counted by a loop, never by recursion. */
  readonly depthOf: (container: string) => number;
}

/** An interior laid out, and the footprint of each group (its interior plus padding and label band). */
interface Interiors {
  readonly interiors: ReadonlyMap<string, LevelLayout>;
  readonly footprint: ReadonlyMap<string, { readonly width: number; readonly height: number }>;
}

/** Every box in place: nodes, group frames, and the top-left corner of each container's interior. */
interface Placement {
  readonly boxes: ReadonlyMap<string, NodeBox>;
  readonly frames: ReadonlyMap<string, GroupFrame>;
  readonly origins: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * Lays out a graph synchronously. Use layoutGraph (layout-client.ts) from UI code.
 * Compound layout: each expanded group's interior is laid out first (innermost groups first), then
 * the group is one big box in its parent's layout, and finally everything is offset into place.
 * So boxes nest, siblings never overlap, and no other node lies inside a box. A group whose block
 * would make a cycle in its parent's level (only possible when one group holds two calls of a
 * module, in traces without call numbers) is dissolved into its parent and drawn without a box.
 * Four phases, each a loop over the graph (no recursion, so no depth of graph can overflow the
 * stack); the graph panel keeps the input under LAYOUT_MAX_NODES (bounded-graph.ts).
 */
export function computeLayout(input: LayoutInput, preset: LayoutPreset = presetFor(input.nodes.length)): GraphLayout {
  if (input.nodes.length === 0) return { ...EMPTY_LAYOUT, preset };
  const nodeIds = new Set(input.nodes.map((node) => node.id));
  const edges = input.edges.filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target));
  const hierarchy = resolveHierarchy(input, edges);
  const interiors = layoutInteriors(hierarchy, preset);
  const placement = placeContainers(hierarchy, interiors);
  const root = interiors.interiors.get(ROOT)!;
  return {
    width: root.width,
    height: root.height,
    nodes: input.nodes.map((node) => placement.boxes.get(node.id)!),
    edges: routeEdges(hierarchy, interiors, placement, edges),
    groups: [...placement.frames.values()].sort((a, b) => hierarchy.depthOf(a.id) - hierarchy.depthOf(b.id)),
    preset,
  };
}

/**
 * Phase 1: which container holds each node and group, and at which level each edge is routed.
 * Groups whose blocks would form a cycle in their parent's level are dissolved, and the
 * structure is worked out again, until no level has a cycle.
 */
function resolveHierarchy(input: LayoutInput, edges: readonly LayoutEdgeInput[]): Hierarchy {
  const nodeById = new Map(input.nodes.map((node) => [node.id, node]));
  const groupById = new Map((input.groups ?? []).map((group) => [group.id, group]));
  const dissolved = new Set<string>();
  const nearestKept = (group: string | undefined): string => {
    while (group !== undefined && (dissolved.has(group) || !groupById.has(group))) group = groupById.get(group)?.parent;
    return group ?? ROOT;
  };
  const containerOfGroup = (groupId: string): string => nearestKept(groupById.get(groupId)!.parent);
  const containerOfNode = (nodeId: string): string => nearestKept(nodeById.get(nodeId)!.group);
  /** The node, then each container up to the root: [item, container] pairs, innermost first. */
  const chainOf = (nodeId: string): [string, string][] => {
    const chain: [string, string][] = [];
    let item = nodeId;
    let container = containerOfNode(nodeId);
    for (;;) {
      chain.push([item, container]);
      if (container === ROOT) return chain;
      item = container;
      container = containerOfGroup(container);
    }
  };

  const structure = () => {
    const levels = new Map<string, EdgeLevel>();
    for (const edge of edges) {
      const toByContainer = new Map(chainOf(edge.target).map(([item, container]) => [container, item]));
      for (const [from, container] of chainOf(edge.source)) {
        const to = toByContainer.get(container);
        if (to === undefined) continue;
        if (from !== to) levels.set(edge.id, { container, from, to });
        break;
      }
    }
    const children = new Map<string, string[]>([[ROOT, []]]);
    const entered = new Set<string>();
    const add = (container: string, item: string) => {
      const list = children.get(container);
      if (list) list.push(item);
      else children.set(container, [item]);
    };
    for (const node of input.nodes) {
      const chain = chainOf(node.id);
      add(chain[0]![1], node.id);
      // Groups enter their parent's level where their first member would have been.
      for (const [item, container] of chain.slice(1)) {
        if (entered.has(item)) break;
        entered.add(item);
        add(container, item);
      }
    }
    return { levels, children };
  };

  let levels: Map<string, EdgeLevel>;
  let children: Map<string, string[]>;
  for (;;) {
    ({ levels, children } = structure());
    const cyclic = [...children.keys()].flatMap((container) => cyclicGroupsIn(container, children, levels, groupById));
    if (cyclic.length === 0) break;
    for (const group of cyclic) dissolved.add(group);
  }

  const depthOf = (container: string): number => {
    let depth = 0;
    for (let at = container; at !== ROOT; at = containerOfGroup(at)) depth++;
    return depth;
  };
  const depths = new Map([...children.keys()].map((container) => [container, depthOf(container)]));
  const containers = [...children.keys()].sort((a, b) => depths.get(b)! - depths.get(a)!);
  return { nodeById, groupById, levels, children, containerOfGroup, containers, depthOf };
}

/** Groups among `container`'s children that sit on (or after) a cycle of its level's links (Kahn's algorithm). */
function cyclicGroupsIn(
  container: string,
  children: ReadonlyMap<string, readonly string[]>,
  levels: ReadonlyMap<string, EdgeLevel>,
  groupById: ReadonlyMap<string, LayoutGroupInput>,
): string[] {
  const items = children.get(container)!;
  const outgoing = new Map<string, Set<string>>(items.map((item) => [item, new Set()]));
  for (const level of levels.values()) if (level.container === container) outgoing.get(level.from)!.add(level.to);
  const indegree = new Map(items.map((item) => [item, 0]));
  for (const targets of outgoing.values()) for (const target of targets) indegree.set(target, indegree.get(target)! + 1);
  const ready = items.filter((item) => indegree.get(item) === 0);
  let seen = 0;
  while (ready.length > 0) {
    const item = ready.pop()!;
    seen++;
    for (const target of outgoing.get(item)!) {
      const left = indegree.get(target)! - 1;
      indegree.set(target, left);
      if (left === 0) ready.push(target);
    }
  }
  if (seen === items.length) return [];
  return items.filter((item) => indegree.get(item)! > 0 && groupById.has(item));
}

/** Phase 2: each container's interior with d3-dag, deepest first, so a group is one sized box in its parent. */
function layoutInteriors(hierarchy: Hierarchy, preset: LayoutPreset): Interiors {
  const { nodeById, groupById, levels, children, containers } = hierarchy;
  const linksByContainer = new Map<string, Map<string, readonly [string, string]>>();
  for (const level of levels.values()) {
    let links = linksByContainer.get(level.container);
    if (!links) linksByContainer.set(level.container, (links = new Map()));
    links.set(levelLinkKey(level.from, level.to), [level.from, level.to]);
  }
  const footprint = new Map<string, { width: number; height: number }>();
  const interiors = new Map<string, LevelLayout>();
  for (const container of containers) {
    const items: LevelItem[] = children.get(container)!.map((id) => {
      const node = nodeById.get(id);
      if (node) return { id, isLeaf: node.kind === 'leaf', width: node.width + labelRoom(node), height: node.height };
      return { id, isLeaf: false, ...footprint.get(id)! };
    });
    const interior = layoutLevel(items, [...(linksByContainer.get(container)?.values() ?? [])], preset);
    interiors.set(container, interior);
    if (container !== ROOT) {
      footprint.set(container, {
        width: Math.max(interior.width + 2 * GROUP_PADDING, groupById.get(container)!.labelWidth),
        height: interior.height + GROUP_INSET_TOP + GROUP_PADDING,
      });
    }
  }
  return { interiors, footprint };
}

/** Phase 3: offsets every interior into place, outermost first: node boxes, group frames, origins. */
function placeContainers(hierarchy: Hierarchy, { interiors, footprint }: Interiors): Placement {
  const boxes = new Map<string, NodeBox>();
  const frames = new Map<string, GroupFrame>();
  const origins = new Map<string, readonly [number, number]>([[ROOT, [0, 0]]]);
  for (const container of [...hierarchy.containers].reverse()) {
    const [ox, oy] = origins.get(container)!;
    for (const [id, [cx, cy]] of interiors.get(container)!.centres) {
      const node = hierarchy.nodeById.get(id);
      if (node) {
        boxes.set(id, {
          id,
          x: ox + cx - labelRoom(node) / 2,
          y: oy + cy,
          width: node.width,
          height: node.height,
          ...(node.labelWidth !== undefined && { labelWidth: node.labelWidth }),
        });
        continue;
      }
      const { width, height } = footprint.get(id)!;
      const left = ox + cx - width / 2;
      const top = oy + cy - height / 2;
      frames.set(id, { id, left, top, width, height });
      const interiorWidth = interiors.get(id)!.width;
      origins.set(id, [left + (width - interiorWidth) / 2, top + GROUP_INSET_TOP]);
    }
  }
  return { boxes, frames, origins };
}

/**
 * Phase 4: each edge's route: out of its source (and its group box), along its level's route,
 * into its target. Parallel edges (x * x) are spread apart.
 */
function routeEdges(hierarchy: Hierarchy, { interiors }: Interiors, { boxes, frames, origins }: Placement, edges: readonly LayoutEdgeInput[]): EdgeRoute[] {
  const parallelCount = new Map<string, number>();
  for (const { source, target } of edges) {
    const key = levelLinkKey(source, target);
    parallelCount.set(key, (parallelCount.get(key) ?? 0) + 1);
  }
  const parallelSeen = new Map<string, number>();
  const routes: EdgeRoute[] = [];
  for (const { id, source, target } of edges) {
    const level = hierarchy.levels.get(id);
    if (!level) continue;
    const route = interiors.get(level.container)!.routes.get(levelLinkKey(level.from, level.to));
    if (!route) continue;
    const key = levelLinkKey(source, target);
    const index = parallelSeen.get(key) ?? 0;
    parallelSeen.set(key, index + 1);
    const offset = (index - ((parallelCount.get(key) ?? 1) - 1) / 2) * PARALLEL_EDGE_SPREAD;
    const [ox, oy] = origins.get(level.container)!;
    const from = boxes.get(source)!;
    const to = boxes.get(target)!;
    const points: [number, number][] = [[from.x + offset, from.y + from.height / 2]];
    // Out of the source's group box straight down, and into the target's straight from above.
    const exit = frames.get(level.from);
    if (exit) points.push([from.x + offset, exit.top + exit.height]);
    for (const [x, y] of route.slice(1, -1)) points.push([ox + x + offset, oy + y]);
    const entry = frames.get(level.to);
    if (entry) points.push([to.x + offset, entry.top]);
    points.push([to.x + offset, to.y - to.height / 2]);
    routes.push({ id, source, target, points });
  }
  return routes;
}

/** Extra width beside a node's shape for its label. */
const labelRoom = (node: LayoutNodeInput): number => (node.labelWidth === undefined ? 0 : GRAD_LABEL_GAP + node.labelWidth);

/** Convenience for tests and small graphs: model in, layout out, on this thread. */
export function layoutModelSync(model: LayoutModel, preset?: LayoutPreset): GraphLayout {
  return computeLayout(toLayoutInput(model), preset);
}
