import { describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../../../engine/trace/schema.ts';
import { applyBounds, findRepeatedRuns, LAYOUT_MAX_NODES, planBounds } from '../bounded-graph.ts';
import { computeLayout, toLayoutInput } from '../layout.ts';
import type { GraphEdge, GraphModel, GraphNode } from '../model.ts';
import { groupGraph } from '../module-groups.ts';

/** `y = torch.ones(1, requires_grad=True)`, then `y = y * 1.0` (line 3) `length` times: one leaf, a chain of ops. */
function chainModel(length: number, opAt: (index: number) => string = () => 'mul'): GraphModel {
  const nodes: GraphNode[] = [{ kind: 'leaf', id: 't1', tensorId: 1, shape: [1], valueText: '1', seq: 0 }];
  const edges: GraphEdge[] = [];
  for (let i = 1; i <= length; i++) {
    const op = opAt(i);
    const gradFn = op === 'mul' ? 'MulBackward0' : 'AddBackward0';
    nodes.push({ kind: 'op', id: `n${i}`, nodeId: i, op, gradFn, outputTensorId: i + 1, outputShape: [1], seq: i, hasRunBackward: false, isFreed: false });
    const source = i === 1 ? 't1' : `n${i - 1}`;
    edges.push({ id: `${source}>n${i}#0`, source, target: `n${i}`, inputIndex: 0 });
  }
  return { nodes, edges, step: length };
}

function locationsOf(model: GraphModel, lineOf: (index: number) => number): Map<string, SourceLocation> {
  const locations = new Map<string, SourceLocation>([['t1', { cell: 'c', line: 1 }]]);
  for (let i = 1; i < model.nodes.length; i++) locations.set(`n${i}`, { cell: 'c', line: lineOf(i) });
  return locations;
}

/** Edges of a layout input form no cycle (Kahn's algorithm consumes every node). */
function isAcyclic(nodes: readonly { id: string }[], edges: readonly { source: string; target: string }[]): boolean {
  const indegree = new Map(nodes.map((node) => [node.id, 0]));
  const out = new Map<string, string[]>();
  for (const { source, target } of edges) {
    indegree.set(target, indegree.get(target)! + 1);
    out.set(source, [...(out.get(source) ?? []), target]);
  }
  const ready = nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  let seen = 0;
  while (ready.length > 0) {
    const id = ready.pop()!;
    seen++;
    for (const target of out.get(id) ?? []) {
      indegree.set(target, indegree.get(target)! - 1);
      if (indegree.get(target) === 0) ready.push(target);
    }
  }
  return seen === nodes.length;
}

describe('bounded layout input', () => {
  it('folds a 100,000-op chain into one ×N node and lays it out without overflowing the stack', () => {
    const model = chainModel(100_000);
    const grouped = groupGraph(model, new Set());
    const plan = planBounds(
      grouped,
      locationsOf(model, () => 3),
    );
    const bounded = applyBounds(grouped, plan);
    expect(bounded.nodes.map((node) => node.id)).toEqual(['t1', 's:run:n1']);
    const run = bounded.nodes[1]!;
    expect(run.kind === 'group' && { label: run.label, memberCount: run.memberCount, summary: run.summary }).toEqual({
      label: 'mul ×100,000 · line 3',
      memberCount: 100_000,
      summary: 'run',
    });
    expect(bounded.edges.map(({ source, target }) => [source, target])).toEqual([['t1', 's:run:n1']]);
    expect(plan.notes.join(' ')).toContain('100,000 repeated `mul` ops on line 3 collapsed');
    expect(bounded.foldedInto.get('n54321')).toBe('s:run:n1');

    const layout = computeLayout(toLayoutInput(bounded));
    expect(layout.nodes.map((node) => node.id)).toEqual(['t1', 's:run:n1']);
    expect(layout.edges).toHaveLength(1);
    expect(layout.nodes[1]!.y).toBeGreaterThan(layout.nodes[0]!.y);
  });

  it('folds the graph at a step with the whole trace’s plan: same node, fewer members', () => {
    const full = chainModel(10_000);
    const locations = locationsOf(full, () => 3);
    const plan = planBounds(groupGraph(full, new Set()), locations);
    const atStep = chainModel(2_500);
    const bounded = applyBounds({ ...groupGraph(atStep, new Set()), activeNodeId: 'n2500' }, plan);
    const run = bounded.nodes.find((node) => node.id === 's:run:n1');
    expect(run?.kind === 'group' && run.memberCount).toBe(2_500);
    expect(bounded.activeNodeId).toBe('s:run:n1');
  });

  it('leaves graphs within the bound alone, however repetitive', () => {
    const model = chainModel(LAYOUT_MAX_NODES - 1);
    const grouped = groupGraph(model, new Set());
    const plan = planBounds(
      grouped,
      locationsOf(model, () => 3),
    );
    expect(plan.notes).toEqual([]);
    expect(applyBounds(grouped, plan)).toBe(grouped);
  });

  it('finds runs only among identical ops that feed each other, and not shorter than four', () => {
    // mul ×5 on line 3, add ×2 on line 4, mul ×6 on line 3 (a new run: the adds broke the chain).
    const ops = [...Array(5).fill('mul'), 'add', 'add', ...Array(6).fill('mul')];
    const model = chainModel(ops.length, (i) => ops[i - 1]!);
    const runs = findRepeatedRuns(
      groupGraph(model, new Set()),
      locationsOf(model, (i) => (ops[i - 1] === 'mul' ? 3 : 4)),
    );
    expect(runs.map((run) => run.memberIds.length)).toEqual([5, 6]);
    expect(runs[1]!.memberIds[0]).toBe('n8');
  });

  it('summarises by line when runs are not enough, dropping links that would make a cycle', () => {
    // A loop body of two lines, `y = y * 2` (line 3) and `y = y + 1` (line 4), 50,000 times: no runs.
    const model = chainModel(100_000, (i) => (i % 2 === 1 ? 'mul' : 'add'));
    const grouped = groupGraph(model, new Set());
    const plan = planBounds(
      grouped,
      locationsOf(model, (i) => (i % 2 === 1 ? 3 : 4)),
    );
    const bounded = applyBounds(grouped, plan);
    expect(bounded.nodes.map((node) => node.id)).toEqual(['t1', 's:line:c:3', 's:line:c:4']);
    expect(plan.notes.join(' ')).toContain('100,000 nodes summarised by source line (2 lines)');
    expect(isAcyclic(bounded.nodes, bounded.edges)).toBe(true);
    const layout = computeLayout(toLayoutInput(bounded));
    expect(layout.nodes).toHaveLength(3);
  });

  it('lays out a chain of the bound’s length (no collapsing) without overflowing the stack', () => {
    const model = chainModel(LAYOUT_MAX_NODES - 1, (i) => (i % 2 === 0 ? 'mul' : 'add'));
    const layout = computeLayout(toLayoutInput(groupGraph(model, new Set())));
    expect(layout.nodes).toHaveLength(LAYOUT_MAX_NODES);
    expect(layout.preset).toBe('fastest');
    const ys = layout.nodes.map((node) => node.y);
    expect(ys.every((y, i) => i === 0 || y > ys[i - 1]!)).toBe(true);
  });
});
