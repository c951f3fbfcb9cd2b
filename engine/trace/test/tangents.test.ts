/**
 * Forward-mode AD in the trace: `tangent` events follow the tangent from make_dual through each op,
 * in seq order, naming the op, the output tensor, its inputs and (when a graph is recorded too)
 * the output's node. Ops inside a tangent computation (the jvp rules' own ops) record nothing.
 */
import { describe, expect, it } from 'vitest';
import { callOp, enterDualLevel, exitDualLevel, fromArray, makeDual, tangentOf, type Tensor } from '../../index.ts';
import { compactTrace } from '../compact.ts';
import { only, record } from './record.ts';

function dualLevel(run: () => void): void {
  enterDualLevel();
  try {
    run();
  } finally {
    exitDualLevel();
  }
}

describe('tangent events', () => {
  it('report each tangent as it travels forward, starting at make_dual', () => {
    let y: Tensor | undefined, z: Tensor | undefined;
    const events = record(() =>
      dualLevel(() => {
        const x = makeDual(fromArray([1, 2], [2], 'float64'), fromArray([1, 0], [2], 'float64'));
        y = callOp('mul', x, x) as Tensor;
        z = callOp('sin', y) as Tensor;
      }),
    );
    const tangents = only(events, 'tangent');
    expect(tangents.map((e) => e.op)).toEqual(['make_dual', 'mul', 'sin']);
    expect(tangents[1]!.tensorId).toBe(y!.id);
    expect(tangents[1]!.inputs).toEqual([tangents[0]!.tensorId, tangents[0]!.tensorId]);
    expect(tangents[1]!.tangent.values).toEqual([2, 0]);
    expect(tangents[2]!.tangent.values).toEqual([2 * Math.cos(1), 0 * Math.cos(4)]);
    expect(tangents[2]!.primal.values).toEqual(z!.toArray());
    // No graph was recorded (nothing requires grad), and the rules' own ops left no events.
    expect(tangents.every((e) => e.nodeId === undefined)).toBe(true);
    expect(events.filter((e) => e.kind !== 'tangent')).toEqual([]);
  });

  it('name the output node when the primal also records a graph, after its op event', () => {
    const events = record(() =>
      dualLevel(() => {
        const w = fromArray([0.5, -1], [2], 'float64', true);
        const x = makeDual(fromArray([1, 2], [2], 'float64'), fromArray([1, 1], [2], 'float64'));
        callOp('exp', callOp('mul', x, w));
      }),
    );
    const mulOp = only(events, 'op').find((e) => e.op === 'mul')!;
    const mulTangent = only(events, 'tangent').find((e) => e.op === 'mul')!;
    expect(mulTangent.nodeId).toBe(mulOp.nodeId);
    expect(mulTangent.seq).toBeGreaterThan(mulOp.seq);
    // exp's tangent rule multiplies by the result: the rule's mul is not an op event.
    expect(only(events, 'op').map((e) => e.op)).toEqual(['mul', 'exp']);
  });

  it('are not recorded for ops without a tangent, nor after the level is left', () => {
    const events = record(() => {
      dualLevel(() => {
        callOp('exp', fromArray([1], [1], 'float64'));
      });
      callOp('exp', fromArray([1], [1], 'float64'));
    });
    expect(only(events, 'tangent')).toEqual([]);
  });

  it('include an in-place op, whose tangent is written into self', () => {
    let x: Tensor | undefined;
    const events = record(() =>
      dualLevel(() => {
        x = makeDual(fromArray([1, 2], [2], 'float64'), fromArray([1, 1], [2], 'float64'));
        callOp('mul_', x, 3);
        expect(tangentOf(x)!.toArray()).toEqual([3, 3]);
      }),
    );
    expect(only(events, 'tangent').map((e) => e.op)).toEqual(['make_dual', 'mul']);
  });

  it('name the backward pass they ran inside (forward over reverse)', () => {
    const events = record(() =>
      dualLevel(() => {
        const w = fromArray([0.5, 2], [2], 'float64', true);
        const x = makeDual(fromArray([1, 2], [2], 'float64'), fromArray([1, 1], [2], 'float64'));
        (callOp('sum', callOp('mul', callOp('mul', x, w), w)) as Tensor).backward();
      }),
    );
    const start = only(events, 'backward-start')[0]!;
    const inBackward = only(events, 'tangent').filter((e) => e.seq > start.seq);
    expect(inBackward.length).toBeGreaterThan(0);
    expect(inBackward.every((e) => e.pass === start.pass)).toBe(true);
    expect(
      only(events, 'tangent')
        .filter((e) => e.seq < start.seq)
        .every((e) => e.pass === undefined),
    ).toBe(true);
  });

  it('go with their node when old passes are compacted away', () => {
    const events = record(() =>
      dualLevel(() => {
        const w = fromArray([0.5], [1], 'float64', true);
        for (let i = 0; i < 3; i++) {
          const x = makeDual(fromArray([i], [1], 'float64'), fromArray([1], [1], 'float64'));
          (callOp('sum', callOp('mul', x, w)) as Tensor).backward();
        }
      }),
    );
    const kept = compactTrace(events, 1);
    const keptNodes = new Set(only(kept, 'op').map((e) => e.nodeId));
    expect(only(kept, 'tangent').every((e) => e.nodeId === undefined || keptNodes.has(e.nodeId))).toBe(true);
    expect(only(kept, 'tangent').length).toBeLessThan(only(events, 'tangent').length);
  });
});
