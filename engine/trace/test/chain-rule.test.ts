import { afterEach, describe, expect, it } from 'vitest';
import { recordName, setRecorder, tensor, type Tensor } from '../../index.ts';
import { summaryText } from '../summary-text.ts';
import type { TensorSummary } from '../schema.ts';
import { only, record } from './record.ts';

const textOf = (summary: TensorSummary | null | undefined): string | undefined => (summary ? summaryText(summary) : undefined);

afterEach(() => setRecorder(null));

describe('chain rule in backward steps', () => {
  it('gives the seed program the numbers of ∂w/∂x = ∂w/∂y · ∂y/∂x = 0.3333 · 2 = 0.6667', () => {
    let x!: Tensor;
    const events = record(() => {
      x = tensor([1, 2, 3], 'float32', true);
      recordName(x, 'x');
      const y = x.mul(2);
      const z = y.add(3);
      z.mean().backward();
    });
    const steps = only(events, 'backward-step');
    expect(steps.map((s) => s.op)).toEqual(['mean', 'add', 'mul']);
    const mul = steps[2];
    expect(mul.formula).toBe('∂(a·b)/∂a = b, ∂(a·b)/∂b = a');
    expect(mul.edges[0]).toMatchObject({
      index: 0,
      input: { kind: 'leaf', tensorId: x.id },
      formula: '∂(a·b)/∂a = b',
      local: { values: [2, 2, 2] },
    });
    expect(textOf(mul.edges[0].product)).toBe('tensor([0.6667, 0.6667, 0.6667])');
    expect(mul.edges[1]).toEqual({ index: 1, input: { kind: 'none' }, grad: null });
  });

  it('gives a mean its local derivative 1/n per element', () => {
    const events = record(() => tensor([1, 2, 3], 'float32', true).mean().backward());
    const [mean] = only(events, 'backward-step');
    expect(textOf(mean.edges[0].local)).toBe('tensor([0.3333, 0.3333, 0.3333])');
    expect(textOf(mean.edges[0].grad)).toBe('tensor([0.3333, 0.3333, 0.3333])');
  });

  it('notes the reduction of a broadcast add, with the shape before it', () => {
    const events = record(() => {
      const a = tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'float32',
        true,
      );
      const b = tensor([10, 20, 30], 'float32', true);
      a.add(b).sum().backward();
    });
    const add = only(events, 'backward-step').find((s) => s.op === 'add')!;
    expect(add.edges[0].reduction).toBeUndefined();
    expect(add.edges[1].reduction).toEqual({
      dims: [0],
      fromShape: [2, 3],
      toShape: [3],
      text: 'summed over dim 0 ([2, 3] → [3])',
    });
    expect(add.edges[1].product?.shape).toEqual([2, 3]);
    expect(add.edges[1].grad?.values).toEqual([2, 2, 2]);
  });

  it('gives upstream · local as the rule computes it, not what a hook sent instead or a cast made of it', () => {
    const events = record(() => {
      const a = tensor([1, 2], 'float32', true);
      const b = tensor([3, 4], 'float64', true);
      const mixed = a.mul(b);
      const c = tensor([5, 6], 'float32', true);
      const hooked = c.mul(tensor([2, 2], 'float32'));
      hooked.gradFn!.postHooks.push((gradInputs) => gradInputs.map((g) => (g ? g.mul(100) : null)));
      mixed.sum().add(hooked.sum()).backward();
    });
    const [hookedStep, mixedStep] = only(events, 'backward-step').filter((s) => s.op === 'mul');
    // What the hook sent (×100) is the edge's grad; the product is the rule's own 1 · 2.
    expect(hookedStep!.edges[0]!.grad?.values).toEqual([200, 200]);
    expect(hookedStep!.edges[0]!.product?.values).toEqual([2, 2]);
    // a is float32 and the product float64: the grad sent to a was cast after the rule.
    expect(mixedStep!.edges[0]!.product).toMatchObject({ dtype: 'float64', values: [3, 4] });
    expect(mixedStep!.edges[0]!.grad).toMatchObject({ dtype: 'float32', values: [3, 4] });
  });

  it('says which transposed product each input of a matmul gets', () => {
    const events = record(() => {
      const a = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        'float32',
        true,
      );
      const b = tensor(
        [
          [1, 0],
          [0, 1],
        ],
        'float32',
        true,
      );
      a.matmul(b).sum().backward();
    });
    const mm = only(events, 'backward-step').find((s) => s.op === 'mm')!;
    expect(mm.edges.map((e) => e.rule)).toEqual(['grad · Bᵀ', 'Aᵀ · grad']);
    expect(mm.edges.map((e) => e.formula)).toEqual(['∂(AB)/∂A = G·Bᵀ', '∂(AB)/∂B = Aᵀ·G']);
    expect(mm.edges[0].local).toBeUndefined();
  });

  it('leaves gradients unchanged by the panel numbers, also under create_graph', () => {
    let x!: Tensor;
    record(() => {
      x = tensor([1, 2], 'float32', true);
      x.mul(x).sum().backward(undefined, true);
    });
    expect(x.grad?.toArray()).toEqual([2, 4]);
  });
});
