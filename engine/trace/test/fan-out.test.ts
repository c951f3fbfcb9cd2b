import { afterEach, describe, expect, it } from 'vitest';
import { setRecorder, tensor, type Tensor } from '../../index.ts';
import { only, record } from './record.ts';

afterEach(() => setRecorder(null));

describe('fan-out sums', () => {
  it('shows b = a*2 + 3*a receiving the contributions 2 and 3 and their sum 5 at a', () => {
    let a!: Tensor;
    const events = record(() => {
      a = tensor([1], 'float32', true);
      const b = a.mul(2).add(tensor(3).mul(a));
      b.sum().backward();
    });
    const [sum] = only(events, 'gradient-sum');
    expect(sum.target).toEqual({ kind: 'leaf', tensorId: a.id });
    expect(sum.contributions.map((c) => c.grad.values![0]).sort()).toEqual([2, 3]);
    expect(sum.sum.values).toEqual([5]);
    // The sum comes right before the accumulation it explains.
    const next = events[events.indexOf(sum) + 1];
    expect(next).toMatchObject({ kind: 'accumulate', tensorId: a.id, added: { values: [5] } });
    const muls = only(events, 'backward-step')
      .filter((s) => s.op === 'mul')
      .map((s) => s.nodeId);
    expect(sum.contributions.map((c) => c.fromNodeId).sort()).toEqual(muls.sort());
  });

  it('shows a fan-out at an intermediate node before that node’s step', () => {
    const events = record(() => {
      const x = tensor([2], 'float32', true);
      const y = x.mul(3);
      y.mul(y).sum().backward();
    });
    const [sum] = only(events, 'gradient-sum');
    expect(sum.target.kind).toBe('node');
    expect(sum.contributions.map((c) => c.grad.values![0])).toEqual([6, 6]);
    expect(sum.sum.values).toEqual([12]);
    const next = events[events.indexOf(sum) + 1];
    expect(next).toMatchObject({ kind: 'backward-step', op: 'mul', gradsIn: [{ values: [12] }] });
  });

  it('records no sum where a tensor feeds only one op', () => {
    const events = record(() => tensor([1], 'float32', true).mul(2).sum().backward());
    expect(only(events, 'gradient-sum')).toEqual([]);
  });
});
