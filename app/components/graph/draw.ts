/**
 * The graph drawing: plain TypeScript + d3 behind a small interface (xyflow's framework-free core
 * style), so React only mounts it. SVG; d3-zoom for zoom and pan; text always set with .text().
 */
import { curveBumpY, line, select, zoom, zoomIdentity, zoomTransform, type Selection, type ZoomBehavior } from 'd3';
import { GRAPH_CSS } from '../../core/graph/graph-style.ts';
import { MARK_CSS, markBadge, markClasses, markDescription } from '../../core/graph/node-marks.ts';
import { leafName, nodeAriaLabel } from '../../core/graph/labels.ts';
import type { EdgeRoute, GraphLayout, NodeBox } from '../../core/graph/layout.ts';
import type { GraphModel, GraphNode, LeafNode, OpNode } from '../../core/graph/model.ts';
import { fitTransform } from '../../core/graph/fit.ts';
import { DETAIL_CSS, detailAt } from '../../core/graph/graph-lod.ts';
import { drawSparklines, SPARKLINE_CSS } from './draw-sparklines.ts';
import { createOffscreenCuller } from './cull-offscreen.ts';
import { OFFSCREEN_CSS } from '../../core/graph/visible-region.ts';
import { appendGroupNodeParts, drawGroupBoxes, drawGroupNode, groupBoxViews } from './draw-groups.ts';
import type { GroupedGraph, ViewNode } from '../../core/graph/module-groups.ts';
import { formatShape } from '../../core/graph/format.ts';
import { GRAD_LABEL_GAP, LINE_HEIGHT, PADDING_X, PADDING_Y, clipLine, leafLines, opGradLabel, opLabel, opTangentLabel } from '../../core/graph/node-size.ts';
import { isForwardOnlyNode } from '../../core/graph/forward-nodes.ts';

/** View state that is not part of the trace's picture. */
export interface GraphViewState {
  readonly selectedNodeIds?: readonly string[];
}

export interface GraphViewOptions {
  /** Called with a node's id when it is clicked. */
  readonly onNodeClick?: (nodeId: string) => void;
  /** Called with a module group's key when its box label or its collapsed node's ▸ is clicked. */
  readonly onGroupToggle?: (key: string) => void;
}

/** A model to draw: a plain graph model, or one with module groups folded (module-groups.ts). */
export type DrawableGraph = Omit<GraphModel, 'nodes'> & {
  readonly nodes: readonly ViewNode[];
  readonly expandedGroups?: GroupedGraph['expandedGroups'];
};

export interface GraphView {
  /** Draws `model` at the positions of `layout`; nodes missing from the layout are not drawn. */
  update(model: DrawableGraph, layout: GraphLayout, viewState?: GraphViewState): void;
  /**
   * Zooms and pans so the whole graph is visible, unless that would make labels illegible: then
   * at the legible zoom, framed on `focusNodeId` (or the top of the graph). See fit.ts.
   */
  fit(focusNodeId?: string): void;
  /** Multiplies the zoom by `factor` around the centre of the view. */
  zoomBy(factor: number): void;
  destroy(): void;
}

export const EMPTY_MESSAGE = 'Run a cell to see its graph';
const MIN_SCALE = 0.05;
const MAX_SCALE = 4;
const ARROW_ID_PREFIX = 'gs-arrow-';

let viewCount = 0;

type SvgSelection<E extends Element> = Selection<E, unknown, null, undefined>;

