/**
 * Forward mode replayed: a make_dual/unpack_dual program runs on the engine with recording on, and
 * stepping through its timeline shows each tangent on its node, travelling forward along the
 * edges, with the chain-rule panel's JVP numbers; every number is compared with what PyTorch's
 * unpack_dual gave for the same tensor (forward-mode/goldens.json, from
 * scripts/goldens/forward_tangents.py).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PythonSession } from '../../../../engine/python/session.ts';
import { sharedPythonSession } from '../../../../engine/test/python-session.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { createSessionRecording } from '../../../../engine/worker/cell-recorder.ts';
import { chainRuleOf } from '../../inspector/chain-rule.ts';
import { inspectNodeIn, NO_GRAD_FN } from '../../inspector/inspect-node.ts';
import { buildGraph } from '../../graph/build-graph.ts';
import type { GraphNode } from '../../graph/model.ts';
import { createTraceIndex } from '../trace-index.ts';

interface Golden {
  readonly stdout: string;
  readonly tangents: Readonly<Record<string, readonly number[]>>;
}

const goldens = JSON.parse(readFileSync(new URL('./forward-mode/goldens.json', import.meta.url), 'utf8')) as Record<string, Golden>;
const programOf = (name: string): string => readFileSync(new URL(`./forward-mode/${name}.py`, import.meta.url), 'utf8');

const nameOfNode = (node: GraphNode): string | undefined => (node.kind === 'leaf' ? node.name : node.outputName);

describe('forward mode, replayed step by step', () => {
  let session: PythonSession;
  let stdout = '';
  let events: TraceEvent[] = [];
  beforeAll(async () => {
    session = await sharedPythonSession({
      stdout: (text) => (stdout += text),
      stderr: () => {},
    });
    const recording = createSessionRecording(session);
    const { result, events: recorded } = recording.record('cell-1', 'Cell 1', () => session.run(programOf('make-dual'), 'Cell 1'));
    expect(result.ok).toBe(true);
    events = recorded;
  }, 120_000);

  it('prints what PyTorch prints', () => {
    expect(stdout).toBe(goldens['make-dual']!.stdout);
  });

  it('has one forward-mode step per op the tangent went through, each on the node it reached', () => {
    const index = createTraceIndex(events);
    const tangentSteps = index.steps().filter((step) => step.phase === 'tangent');
    const names = tangentSteps.map((step) => {
      const node = index.graphAt(step.seq, { names: 'final' }).nodes.find((candidate) => candidate.id === step.graphNodeId);
      return node ? nameOfNode(node) : undefined;
    });
    expect(names).toEqual(['dx', 'y', 'z', 'u', 's']);
  });

  it('shows on each node, at its step, the tangent PyTorch computed for that tensor', () => {
    const index = createTraceIndex(events);
    const golden = goldens['make-dual']!.tangents;
    for (const step of index.steps().filter((candidate) => candidate.phase === 'tangent')) {
      const graph = index.graphAt(step.seq, { names: 'final' });
      const node = graph.nodes.find((candidate) => candidate.id === step.graphNodeId)!;
      const expected = golden[nameOfNode(node)!]!;
      const values = node.tangent?.values ?? [];
      expect(values.length, step.label).toBe(expected.length);
      values.forEach((value, i) => expect(value, `${step.label}[${i}]`).toBeCloseTo(expected[i]!, 5));
      // The graph at the step before it had no tangent there yet: it arrives at its step.
      const before = index.graphAt(step.seq - 1, { names: 'final' }).nodes.find((candidate) => candidate.id === step.graphNodeId);
      expect(before?.tangent, step.label).toBeUndefined();
    }
  });

  it('moves the tangent forward along the edges that fed the op', () => {
    const index = createTraceIndex(events);
    const steps = index.steps().filter((step) => step.phase === 'tangent');
    const travelled = steps.map((step) => index.graphAt(step.seq).tangentEdgeIds ?? []);
    // make_dual starts the tangent (nothing travels); dx feeds mul twice; then one edge per op.
    expect(travelled.map((edges) => edges.length)).toEqual([0, 2, 1, 1, 1]);
    for (const [i, step] of steps.entries()) {
      for (const edgeId of travelled[i]!) expect(edgeId.endsWith(`>${step.graphNodeId}#${edgeId.split('#')[1]}`)).toBe(true);
    }
  });

  it('writes the JVP of each step in the chain-rule panel with PyTorch’s numbers', () => {
    const index = createTraceIndex(events);
    const texts = index
      .steps()
      .filter((step) => step.phase === 'tangent')
      .map((step) => chainRuleOf(index, step.seq))
      .map((view) => (view?.kind === 'tangent' ? view.text : ''));
    expect(texts).toEqual(
      [
        'ṫ(dx) = [1, 0.5, -1] (make_dual: the tangent you chose)',
        'ẏ = ∂y/∂dx · ṫ(dx) + ∂y/∂dx · ṫ(dx) = [1, 2, 3] · [1, 0.5, -1] + [1, 2, 3] · [1, 0.5, -1] = [2, 2, -6]',
        'ż = ∂z/∂y · ẏ = [0.5403, -0.6536, -0.9111] · [2, 2, -6] = [1.0806, -1.3073, 5.4668]',
        'u̇ = ∂u/∂z · ż = [0.5, -1, 2] · [1.0806, -1.3073, 5.4668] = [0.5403, 1.3073, 10.9336]',
        'ṡ = ∂s/∂u · u̇ = 12.7812',
      ].map((text) => text.normalize('NFC')),
    );
    // Each line ends in the tangent PyTorch computed, to the panel's four decimals.
    const golden = goldens['make-dual']!.tangents;
    for (const [i, name] of ['dx', 'y', 'z', 'u', 's'].entries()) {
      const values = golden[name]!.map((value) => String(Number(value.toFixed(4))));
      const result = values.length === 1 ? values[0]! : `[${values.join(', ')}]`;
      expect(texts[i]!.includes(`= ${result}`), texts[i]).toBe(true);
    }
  });

  it('inspects a node forward mode made: its tangent, and no grad_fn or saved tensors (nothing requires grad)', () => {
    const index = createTraceIndex(events);
    const mulStep = index.steps().find((step) => step.label === 'tangent through mul')!;
    const details = inspectNodeIn(index, index.graphAt(mulStep.seq, { names: 'final' }), mulStep.graphNodeId!)!;
    expect(details.title).toBe('mul → y');
    expect(details.gradFn).toBe(NO_GRAD_FN);
    expect(details.isFreed).toBeNull();
    expect(details.inputs.map((input) => input.name)).toEqual(['dx', 'dx']);
    expect(details.tangent?.values).toEqual(goldens['make-dual']!.tangents.y);
  });

  it('draws the same graph from the replay index as from the reference buildGraph at every step', () => {
    const index = createTraceIndex(events);
    for (const step of index.steps()) {
      expect(index.graphAt(step.seq), step.label).toEqual(buildGraph(events, step.seq));
    }
  });
});
