import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../build-graph.ts';
import { computeLayout, layoutModelSync, toLayoutInput, type GraphLayout, type LayoutInput, type LayoutPreset } from '../layout.ts';
import { defaultCollapsedGroups, groupGraph } from '../module-groups.ts';
import { GRAD_LABEL_GAP } from '../node-size.ts';
import { moduleModelTrace } from './fixtures/synthetic-traces.ts';

interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

const EPSILON = 1e-6;
/** A node's footprint: its shape and the label beside it. */
const footprintOf = (box: GraphLayout['nodes'][number]): Rect => ({
  left: box.x - box.width / 2,
  top: box.y - box.height / 2,
  right: box.x + box.width / 2 + (box.labelWidth === undefined ? 0 : GRAD_LABEL_GAP + box.labelWidth),
  bottom: box.y + box.height / 2,
});
const frameRect = (frame: GraphLayout['groups'][number]): Rect => ({
  left: frame.left,
  top: frame.top,
  right: frame.left + frame.width,
  bottom: frame.top + frame.height,
});
const intersects = (a: Rect, b: Rect) => a.left < b.right - EPSILON && b.left < a.right - EPSILON && a.top < b.bottom - EPSILON && b.top < a.bottom - EPSILON;
const contains = (outer: Rect, inner: Rect) =>
  inner.left >= outer.left - EPSILON && inner.right <= outer.right + EPSILON && inner.top >= outer.top - EPSILON && inner.bottom <= outer.bottom + EPSILON;

/** Everything that should hold of a compound layout; returns the violations found. */
function violations(input: LayoutInput, layout: GraphLayout): string[] {
  const found: string[] = [];
  const parentOf = new Map((input.groups ?? []).map((group) => [group.id, group.parent]));
  const ancestorsOf = (group: string | undefined): string[] => {
    const chain: string[] = [];
    for (let g = group; g !== undefined; g = parentOf.get(g)) chain.push(g);
    return chain;
  };
  const nodeGroups = new Map(input.nodes.map((node) => [node.id, new Set(ancestorsOf(node.group))]));
  const rects = new Map(layout.nodes.map((box) => [box.id, footprintOf(box)]));
  const frames = layout.groups.map((frame) => ({ id: frame.id, rect: frameRect(frame), ancestors: new Set(ancestorsOf(frame.id)) }));
  const ids = [...rects.keys()];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      if (intersects(rects.get(ids[i]!)!, rects.get(ids[j]!)!)) found.push(`nodes ${ids[i]} and ${ids[j]} overlap`);
    }
  }
  for (const frame of frames) {
    for (const [id, rect] of rects) {
      const isMember = nodeGroups.get(id)!.has(frame.id);
      if (isMember && !contains(frame.rect, rect)) found.push(`${id} sticks out of its group ${frame.id}`);
      if (!isMember && intersects(frame.rect, rect)) found.push(`${id} lies inside ${frame.id}, not its group`);
    }
    if (!contains({ left: 0, top: 0, right: layout.width, bottom: layout.height }, frame.rect)) found.push(`${frame.id} outside the drawing`);
  }
  for (let i = 0; i < frames.length; i++) {
    for (let j = i + 1; j < frames.length; j++) {
      const a = frames[i]!;
      const b = frames[j]!;
      if (a.ancestors.has(b.id)) {
        if (!contains(b.rect, a.rect)) found.push(`${a.id} is not inside its ancestor ${b.id}`);
      } else if (b.ancestors.has(a.id)) {
        if (!contains(a.rect, b.rect)) found.push(`${b.id} is not inside its ancestor ${a.id}`);
      } else if (intersects(a.rect, b.rect)) {
        found.push(`boxes ${a.id} and ${b.id} intersect`);
      }
    }
  }
  for (const rect of rects.values()) {
    if (!contains({ left: 0, top: 0, right: layout.width, bottom: layout.height }, rect)) found.push('a node lies outside the drawing');
  }
  const boxes = new Map(layout.nodes.map((box) => [box.id, box]));
  for (const edge of layout.edges) {
    const source = boxes.get(edge.source)!;
    const target = boxes.get(edge.target)!;
    const first = edge.points[0]!;
    const last = edge.points.at(-1)!;
    if (!(
      target.y > source.y &&
      Math.abs(first[1] - (source.y + source.height / 2)) < EPSILON &&
      Math.abs(last[1] - (target.y - target.height / 2)) < EPSILON
    )) {
      found.push(`edge ${edge.id} does not run from ${edge.source}'s bottom down to ${edge.target}'s top`);
    }
  }
  return found;
}