export function createGraphView(container: HTMLElement, options: GraphViewOptions = {}): GraphView {
  // Each view gets its own marker id, so two graphs on one page don't share defs.
  const arrowId = `${ARROW_ID_PREFIX}${++viewCount}`;
  const host = select(container);
  const svg = host
    .append('svg')
    .attr('class', 'gs-graph')
    .attr('role', 'group')
    .attr('aria-label', 'Computation graph')
    .attr('width', '100%')
    .attr('height', '100%')
    .style('display', 'block');
  svg.append('style').text(GRAPH_CSS + MARK_CSS + SPARKLINE_CSS + DETAIL_CSS + OFFSCREEN_CSS);
  svg
    .append('defs')
    .append('marker')
    .attr('id', arrowId)
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 10)
    .attr('refY', 5)
    .attr('markerWidth', 7)
    .attr('markerHeight', 7)
    .attr('orient', 'auto-start-reverse')
    .append('path')
    .attr('class', 'gs-arrow')
    .attr('d', 'M0,0 L10,5 L0,10 z');
  const viewport = svg.append('g').attr('class', 'gs-viewport');
  // Module boxes sit under everything: they frame their members without hiding edges.
  const groupLayer = viewport.append('g').attr('class', 'gs-modules');
  const edgeLayer = viewport.append('g').attr('class', 'gs-edges');
  const nodeLayer = viewport.append('g').attr('class', 'gs-nodes');
  // Above the nodes, so a gradient pulse is visible where an edge meets its node.
  const pulseLayer = viewport.append('g').attr('class', 'gs-pulses');
  // "2nd order" key, shown while second-order nodes (create_graph=True) are on screen.
  const legend = svg.append('g').attr('class', 'gs-legend').attr('transform', 'translate(12, 18)').attr('visibility', 'hidden');
  legend.append('rect').attr('x', 0).attr('y', -7).attr('width', 22).attr('height', 14).attr('rx', 7);
  legend.append('text').attr('x', 28).attr('y', 4).text('2nd order');
  legend.append('title').text('Ops recorded inside a backward with create_graph=True: the second-order layer');
  const emptyState = svg
    .append('text')
    .attr('class', 'gs-empty')
    .attr('x', '50%')
    .attr('y', '50%')
    .attr('text-anchor', 'middle')
    .attr('fill', 'var(--gs-muted, #5b6475)')
    // Hidden until the first update says the graph is empty (not while a big layout is running).
    .attr('visibility', 'hidden')
    .text(EMPTY_MESSAGE);

  let shownDetail: string | undefined;
  const culler = createOffscreenCuller(nodeLayer.node()!);
  // Read once per update or resize, not per wheel event: a read after the previous event's
  // transform write would force a layout of the whole drawing in the middle of the frame.
  let knownSize = { width: 0, height: 0 };
  const measureSize = () => {
    const rect = (svg.node() as SVGSVGElement).getBoundingClientRect();
    knownSize = { width: rect.width || container.clientWidth, height: rect.height || container.clientHeight };
    return knownSize;
  };
  const resizeObserver =
    typeof ResizeObserver === 'undefined'
      ? undefined
      : new ResizeObserver(() => culler.viewChanged(zoomTransform(svg.node()!), measureSize(), shownDetail !== 'shapes'));
  resizeObserver?.observe(container);

  const zoomBehavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([MIN_SCALE, MAX_SCALE])
    .on('zoom', (event: { transform: { x: number; y: number; k: number } }) => {
      // The CSS property, not the SVG attribute: Chromium lays out every node again when the
      // attribute's scale changes (0.2-1.2 s a wheel step at 2,000 nodes on a loaded machine), while
      // a change of the property only repaints. SVG elements transform from their origin (0 0).
      const { x, y, k } = event.transform;
      viewport.style('transform', `translate(${x}px, ${y}px) scale(${k})`);
      // Written only when the level changes: each write restyles every text of the graph.
      const detail = detailAt(event.transform.k);
      if (detail !== shownDetail) svg.attr('data-detail', (shownDetail = detail));
      culler.viewChanged(event.transform, knownSize, detail !== 'shapes');
    });
  svg.call(zoomBehavior);
  // A double click should not zoom: people double-click nodes to inspect them.
  svg.on('dblclick.zoom', null);

  let lastLayout: GraphLayout | null = null;

  return {
    update(model, layout, viewState = {}) {
      lastLayout = layout;
      // Measured before this update writes anything, so the read costs no extra layout.
      const size = knownSize.width > 0 ? knownSize : measureSize();
      const boxes = new Map(layout.nodes.map((box) => [box.id, box]));
      const drawn = model.nodes.filter((node) => boxes.has(node.id));
      const drawnIds = new Set(drawn.map((node) => node.id));
      const edgeIds = new Set(model.edges.map((edge) => edge.id));
      const routes = layout.edges.filter((route) => edgeIds.has(route.id) && drawnIds.has(route.source) && drawnIds.has(route.target));
      emptyState.attr('visibility', drawn.length === 0 ? 'visible' : 'hidden');
      const pulsing = new Set(model.pulseEdgeIds ?? []);
      const carryingTangent = new Set(model.tangentEdgeIds ?? []);
      drawEdges(edgeLayer, routes, arrowId, pulsing, carryingTangent);
      drawPulses(
        pulseLayer,
        routes.filter((route) => pulsing.has(route.id) || carryingTangent.has(route.id)),
        model.step,
        carryingTangent,
      );
      drawGroupBoxes(groupLayer, groupBoxViews(model.expandedGroups ?? [], layout), options.onGroupToggle);
      legend.attr('visibility', drawn.some((node) => node.kind === 'op' && node.marks?.pass !== undefined) ? 'visible' : 'hidden');
      drawNodes(nodeLayer, drawn, boxes, model.activeNodeId, new Set(viewState.selectedNodeIds ?? []), options.onNodeClick, options.onGroupToggle);
      culler.nodesDrawn(boxes, zoomTransform(svg.node()!), size, shownDetail !== 'shapes');
    },
    fit(focusNodeId) {
      if (!lastLayout || lastLayout.nodes.length === 0) {
        svg.call(zoomBehavior.transform, zoomIdentity);
        return;
      }
      // The layout's size holds every node, its gradient label and every group box: fit is exact.
      const focus = focusNodeId === undefined ? undefined : lastLayout.nodes.find((box) => box.id === focusNodeId);
      const { x, y, k } = fitTransform(measureSize(), lastLayout, focus);
      svg.call(zoomBehavior.transform, zoomIdentity.translate(x, y).scale(k));
    },
    zoomBy(factor) {
      svg.call(zoomBehavior.scaleBy, factor);
    },
    destroy() {
      svg.on('.zoom', null);
      resizeObserver?.disconnect();
      svg.remove();
    },
  };
}

