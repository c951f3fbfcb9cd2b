import { describe, expect, it } from 'vitest';
import type { ModuleFrame, TensorSummary, TraceEvent } from '../../../../engine/trace/schema.ts';
import { buildGraph } from '../build-graph.ts';
import { inspectGroup } from '../group-details.ts';
import { layoutModelSync } from '../layout.ts';
import { groupGraph, moduleGroupsOf, viewNodeIds, type GroupNode } from '../module-groups.ts';
import { nodeSize } from '../node-size.ts';
import { lineOfNode } from '../../trace/selection.ts';

/** Writes a trace the way the recorder does while the module listener numbers calls. */
function traceWriter(options: { numberCalls: boolean } = { numberCalls: true }) {
  const events: TraceEvent[] = [];
  let seq = 0;
  let ids = 0;
  let calls = 0;
  const scope: ModuleFrame[] = [];
  const summary = (shape: number[], values?: number[]): TensorSummary => ({
    id: ++ids,
    shape,
    dtype: 'float32',
    requiresGrad: true,
    ...(values && { values }),
  });
  type Ref = Extract<TraceEvent, { kind: 'op' }>['inputs'][number];
  return {
    events,
    enter(path: string, type: string) {
      scope.push({ path, type, ...(options.numberCalls && { call: ++calls }) });
    },
    exit() {
      scope.pop();
    },
    leaf(name: { parameter?: string; name?: string }, line = 1): Ref {
      const tensor = summary([2], [1, 2]);
      events.push({ kind: 'leaf', seq: seq++, tensor, ...name, loc: { cell: 'c', line } });
      return { kind: 'leaf', tensorId: tensor.id };
    },
    op(gradFn: string, inputs: Ref[], line = 1): Ref & { kind: 'node' } {
      const nodeId = ++ids;
      events.push({
        kind: 'op',
        seq: seq++,
        nodeId,
        op: gradFn.toLowerCase(),
        gradFn,
        inputs,
        output: summary([2]),
        loc: { cell: 'c', line },
        ...(scope.length > 0 && { moduleScope: [...scope] }),
      });
      return { kind: 'node', nodeId, outputNr: 0 };
    },
    backwardStep(node: { nodeId: number }, inputCount: number) {
      const grad = summary([2], [1, 1]);
      events.push({
        kind: 'backward-step',
        seq: seq++,
        pass: 1,
        nodeId: node.nodeId,
        gradsIn: [grad],
        gradsOut: Array.from({ length: inputCount }, () => grad),
        edges: [],
      });
      return seq - 1;
    },
    accumulate(leaf: Ref) {
      if (leaf.kind !== 'leaf') return;
      const grad = summary([2], [3, 4]);
      events.push({ kind: 'accumulate', seq: seq++, pass: 1, tensorId: leaf.tensorId, before: null, added: grad, after: grad });
    },
  };
}

/** Two models built from the same class: both have an `fc1`. */
function twoModels() {
  const w = traceWriter();
  const x = w.leaf({ name: 'x' });
  const calls: Ref[] = [];
  let h = x;
  for (const line of [10, 20]) {
    w.enter('', 'Net');
    w.enter('fc1', 'Linear');
    const weight = w.leaf({ parameter: 'fc1.weight' }, line);
    h = w.op('MvBackward0', [weight, h], line);
    calls.push(weight);
    w.exit();
    w.exit();
  }
  const loss = w.op('SumBackward0', [h]);
  return { events: w.events, weights: calls, loss };
}
type Ref = ReturnType<ReturnType<typeof traceWriter>['leaf']>;

/** `fc(relu(fc(x)))`: one module called twice inside Net. */
function calledTwice(numberCalls = true) {
  const w = traceWriter({ numberCalls });
  const x = w.leaf({ name: 'x' });
  w.enter('', 'Net');
  w.enter('fc', 'Linear');
  const weight = w.leaf({ parameter: 'fc.weight' });
  const first = w.op('MvBackward0', [weight, x]);
  w.exit();
  const relu = w.op('ReluBackward0', [first]);
  w.enter('fc', 'Linear');
  const second = w.op('MvBackward0', [weight, relu], 7);
  w.exit();
  w.exit();
  const loss = w.op('SumBackward0', [second]);
  return { w, weight, first, relu, second, loss };
}