/**
 * A random DAG in creation order (node i reads up to two earlier nodes) with nested groups over
 * runs of consecutive nodes, as module calls make them: a call's ops are recorded one after another.
 */
const graphWithGroups = fc
  .integer({ min: 2, max: 36 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      widths: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: n, maxLength: n }),
      labels: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      picks: fc.array(fc.nat(), { minLength: 2 * n, maxLength: 2 * n }),
      spans: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.integer({ min: 1, max: n })), { maxLength: 8 }),
    }),
  )
  .map(({ n, widths, labels, picks, spans }): LayoutInput => {
    // Keep a laminar family of runs: each new run is disjoint from or nested in every kept one.
    const runs: { id: string; start: number; end: number }[] = [];
    for (const [start, length] of spans) {
      const end = Math.min(n, start + length);
      const clashes = runs.some(
        (run) =>
          (run.start === start && run.end === end) ||
          (start < run.end && run.start < end && !(run.start <= start && end <= run.end) && !(start <= run.start && run.end <= end)),
      );
      if (!clashes) runs.push({ id: `g${runs.length}`, start, end });
    }
    const smallestHolding = (start: number, end: number, except?: string) =>
      runs
        .filter((run) => run.id !== except && run.start <= start && end <= run.end && !(run.start === start && run.end === end && except === undefined))
        .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const innermost = (i: number) => runs.filter((run) => run.start <= i && i < run.end).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const nodes = widths.map((w, i) => {
      const group = innermost(i);
      const isLeaf = i % 3 === 0;
      return {
        id: `v${i}`,
        kind: isLeaf ? ('leaf' as const) : ('op' as const),
        width: 40 + w,
        height: isLeaf ? 57 : 26,
        ...(!isLeaf && labels[i] && { labelWidth: 100 }),
        ...(group && { group: group.id }),
      };
    });
    const edges: LayoutInput['edges'][number][] = [];
    for (let i = 1; i < n; i++) {
      for (const k of [0, 1]) {
        const pick = picks[2 * i + k]!;
        if (pick % 4 === 3) continue;
        edges.push({ id: `${i}.${k}`, source: `v${pick % i}`, target: `v${i}` });
      }
    }
    const groups = runs.map((run) => {
      const parent = smallestHolding(run.start, run.end, run.id);
      return { id: run.id, labelWidth: 60, ...(parent && { parent: parent.id }) };
    });
    return { nodes, edges, groups };
  });

const presets = fc.constantFrom<LayoutPreset>('quality', 'fast', 'fastest');