// Vertical tangents at every control point: edges leave and enter nodes straight down.
const edgePath = line<readonly [number, number]>()
  .x((p) => p[0])
  .y((p) => p[1])
  .curve(curveBumpY);

function drawEdges(
  layer: SvgSelection<SVGGElement>,
  routes: readonly EdgeRoute[],
  arrowId: string,
  pulsing: ReadonlySet<string>,
  carryingTangent: ReadonlySet<string>,
) {
  layer
    .selectAll<SVGPathElement, EdgeRoute>('path.gs-edge')
    .data(routes, (route) => route.id)
    .join((enter) => enter.append('path').attr('marker-end', `url(#${arrowId})`))
    .each(function (route) {
      const className = pulsing.has(route.id) ? 'gs-edge is-pulsing' : carryingTangent.has(route.id) ? 'gs-edge is-tangent' : 'gs-edge';
      if (isDrawnAlready(this, route, className)) return;
      select(this)
        .attr('class', className)
        .attr('data-edge-id', route.id)
        .attr('data-source', route.source)
        .attr('data-target', route.target)
        .attr('d', edgePath(route.points) ?? '');
    });
}

/**
 * What each element was last drawn from: the datum (node or edge route, the same object while it
 * does not change), its box and its classes. A step of the replay changes a few nodes; the rest
 * keep their elements untouched, so a frame of a 300-node animation writes a few attributes, not
 * thousands.
 */
const drawnFrom = new WeakMap<Element, { readonly datum: unknown; readonly box: unknown; readonly className: string }>();

function isDrawnAlready(element: Element, datum: unknown, className: string, box?: unknown): boolean {
  const drawn = drawnFrom.get(element);
  if (drawn && drawn.datum === datum && drawn.box === box && drawn.className === className) return true;
  drawnFrom.set(element, { datum, box, className });
  return false;
}

/**
 * A dot travelling each pulsing edge backwards (from the consumer to its input), the way the
 * gradient flows; a tangent's dot travels forward (forward mode). Keyed by step, so every step
 * restarts its animation.
 */