describe('module groups are keyed by module call', () => {
  it('gives two models that both have fc1 two fc1 groups, each with its own weight', () => {
    const { events, weights } = twoModels();
    const model = buildGraph(events);
    const fc1s = moduleGroupsOf(model).filter((group) => group.path === 'fc1');
    expect(fc1s.map((group) => group.label)).toEqual(['fc1: Linear', 'fc1: Linear']);
    expect(fc1s[0]!.memberIds).toContain(`t${weights[0]!.kind === 'leaf' && weights[0]!.tensorId}`);
    expect(fc1s[1]!.memberIds).toContain(`t${weights[1]!.kind === 'leaf' && weights[1]!.tensorId}`);
    expect(fc1s[0]!.memberIds.some((id) => fc1s[1]!.memberIds.includes(id))).toBe(false);
    expect(fc1s[0]!.parentKey).not.toBe(fc1s[1]!.parentKey);
  });

  it('draws the two fc1 boxes apart, each inside its own model', () => {
    const grouped = groupGraph(buildGraph(twoModels().events), new Set());
    const layout = layoutModelSync(grouped);
    expect(layout.groups).toHaveLength(4);
    const [a, b] = grouped.expandedGroups.filter((group) => group.path === 'fc1').map((group) => layout.groups.find((frame) => frame.id === group.id)!);
    const apart = a!.top + a!.height <= b!.top || b!.top + b!.height <= a!.top || a!.left + a!.width <= b!.left || b!.left + b!.width <= a!.left;
    expect(apart).toBe(true);
  });

  it('gives each call of a module called twice its own group, the second labelled as such', () => {
    const { w } = calledTwice();
    const groups = moduleGroupsOf(buildGraph(w.events));
    expect(groups.map((group) => group.label)).toEqual(['Net', 'fc: Linear', 'fc: Linear (call 2)']);
    // The shared weight is drawn in the first call, where it was first used.
    expect(groups[1]!.memberIds).toHaveLength(2);
    expect(groups[2]!.memberIds).toHaveLength(1);
  });

  it('lays out both calls as blocks, with the relu between them outside both', () => {
    const { w, relu } = calledTwice();
    const grouped = groupGraph(buildGraph(w.events), new Set());
    const layout = layoutModelSync(grouped);
    expect(layout.groups).toHaveLength(3);
    const reluBox = layout.nodes.find((box) => box.id === `n${relu.nodeId}`)!;
    for (const frame of layout.groups.slice(1)) {
      const inside = reluBox.x > frame.left && reluBox.x < frame.left + frame.width && reluBox.y > frame.top && reluBox.y < frame.top + frame.height;
      expect(inside).toBe(false);
    }
  });

  it('groups by path in traces without call numbers, and still lays them out', () => {
    const { w } = calledTwice(false);
    const grouped = groupGraph(buildGraph(w.events), new Set());
    expect(grouped.expandedGroups.map((group) => group.label)).toEqual(['Net', 'fc: Linear']);
    // One fc group around both calls would enclose the relu between them: it gets no box.
    const layout = layoutModelSync(grouped);
    expect(layout.groups.map((frame) => frame.id)).toEqual(['g:']);
  });
});

