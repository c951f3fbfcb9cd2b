/**
 * The two teaching examples as a learner opens them (their recorded traces, no Python): the
 * backprop exercise marks the deliberately wrong hand gradient red and the right ones green, with
 * heatmaps that point at the wrong entries; forward vs reverse counts its passes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { buildGraph } from '../../graph/build-graph.ts';
import type { GraphNode } from '../../graph/model.ts';
import { chainRuleOf } from '../../inspector/chain-rule.ts';
import { handGradientView } from '../../inspector/hand-gradient-heatmap.ts';
import { createTraceIndex } from '../trace-index.ts';

const eventsOf = (file: string): TraceEvent[] =>
  (JSON.parse(readFileSync(new URL(`../../../../public/examples/${file}`, import.meta.url), 'utf8')) as { trace: { events: TraceEvent[] } }).trace.events;

const labelOf = (node: GraphNode): string | undefined => (node.kind === 'leaf' ? (node.name ?? node.parameter) : node.outputName);

describe('the backprop exercise', () => {
  const events = eventsOf('backprop-exercise.json');

  it('marks the deliberately wrong hand gradient (db1) red and every other one green', () => {
    const graph = createTraceIndex(events).graphAt(undefined, { names: 'final' });
    const verdicts = new Map(graph.nodes.filter((node) => node.handCheck !== undefined).map((node) => [labelOf(node), node.handCheck]));
    expect(verdicts.get('b1')).toBe('wrong');
    const others = [...verdicts].filter(([name]) => name !== 'b1');
    expect(others.map(([name]) => name).sort()).toEqual(
      ['W1', 'W2', 'b2', 'counts', 'counts_sum', 'counts_sum_inv', 'h', 'hpre', 'logit_maxes', 'logits', 'logprobs', 'norm_logits', 'probs'].sort(),
    );
    for (const [name, verdict] of others) expect(verdict, name).not.toBe('wrong');
  });

  it('colours a node only from its check step on, and the check is a step of its own', () => {
    const index = createTraceIndex(events);
    const checks = index.steps().filter((step) => step.phase === 'check');
    expect(checks).toHaveLength(14);
    const b1Step = checks.find((step) => step.label.startsWith('check b1'))!;
    expect(b1Step.label).toBe('check b1: wrong (max diff 0.216)');
    const before = index.graphAt(b1Step.seq - 1).nodes.find((node) => node.id === b1Step.graphNodeId);
    const at = index.graphAt(b1Step.seq).nodes.find((node) => node.id === b1Step.graphNodeId);
    expect(before?.handCheck).toBeUndefined();
    expect(at?.handCheck).toBe('wrong');
  });

  it('shows yours, autograd’s and the difference, flagging the entries that differ', () => {
    const index = createTraceIndex(events);
    const b1 = index.steps().find((step) => step.label.startsWith('check b1'))!;
    const check = index.handGradientOf(b1.graphNodeId!)!;
    const view = handGradientView(check);
    expect(view.mine.cells).toHaveLength(6);
    expect(view.autograd.cells).toHaveLength(6);
    // mean instead of sum over a batch of 5: yours is autograd's / 5, so the difference is -4/5 of it.
    view.difference.cells.forEach((cell, i) => expect(cell.value).toBeCloseTo(view.mine.cells[i]!.value - view.autograd.cells[i]!.value, 6));
    expect(view.wrongCount).toBe(view.difference.cells.filter((cell) => Math.abs(cell.value) > 1e-6).length);
    expect(view.summary).toMatch(/^b1: wrong · \d entr(y differs|ies differ) · max diff 0\.2158$/);
    const close = handGradientView(index.handGradientOf(index.steps().find((step) => step.label === 'check probs: close')!.graphNodeId!)!);
    expect(close.wrongCount).toBe(0);
  });

  it('draws the same graph from the replay index as from buildGraph at every step', () => {
    const index = createTraceIndex(events);
    for (const step of index.steps()) expect(index.graphAt(step.seq), step.label).toEqual(buildGraph(events, step.seq));
  });
});

describe('forward vs reverse mode', () => {
  const events = eventsOf('forward-vs-reverse.json');

  it('counts three forward-mode passes (one jvp per input) and one backward pass', () => {
    const index = createTraceIndex(events);
    expect(index.passCountsAt(null)).toEqual({ forwardMode: 3, backward: 1 });
    const firstBackward = index.steps().find((step) => step.phase === 'backward')!;
    expect(index.passCountsAt(firstBackward.seq - 1)).toEqual({ forwardMode: 3, backward: 0 });
    const secondPass = index.steps().filter((step) => step.label === 'make_dual: a tangent starts')[1]!;
    expect(index.passCountsAt(secondPass.seq)).toEqual({ forwardMode: 2, backward: 0 });
  });

  it('calls jvp’s dual by the primal’s name, in the graph and in the chain-rule panel', () => {
    const index = createTraceIndex(events);
    const start = index.steps().find((step) => step.phase === 'tangent')!;
    const dual = index.graphAt(start.seq, { names: 'final' }).nodes.find((node) => node.id === start.graphNodeId);
    expect(dual?.kind === 'leaf' && dual.name).toBe('x');
    const sin = index.steps().find((step) => step.label === 'tangent through sin')!;
    const view = chainRuleOf(index, sin.seq);
    expect(view?.kind === 'tangent' && view.text).toBe('ṫ(x.sin()) = ∂x.sin()/∂x · ẋ = [0.8776, 0.5403, -0.4161] · [1, 0, 0] = [0.8776, 0, 0]');
  });

  it('draws the same graph from the replay index as from buildGraph at every step', () => {
    const index = createTraceIndex(events);
    for (const step of index.steps()) expect(index.graphAt(step.seq), step.label).toEqual(buildGraph(events, step.seq));
    for (const step of index.steps()) expect(index.graphAt(step.seq, { names: 'final' }), step.label).toEqual(buildGraph(events, step.seq, { names: 'final' }));
  });
});