describe('group-aware layout on generated graphs', () => {
  it('nests boxes, never intersects sibling boxes, keeps members in and every other node out', () => {
    fc.assert(
      fc.property(graphWithGroups, presets, (input, preset) => {
        const layout = computeLayout(input, preset);
        expect(violations(input, layout)).toEqual([]);
        expect(layout.edges).toHaveLength(input.edges.length);
      }),
      { numRuns: 120, seed: 4 },
    );
  });

  it('lays out every group of consecutive nodes as a block (none has to be dissolved)', () => {
    fc.assert(
      fc.property(graphWithGroups, (input) => {
        const holding = new Set<string>();
        const parentOf = new Map((input.groups ?? []).map((group) => [group.id, group.parent]));
        for (const node of input.nodes) for (let g = node.group; g !== undefined; g = parentOf.get(g)) holding.add(g);
        expect(
          computeLayout(input)
            .groups.map((frame) => frame.id)
            .sort(),
        ).toEqual([...holding].sort());
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(graphWithGroups, (input) => {
        expect(computeLayout(input)).toEqual(computeLayout(structuredClone(input)));
      }),
      { numRuns: 20, seed: 6 },
    );
  });
});

describe('a group that cannot be one block', () => {
  // One group holding x and z, but not y between them (x → y → z): as a block it would make a cycle.
  const input: LayoutInput = {
    nodes: [
      { id: 'x', kind: 'op', width: 60, height: 26, group: 'g' },
      { id: 'y', kind: 'op', width: 60, height: 26 },
      { id: 'z', kind: 'op', width: 60, height: 26, group: 'g' },
    ],
    edges: [
      { id: 'xy', source: 'x', target: 'y' },
      { id: 'yz', source: 'y', target: 'z' },
    ],
    groups: [{ id: 'g', labelWidth: 40 }],
  };

  it('is laid out without its box rather than failing', () => {
    const layout = computeLayout(input);
    expect(layout.groups).toEqual([]);
    expect(layout.edges).toHaveLength(2);
    expect(violations({ ...input, groups: [] }, layout)).toEqual([]);
  });
});

describe('a nested module model', () => {
  const model = buildGraph(moduleModelTrace(4), undefined, { names: 'final' });

  it('draws Net ⊃ layers.i ⊃ layers.i.fc as nested boxes, siblings apart', () => {
    const grouped = groupGraph(model, new Set());
    const layout = layoutModelSync(grouped);
    // 1 Net + 4 blocks × (block, fc, act)
    expect(layout.groups).toHaveLength(13);
    const frames = new Map(layout.groups.map((frame) => [frame.id, frameRect(frame)]));
    const byPath = (path: string) => frames.get(grouped.expandedGroups.find((group) => group.path === path)!.id)!;
    expect(contains(byPath(''), byPath('layers.0'))).toBe(true);
    expect(contains(byPath('layers.0'), byPath('layers.0.fc'))).toBe(true);
    expect(intersects(byPath('layers.0'), byPath('layers.1'))).toBe(false);
    expect(intersects(byPath('layers.0.fc'), byPath('layers.0.act'))).toBe(false);
  });

  it('keeps the input x and the loss outside the model’s box', () => {
    const grouped = groupGraph(model, new Set());
    const layout = layoutModelSync(grouped);
    const net = frameRect(layout.groups[0]!);
    const x = layout.nodes.find((box) => box.id === model.nodes[0]!.id)!;
    const loss = layout.nodes.at(-1)!;
    expect(intersects(net, footprintOf(x))).toBe(false);
    expect(intersects(net, footprintOf(loss))).toBe(false);
  });

  it('fits the whole drawing, gradient labels included, in the layout’s size', () => {
    const layout = layoutModelSync(groupGraph(model, new Set()));
    const withLabels = layout.nodes.filter((box) => box.labelWidth !== undefined);
    expect(withLabels.length).toBeGreaterThan(0);
    const right = Math.max(...layout.nodes.map((box) => footprintOf(box).right), ...layout.groups.map((frame) => frame.left + frame.width));
    expect(right).toBeLessThanOrEqual(layout.width + EPSILON);
    expect(layout.width - right).toBeLessThan(1);
  });
});

describe('layout of a 2,000-node module model', () => {
  const model = buildGraph(moduleModelTrace(400), undefined, { names: 'final' });

  it.each([
    ['with every group expanded', new Set<string>()],
    ['with its top-level modules collapsed', defaultCollapsedGroups(model)],
  ])('keeps every invariant %s', (_name, collapsed) => {
    expect(model.nodes.length).toBeGreaterThanOrEqual(2000);
    const grouped = groupGraph(model, collapsed);
    const layout = layoutModelSync(grouped);
    expect(layout.groups.length).toBe(grouped.expandedGroups.length);
    expect(violations(toLayoutInput(grouped), layout)).toEqual([]);
  });
});