describe('a step inside a collapsed module', () => {
  const { w, second, relu, weight } = calledTwice();
  const secondKey = () => moduleGroupsOf(buildGraph(w.events)).find((group) => group.label === 'fc: Linear (call 2)')!.key;
  const lossStep = w.backwardStep({ nodeId: (w.events.at(-1) as { nodeId: number }).nodeId }, 1);
  const mmStep = w.backwardStep(second, 2);
  w.accumulate(weight);

  it('lights the module and names the member the step is about', () => {
    const collapsed = new Set([secondKey()]);
    const grouped = groupGraph(buildGraph(w.events, mmStep), collapsed);
    const group = grouped.nodes.find((node): node is GroupNode => node.kind === 'group')!;
    expect(grouped.activeNodeId).toBe(group.id);
    expect(group.activeMember).toBe('MvBackward0');
  });

  it('keeps the collapsed node one size at every step, whatever member is named', () => {
    const collapsed = new Set([secondKey()]);
    const final = groupGraph(buildGraph(w.events), collapsed).nodes.find((node) => node.kind === 'group')!;
    const atStep = groupGraph(buildGraph(w.events, mmStep), collapsed).nodes.find((node) => node.kind === 'group')!;
    expect(nodeSize(atStep)).toEqual(nodeSize(final));
  });

  it('sends the backward pulse along edges that enter and leave the collapsed module, landing on it', () => {
    const collapsed = new Set([secondKey()]);
    const full = groupGraph(buildGraph(w.events), collapsed);
    const routes = new Set(layoutModelSync(full).edges.map((edge) => edge.id));
    const groupId = full.nodes.find((node) => node.kind === 'group')!.id;
    // The loss's step sends the gradient into the module (to its output op, now hidden).
    const intoGroup = groupGraph(buildGraph(w.events, lossStep), collapsed);
    const pulse = intoGroup.edges.filter((edge) => intoGroup.pulseEdgeIds!.includes(edge.id));
    expect(pulse.map((edge) => edge.source)).toEqual([groupId]);
    expect(pulse.every((edge) => routes.has(edge.id))).toBe(true);
    // The hidden op's own step sends it out of the module, to the relu and the weight.
    const outOfGroup = groupGraph(buildGraph(w.events, mmStep), collapsed);
    const out = outOfGroup.edges.filter((edge) => outOfGroup.pulseEdgeIds!.includes(edge.id));
    expect(out.map((edge) => edge.target)).toEqual([groupId, groupId]);
    expect(out.map((edge) => edge.source)).toContain(`n${relu.nodeId}`);
  });

  it('maps a selection hidden in the module to the module’s node', () => {
    const grouped = groupGraph(buildGraph(w.events), new Set([secondKey()]));
    const groupId = grouped.nodes.find((node) => node.kind === 'group')!.id;
    expect(viewNodeIds(grouped, [`n${second.nodeId}`, `n${relu.nodeId}`])).toEqual([groupId, `n${relu.nodeId}`]);
  });
});

describe('inspecting a module group', () => {
  const { w, weight, second } = calledTwice();
  w.backwardStep(second, 2);
  w.accumulate(weight);
  const model = buildGraph(w.events);
  const fc = moduleGroupsOf(model).find((group) => group.label === 'fc: Linear')!;

  it('shows its class, path, member count and parameters with their gradient norms', () => {
    const details = inspectGroup(model, fc.id)!;
    expect(details).toMatchObject({ type: 'Linear', path: 'fc', memberCount: 2, opCount: 1 });
    expect(details.parameters).toEqual([expect.objectContaining({ name: 'fc.weight', shape: [2], gradNorm: 5 })]);
    expect(details.gradNorm).toBe(5);
  });

  it('sums every parameter of the model for the outermost module', () => {
    const net = moduleGroupsOf(model).find((group) => group.path === '')!;
    expect(inspectGroup(model, net.id)).toMatchObject({ type: 'Net', memberCount: 4, opCount: 3, gradNorm: 5 });
  });

  it('lights the first line the module ran when its group is selected', () => {
    const second = moduleGroupsOf(model).find((group) => group.label === 'fc: Linear (call 2)')!;
    expect(lineOfNode(w.events, second.id)).toEqual({ cell: 'c', line: 7 });
  });

  it('has nothing to show for an unknown group', () => {
    expect(inspectGroup(model, 'g:nope')).toBeNull();
  });
});
