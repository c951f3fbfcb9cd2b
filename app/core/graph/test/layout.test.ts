import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../build-graph.ts';
import { computeLayout, FAST_MAX_NODES, layoutModelSync, presetFor, QUALITY_MAX_NODES, type GraphLayout, type LayoutInput } from '../layout.ts';
import { GRAD_LABEL_GAP } from '../node-size.ts';
import { SEED_TRACE } from './fixtures/seed-trace.ts';
import { mlpTrace } from './fixtures/synthetic-traces.ts';

/** A random DAG in creation order: node i reads up to two earlier nodes. */
function randomDag(sizes: readonly number[], picks: readonly number[]): LayoutInput {
  const nodes = sizes.map((w, i) => ({
    id: `v${i}`,
    kind: i % 3 === 0 ? ('leaf' as const) : ('op' as const),
    width: 40 + w,
    height: i % 3 === 0 ? 57 : 26,
  }));
  const edges: { id: string; source: string; target: string }[] = [];
  nodes.forEach((node, i) => {
    if (i === 0) return;
    for (const [k, pick] of picks.slice((2 * i) % picks.length, ((2 * i) % picks.length) + 2).entries()) {
      if (pick % 4 === 3) continue; // some nodes are leaves
      edges.push({ id: `${i}.${k}`, source: `v${pick % i}`, target: node.id });
    }
  });
  return { nodes, edges };
}

function overlaps(layout: GraphLayout): string[] {
  const found: string[] = [];
  const boxes = layout.nodes;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const apartX = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 - 1e-6;
      const apartY = Math.abs(a.y - b.y) >= (a.height + b.height) / 2 - 1e-6;
      if (!apartX && !apartY) found.push(`${a.id}/${b.id}`);
    }
  }
  return found;
}

/** Every edge leaves its source's bottom and arrives at its target's top, further down. */
function upstreamEdges(layout: GraphLayout): string[] {
  const byId = new Map(layout.nodes.map((box) => [box.id, box]));
  return layout.edges
    .filter((edge) => {
      const source = byId.get(edge.source)!;
      const target = byId.get(edge.target)!;
      const first = edge.points[0]!;
      const last = edge.points.at(-1)!;
      return !(target.y > source.y && first[1] === source.y + source.height / 2 && last[1] === target.y - target.height / 2);
    })
    .map((edge) => edge.id);
}

describe('layout of the seed graph', () => {
  const layout = layoutModelSync(buildGraph(SEED_TRACE));

  it('stacks x → mul → add → mean from top to bottom', () => {
    const ys = ['t1', 'n1', 'n2', 'n3'].map((id) => layout.nodes.find((n) => n.id === id)!.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(4);
  });

  it('keeps every node inside the drawing', () => {
    for (const box of layout.nodes) {
      expect(box.x - box.width / 2).toBeGreaterThanOrEqual(0);
      expect(box.y - box.height / 2).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width / 2).toBeLessThanOrEqual(layout.width + 1e-6);
      expect(box.y + box.height / 2).toBeLessThanOrEqual(layout.height + 1e-6);
    }
  });

  it('routes every edge downstream', () => {
    expect(layout.edges).toHaveLength(3);
    expect(upstreamEdges(layout)).toEqual([]);
  });

  it('gives an empty drawing for an empty trace', () => {
    expect(layoutModelSync(buildGraph([]))).toMatchObject({ width: 0, height: 0, nodes: [], edges: [] });
  });
});

describe('layout on arbitrary autograd-like DAGs', () => {
  const dagArbitrary = fc
    .integer({ min: 1, max: 40 })
    .chain((n) =>
      fc.tuple(fc.array(fc.integer({ min: 0, max: 120 }), { minLength: n, maxLength: n }), fc.array(fc.nat(), { minLength: 2 * n + 2, maxLength: 2 * n + 2 })),
    )
    .map(([sizes, picks]) => randomDag(sizes, picks));

  it('is deterministic: the same graph always gets the same coordinates', () => {
    fc.assert(
      fc.property(dagArbitrary, (input) => {
        expect(computeLayout(input)).toEqual(computeLayout(structuredClone(input)));
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('never overlaps two nodes and routes every edge downstream, in every preset', () => {
    fc.assert(
      fc.property(dagArbitrary, fc.constantFrom('quality' as const, 'fast' as const, 'fastest' as const), (input, preset) => {
        const layout = computeLayout(input, preset);
        expect(overlaps(layout)).toEqual([]);
        expect(upstreamEdges(layout)).toEqual([]);
        expect(layout.edges).toHaveLength(input.edges.length);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});

describe('layout presets by size', () => {
  it('uses the quality preset for small graphs, then fast, then fastest', () => {
    expect(presetFor(10)).toBe('quality');
    expect(presetFor(QUALITY_MAX_NODES)).toBe('quality');
    expect(presetFor(QUALITY_MAX_NODES + 1)).toBe('fast');
    expect(presetFor(FAST_MAX_NODES)).toBe('fast');
    expect(presetFor(FAST_MAX_NODES + 1)).toBe('fastest');
  });

  it.each([600, 1200])('lays out a %i-node graph deterministically and without overlaps', (n) => {
    const sizes = Array.from({ length: n }, (_, i) => (i * 37) % 100);
    const picks = Array.from({ length: 2 * n + 2 }, (_, i) => (i * 7919 + 13) % 1009);
    const input = randomDag(sizes, picks);
    const layout = computeLayout(input);
    expect(layout.preset).toBe(presetFor(n));
    expect(overlaps(layout)).toEqual([]);
    expect(upstreamEdges(layout)).toEqual([]);
    expect(computeLayout(input)).toEqual(layout);
  });
});

describe('parallel edges (x * x)', () => {
  it('draws both edges, side by side rather than on top of each other', () => {
    const layout = computeLayout({
      nodes: [
        { id: 'x', kind: 'leaf', width: 80, height: 57 },
        { id: 'mul', kind: 'op', width: 100, height: 26 },
      ],
      edges: [
        { id: 'a', source: 'x', target: 'mul' },
        { id: 'b', source: 'x', target: 'mul' },
      ],
    });
    const [a, b] = layout.edges;
    expect(a!.points[0]![0]).not.toBe(b!.points[0]![0]);
    expect(a!.points[0]![1]).toBe(b!.points[0]![1]);
  });
});

describe('layout of a tensor MLP', () => {
  it('keeps the chain of ops in one column, leaves beside it (no staircase)', () => {
    const model = buildGraph(mlpTrace(6));
    const layout = layoutModelSync(model);
    const xOf = new Map(layout.nodes.map((box) => [box.id, box.x]));
    const chainXs = model.edges
      .filter((edge) => edge.source.startsWith('n') && edge.target.startsWith('n'))
      .flatMap((edge) => [xOf.get(edge.source)!, xOf.get(edge.target)!]);
    expect(new Set(chainXs).size).toBe(1);
    // A node's footprint includes the gradient label beside it.
    const widest = Math.max(...layout.nodes.map((box) => box.width + (box.labelWidth === undefined ? 0 : GRAD_LABEL_GAP + box.labelWidth)));
    expect(layout.width).toBeLessThan(3 * widest + 2 * 24);
  });
});
