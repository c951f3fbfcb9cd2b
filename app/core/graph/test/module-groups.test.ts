import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { buildGraph } from '../build-graph.ts';
import { layoutModelSync } from '../layout.ts';
import { COLLAPSE_MIN_NODES, defaultCollapsedGroups, groupGraph, moduleGroupsOf, type GroupNode } from '../module-groups.ts';
import { nodeAriaLabel } from '../labels.ts';
import snapshot from './fixtures/mlp-snapshot.json' with { type: 'json' };
import { SEED_TRACE } from './fixtures/seed-trace.ts';

// A real trace: fixtures/mlp.py (nn.Sequential(Linear, ReLU, Linear)) run through
// `node bin/gradscope.mjs run app/core/graph/test/fixtures/mlp.py --snapshot app/core/graph/test/fixtures/mlp-snapshot.json`.
const MLP_TRACE = snapshot.trace.events as unknown as TraceEvent[];
const PASS_SUMMARY = MLP_TRACE.find((event) => event.kind === 'pass-summary')!;
const BACKWARD_START = MLP_TRACE.find((event) => event.kind === 'backward-start')!.seq;

describe('module groups of an nn.Sequential MLP', () => {
  const model = buildGraph(MLP_TRACE);
  const groups = moduleGroupsOf(model);

  it('finds the Sequential and one group per submodule, labelled like `0: Linear`', () => {
    expect(groups.map((group) => group.label)).toEqual(['Sequential', '0: Linear', '1: ReLU', '2: Linear']);
    expect(groups.map((group) => group.parentKey)).toEqual([undefined, '', '', '']);
  });

  it('puts each Linear’s weight and bias leaves and its ops in its group', () => {
    const linear0 = groups.find((group) => group.path === '0')!;
    const kinds = linear0.memberIds.map((id) => {
      const node = model.nodes.find((candidate) => candidate.id === id)!;
      return node.kind === 'leaf' ? node.parameter : node.gradFn;
    });
    expect(kinds).toEqual(['0.weight', 'TBackward0', '0.bias', 'AddmmBackward0']);
  });

  it('leaves the loss (made outside the model) out of every group', () => {
    const sum = model.nodes.find((node) => node.kind === 'op' && node.gradFn === 'SumBackward0')!;
    expect(groups.some((group) => group.memberIds.includes(sum.id))).toBe(false);
  });

  it('draws every group expanded when nothing is collapsed', () => {
    const grouped = groupGraph(model, new Set());
    expect(grouped.nodes).toHaveLength(model.nodes.length);
    expect(grouped.expandedGroups.map((group) => group.path)).toEqual(['', '0', '1', '2']);
  });

  it('folds a collapsed module into one node and reroutes its edges to it', () => {
    const grouped = groupGraph(model, new Set(['0']));
    const folded = grouped.nodes.filter((node): node is GroupNode => node.kind === 'group');
    expect(folded.map((node) => [node.label, node.memberCount])).toEqual([['0: Linear', 4]]);
    expect(grouped.nodes).toHaveLength(model.nodes.length - 3);
    const relu = grouped.nodes.find((node) => node.kind === 'op' && node.gradFn === 'ReluBackward0')!;
    expect(grouped.edges.filter((edge) => edge.target === relu.id).map((edge) => edge.source)).toEqual(['g:0']);
    expect(grouped.edges.some((edge) => edge.source === edge.target)).toBe(false);
    expect(grouped.expandedGroups.map((group) => group.path)).toEqual(['', '1', '2']);
    expect(grouped.expandedGroups[0]!.memberIds).toContain('g:0');
  });

  it('shows the gradient norm of a collapsed module from the pass summary', () => {
    const norms = PASS_SUMMARY.kind === 'pass-summary' ? PASS_SUMMARY.gradNorms : [];
    const normOf = (name: string) => norms.find((entry) => entry.name === name)!.norm;
    const expected = Math.hypot(normOf('2.weight'), normOf('2.bias'));
    const folded = groupGraph(model, new Set(['2'])).nodes.find((node): node is GroupNode => node.kind === 'group')!;
    expect(folded.gradNorm).toBeCloseTo(expected, 6);
    expect(nodeAriaLabel(folded)).toMatch(/^module 2: Linear, collapsed, 4 nodes, grad norm \d/);
  });

  it('shows no gradient norm before the backward pass', () => {
    const beforeBackward = buildGraph(MLP_TRACE, BACKWARD_START);
    const folded = groupGraph(beforeBackward, new Set(['2'])).nodes.find((node): node is GroupNode => node.kind === 'group')!;
    expect(folded.gradNorm).toBeUndefined();
  });

  it('collapsing the outer module folds its inner modules into it too', () => {
    const grouped = groupGraph(model, new Set(['', '0']));
    expect(grouped.nodes.filter((node) => node.kind === 'group').map((node) => node.id)).toEqual(['g:']);
    expect(grouped.expandedGroups).toEqual([]);
  });

  it('lights a collapsed module when the step is about one of its members', () => {
    const step = MLP_TRACE.find((event) => event.kind === 'op' && event.gradFn === 'AddmmBackward0')!.seq;
    expect(groupGraph(buildGraph(MLP_TRACE, step), new Set(['0'])).activeNodeId).toBe('g:0');
  });

  it('frames each expanded module around its members, outer boxes around inner ones', () => {
    const grouped = groupGraph(model, new Set());
    const layout = layoutModelSync(grouped);
    const frames = new Map(layout.groups.map((frame) => [frame.id, frame]));
    for (const group of grouped.expandedGroups) {
      const frame = frames.get(group.id)!;
      for (const id of group.memberIds) {
        const member = layout.nodes.find((box) => box.id === id)!;
        expect(member.x - member.width / 2).toBeGreaterThanOrEqual(frame.left);
        expect(member.x + member.width / 2 + (member.labelWidth ?? 0)).toBeLessThanOrEqual(frame.left + frame.width);
        expect(member.y - member.height / 2).toBeGreaterThanOrEqual(frame.top);
        expect(member.y + member.height / 2).toBeLessThanOrEqual(frame.top + frame.height);
      }
    }
    const outer = frames.get('g:')!;
    const inner = frames.get('g:0')!;
    expect(outer.left).toBeLessThan(inner.left);
    expect(outer.top).toBeLessThan(inner.top);
  });

  it('lays out a collapsed module as a single node', () => {
    const layout = layoutModelSync(groupGraph(model, new Set(['0', '2'])));
    expect(layout.nodes.map((box) => box.id)).toEqual(expect.arrayContaining(['g:0', 'g:2']));
    expect(layout.nodes).toHaveLength(model.nodes.length - 6);
  });
});