function drawPulses(layer: SvgSelection<SVGGElement>, routes: readonly EdgeRoute[], step: number, forward: ReadonlySet<string>) {
  layer
    .selectAll<SVGCircleElement, EdgeRoute>('circle.gs-pulse')
    .data(routes, (route) => `${step}:${route.id}`)
    .join((enter) =>
      enter
        .append('circle')
        .attr('class', (route) => (forward.has(route.id) ? 'gs-pulse gs-tangent-pulse' : 'gs-pulse'))
        .attr('r', 5)
        .each(function (route) {
          select(this)
            .append('animateMotion')
            .attr('dur', '0.9s')
            .attr('repeatCount', 'indefinite')
            .attr('keyPoints', forward.has(route.id) ? '0;1' : '1;0')
            .attr('keyTimes', '0;1')
            .attr('calcMode', 'linear')
            .attr('path', edgePath(route.points) ?? '');
        }),
    )
    .attr('data-edge-id', (route) => route.id);
}

function drawNodes(
  layer: SvgSelection<SVGGElement>,
  nodes: readonly ViewNode[],
  boxes: ReadonlyMap<string, NodeBox>,
  activeNodeId: string | undefined,
  selected: ReadonlySet<string>,
  onNodeClick: ((nodeId: string) => void) | undefined,
  onGroupToggle: ((key: string) => void) | undefined,
) {
  layer
    .selectAll<SVGGElement, ViewNode>('g.gs-node')
    // Key by id and kind, so a node never changes shape under the same element.
    .data(nodes, (node) => `${node.kind}:${node.id}`)
    .join((enter) =>
      enter
        .append('g')
        .attr('role', 'img')
        .each(function (node) {
          const g = select(this);
          g.append('rect').attr('class', 'gs-shape');
          if (node.kind === 'group') {
            appendGroupNodeParts(select<SVGGElement, ViewNode>(this));
          } else if (node.kind === 'leaf') {
            g.append('rect').attr('class', 'gs-grad-band');
            const title = g.append('text').attr('class', 'gs-title');
            title.append('tspan').attr('class', 'gs-name');
            title.append('tspan').attr('class', 'gs-shape-text');
            g.append('text').attr('class', 'gs-value');
            g.append('text').attr('class', 'gs-grad');
          } else {
            g.append('text').attr('class', 'gs-op-text');
            g.append('text').attr('class', 'gs-op-grad');
            g.append('text').attr('class', 'gs-op-tangent');
            g.append('title');
            const badge = g.append('g').attr('class', 'gs-badge-group');
            badge.append('circle').attr('class', 'gs-badge-bg').attr('r', 8);
            badge.append('text').attr('class', 'gs-badge');
          }
        })
        // d3 hands a listener the element's datum as it is when the event comes.
        .on('click', (_event: unknown, node: ViewNode) => onNodeClick?.(node.id))
        // A double click on a collapsed module expands it (a click selects it, for the inspector).
        .on('dblclick', (_event: unknown, node: ViewNode) => (node.kind === 'group' ? onGroupToggle?.(node.key) : undefined)),
    )
    .each(function (node) {
      const box = boxes.get(node.id)!;
      const className = nodeClass(node, activeNodeId, selected);
      if (isDrawnAlready(this, node, className, box)) return;
      const marks = node.kind === 'op' ? markDescription(node.marks) : '';
      select(this)
        .attr('class', className)
        .attr('data-node-id', node.id)
        .attr('data-op', node.kind === 'op' ? node.gradFn : node.kind)
        .attr('data-group-path', node.kind === 'group' ? node.path : null)
        .attr('data-group-key', node.kind === 'group' ? node.key : null)
        .attr('data-gradcheck', node.kind === 'op' ? (node.marks?.gradcheck ?? null) : null)
        .attr('data-hand-check', node.kind === 'group' ? null : (node.handCheck ?? null))
        .attr('data-error', node.kind === 'op' && node.marks?.error ? node.marks.error.message : null)
        .attr('aria-label', marks ? `${nodeAriaLabel(node)}, ${marks}` : nodeAriaLabel(node))
        .attr('transform', `translate(${box.x},${box.y})`);
      if (node.kind === 'group') drawGroupNode(select<SVGGElement, ViewNode>(this), node, box, onGroupToggle);
      else if (node.kind === 'leaf') drawLeaf(select<SVGGElement, GraphNode>(this), node, box);
      else drawOp(select<SVGGElement, GraphNode>(this), node, box);
    });
}

