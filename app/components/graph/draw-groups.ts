/**
 * Module groups in the drawing: the boxes of expanded modules (laid out as blocks by layout.ts)
 * and the body of a collapsed module's node. Part of draw.ts, kept apart because groups are
 * their own concern.
 */
import { select, type Selection } from 'd3';
import type { GraphLayout, NodeBox } from '../../core/graph/layout.ts';
import type { GroupedGraph, GroupNode, ViewNode } from '../../core/graph/module-groups.ts';
import { GROUP_EXPAND_GLYPH, LINE_HEIGHT, PADDING_X, PADDING_Y, groupBoxTitle, groupLines } from '../../core/graph/node-size.ts';

/** An expanded module's box as drawn: where the layout put it, and what it says. */
export interface GroupBoxView {
  readonly id: string;
  readonly key: string;
  readonly path: string;
  readonly label: string;
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Boxes of the expanded groups shown at this step (those with a member present), at the size
 * the layout gave them for the whole trace, so nothing moves while stepping.
 */
export function groupBoxViews(expandedGroups: GroupedGraph['expandedGroups'], layout: Pick<GraphLayout, 'groups'>): GroupBoxView[] {
  const frames = new Map(layout.groups.map((frame) => [frame.id, frame]));
  return expandedGroups.flatMap((group) => {
    const frame = frames.get(group.id);
    if (!frame) return [];
    const { left, top, width, height } = frame;
    return [{ id: group.id, key: group.key, path: group.path, label: group.label, left, top, width, height }];
  });
}

type Layer = Selection<SVGGElement, unknown, null, undefined>;

/** Expanded modules: a labelled rounded rectangle; clicking the label collapses the module. */
export function drawGroupBoxes(layer: Layer, boxes: readonly GroupBoxView[], onToggle: ((key: string) => void) | undefined) {
  layer
    .selectAll<SVGGElement, GroupBoxView>('g.gs-module')
    .data(boxes, (box) => box.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'gs-module');
      g.append('rect').attr('class', 'gs-module-box').attr('rx', 10);
      g.append('text').attr('class', 'gs-module-label').attr('role', 'button').attr('tabindex', 0);
      return g;
    })
    .attr('data-group-path', (box) => box.path)
    .attr('data-group-key', (box) => box.key)
    .attr('aria-label', (box) => `module ${box.label}`)
    .each(function (box) {
      const g = select<SVGGElement, GroupBoxView>(this);
      g.select('rect.gs-module-box').attr('x', box.left).attr('y', box.top).attr('width', box.width).attr('height', box.height);
      g.select<SVGTextElement>('text.gs-module-label')
        .attr('x', box.left + PADDING_X)
        .attr('y', box.top + 13)
        .attr('aria-label', `Collapse ${box.label}`)
        .text(groupBoxTitle(box.label))
        .on('click', (event: Event) => {
          event.stopPropagation();
          onToggle?.(box.key);
        })
        .on('keydown', (event: KeyboardEvent) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          onToggle?.(box.key);
        });
    });
}

/** The parts of a collapsed module's node, appended once when it enters. */
export function appendGroupNodeParts(g: Selection<SVGGElement, ViewNode, null, undefined>) {
  g.append('text').attr('class', 'gs-group-toggle').attr('role', 'button').attr('tabindex', 0).text(GROUP_EXPAND_GLYPH.trim());
  g.append('text').attr('class', 'gs-title');
  g.append('text').attr('class', 'gs-grad');
}

/**
 * A collapsed module: `▸ fc1: Linear · AddmmBackward0` (the member the step is about) and its
 * gradient norm. Clicking the node selects the module; clicking ▸ expands it.
 */
export function drawGroupNode(
  g: Selection<SVGGElement, ViewNode, null, undefined>,
  node: GroupNode,
  box: NodeBox,
  onToggle: ((key: string) => void) | undefined,
) {
  const left = -box.width / 2;
  const top = -box.height / 2;
  const baseline = (line: number) => top + PADDING_Y + (line + 1) * LINE_HEIGHT - 4;
  g.select('rect.gs-shape').attr('x', left).attr('y', top).attr('width', box.width).attr('height', box.height).attr('rx', 10);
  const { title, norm } = groupLines(node);
  const toggle = () => onToggle?.(node.key);
  g.select<SVGTextElement>('text.gs-group-toggle')
    // A summary of repeated ops is not expanded in place: its members would overflow the layout.
    .style('display', () => (node.summary === undefined ? null : 'none'))
    .attr('x', left + PADDING_X)
    .attr('y', baseline(0))
    .attr('aria-label', `Expand ${node.label}`)
    .on('click', (event: Event) => {
      event.stopPropagation();
      toggle();
    })
    .on('dblclick', (event: Event) => event.stopPropagation())
    .on('keydown', (event: KeyboardEvent) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      toggle();
    });
  const titleX = left + PADDING_X + GROUP_EXPAND_GLYPH.length * 6.6;
  g.select('text.gs-title').attr('x', titleX).attr('y', baseline(0)).text(title);
  g.select('text.gs-grad')
    .attr('x', left + PADDING_X)
    .attr('y', baseline(1))
    .text(norm);
}