/** `depth` Sequential blocks of (Linear, ReLU), as a deep model records them. */
function deepModelTrace(blocks: number): TraceEvent[] {
  const events: TraceEvent[] = [];
  let seq = 0;
  let nextId = 1;
  let previous: { kind: 'node'; nodeId: number; outputNr: number } | { kind: 'none' } = { kind: 'none' };
  const tensor = (shape: number[]) => ({ id: nextId++, shape, dtype: 'float32' as const, requiresGrad: true });
  for (let block = 0; block < blocks; block++) {
    const scope = [
      { path: '', type: 'Net' },
      { path: `layers.${block}`, type: 'Block' },
    ];
    const weight = tensor([4, 4]);
    events.push({ kind: 'leaf', seq: seq++, tensor: weight, parameter: `layers.${block}.fc.weight` });
    const mm = nextId++;
    events.push({
      kind: 'op',
      seq: seq++,
      nodeId: mm,
      op: 'mm',
      gradFn: 'MmBackward0',
      inputs: [previous, { kind: 'leaf', tensorId: weight.id }],
      output: tensor([4]),
      moduleScope: [...scope, { path: `layers.${block}.fc`, type: 'Linear' }],
    });
    const relu = nextId++;
    events.push({
      kind: 'op',
      seq: seq++,
      nodeId: relu,
      op: 'relu',
      gradFn: 'ReluBackward0',
      inputs: [{ kind: 'node', nodeId: mm, outputNr: 0 }],
      output: tensor([4]),
      moduleScope: scope,
    });
    previous = { kind: 'node', nodeId: relu, outputNr: 0 };
  }
  return events;
}

describe('big graphs', () => {
  it('start with the model’s top-level modules collapsed', () => {
    const model = buildGraph(deepModelTrace(60));
    expect(model.nodes.length).toBeGreaterThan(COLLAPSE_MIN_NODES);
    const collapsed = defaultCollapsedGroups(model);
    expect(collapsed.size).toBe(60);
    expect(collapsed.has('layers.0')).toBe(true);
    const grouped = groupGraph(model, collapsed);
    expect(grouped.nodes).toHaveLength(60);
    expect(grouped.nodes[0]).toMatchObject({ kind: 'group', label: 'layers.0: Block', memberCount: 3 });
    expect(grouped.edges).toHaveLength(59);
  });

  it('small graphs start expanded', () => {
    expect(defaultCollapsedGroups(buildGraph(deepModelTrace(10))).size).toBe(0);
  });

  it('graphs without modules have no groups', () => {
    const model = buildGraph(SEED_TRACE);
    expect(moduleGroupsOf(model)).toEqual([]);
    expect(groupGraph(model, new Set(['anything'])).nodes).toEqual(model.nodes);
  });
});