function nodeClass(node: ViewNode, activeNodeId: string | undefined, selected: ReadonlySet<string>): string {
  const classes = ['gs-node', `gs-${node.kind}`];
  if (node.kind === 'group' && node.gradNorm !== undefined) classes.push('has-grad');
  if (node.kind === 'leaf' && node.grad) classes.push('has-grad');
  if (node.kind !== 'group' && node.tangent) classes.push('has-tangent');
  if (node.kind === 'op' && isForwardOnlyNode(node.nodeId)) classes.push('is-forward-only');
  // A backprop exercise's verdict: exact and close are right (green), wrong is red.
  if (node.kind !== 'group' && node.handCheck) classes.push(node.handCheck === 'wrong' ? 'is-check-wrong' : 'is-check-right');
  if (node.kind === 'op' && node.hasRunBackward) classes.push('has-run-backward');
  if (node.kind === 'op' && node.isFreed) classes.push('is-freed');
  if (node.kind === 'op' && node.grad) classes.push('has-grad');
  if (node.kind === 'op') classes.push(...markClasses(node.marks));
  if (node.id === activeNodeId) classes.push('is-active');
  if (selected.has(node.id)) classes.push('is-selected');
  return classes.join(' ');
}

function drawLeaf(g: Selection<SVGGElement, GraphNode, null, undefined>, node: LeafNode, box: NodeBox) {
  const left = -box.width / 2;
  const top = -box.height / 2;
  const baseline = (line: number) => top + PADDING_Y + (line + 1) * LINE_HEIGHT - 4;
  g.select('rect.gs-shape').attr('x', left).attr('y', top).attr('width', box.width).attr('height', box.height).attr('rx', 6);
  const hasHistory = node.history !== undefined;
  g.select('rect.gs-grad-band')
    .attr('visibility', hasHistory ? 'hidden' : 'visible')
    .attr('x', left + 3)
    .attr('y', top + PADDING_Y + 2 * LINE_HEIGHT)
    .attr('width', box.width - 6)
    .attr('height', LINE_HEIGHT);
  const { value, grad } = leafLines(node);
  const name = leafName(node);
  const title = g
    .select('text.gs-title')
    .attr('x', left + PADDING_X)
    .attr('y', baseline(0));
  title.select('tspan.gs-name').text(clipLine(name));
  title.select('tspan.gs-shape-text').text(` ${formatShape(node.shape)}`);
  // A training loop's parameter shows its sparklines where other leaves show value and grad.
  g.select('text.gs-value')
    .attr('x', left + PADDING_X)
    .attr('y', baseline(1))
    .text(hasHistory ? '' : value);
  g.select('text.gs-grad')
    .attr('x', left + PADDING_X)
    .attr('y', baseline(2))
    .text(hasHistory ? '' : grad);
  drawSparklines(g, node.history, left, top + PADDING_Y + LINE_HEIGHT, box.width);
}

function drawOp(g: Selection<SVGGElement, GraphNode, null, undefined>, node: OpNode, box: NodeBox) {
  g.select('rect.gs-shape')
    .attr('x', -box.width / 2)
    .attr('y', -box.height / 2)
    .attr('width', box.width)
    .attr('height', box.height)
    .attr('rx', box.height / 2);
  g.select('text.gs-op-text').attr('x', 0).attr('y', 0).text(opLabel(node));
  // Beside the pill rather than inside it, so box sizes (and the layout) never change with time.
  // A node with both a gradient and a tangent shows them one above the other.
  const gradText = opGradLabel(node);
  const tangentText = opTangentLabel(node);
  const isStacked = gradText !== '' && tangentText !== '';
  g.select('text.gs-op-grad')
    .attr('x', box.width / 2 + GRAD_LABEL_GAP)
    .attr('y', isStacked ? -LINE_HEIGHT / 2 : 0)
    .text(gradText);
  g.select('text.gs-op-tangent')
    .attr('x', box.width / 2 + GRAD_LABEL_GAP)
    .attr('y', isStacked ? LINE_HEIGHT / 2 : 0)
    .text(tangentText);
  // Gradcheck ✓/✗ or an error's ! on the pill's top-right corner; the tooltip says why.
  const badge = markBadge(node.marks);
  g.select('g.gs-badge-group')
    .attr('transform', `translate(${box.width / 2 - 4},${-box.height / 2})`)
    .attr('visibility', badge ? 'visible' : 'hidden');
  g.select('text.gs-badge').text(badge);
  g.select('title').text(markDescription(node.marks));
}
