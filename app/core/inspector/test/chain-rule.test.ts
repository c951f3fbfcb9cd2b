import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { SEED_TRACE } from '../../graph/test/fixtures/seed-trace.ts';
import seedRun from '../../trace/test/fixtures/seed-run-trace.json' with { type: 'json' };
import fanOut from '../../trace/test/fixtures/fan-out-broadcast-trace.json' with { type: 'json' };
import { chainRuleAt, compactValues, elementwiseLocalText } from '../chain-rule.ts';

const SEED_RUN = seedRun as unknown as readonly TraceEvent[];
const textAt = (events: readonly TraceEvent[], seq: number) => {
  const view = chainRuleAt(events, seq);
  if (view?.kind === 'backward-step') return view.terms.map((term) => term.text);
  return view ? [view.text] : [];
};

describe('the chain-rule panel on the seed program', () => {
  it('starts the pass with ∂w/∂w = 1', () => {
    expect(textAt(SEED_RUN, 4)).toEqual(['∂w/∂w = 1']);
  });

  it('multiplies the upstream gradient by the local derivative at each step', () => {
    expect(textAt(SEED_RUN, 5)).toEqual(['∂w/∂z = ∂w/∂w · ∂w/∂z = 1 · 0.3333 = 0.3333']);
    expect(textAt(SEED_RUN, 6)).toEqual(['∂w/∂y = ∂w/∂z · ∂z/∂y = 0.3333 · 1 = 0.3333']);
    expect(textAt(SEED_RUN, 7)).toEqual(['∂w/∂x = ∂w/∂y · ∂y/∂x = 0.3333 · 2 = 0.6667']);
  });

  it('names the op and its formula for the input', () => {
    const view = chainRuleAt(SEED_RUN, 7);
    expect(view).toMatchObject({ kind: 'backward-step', gradFn: 'MulBackward0', formula: '∂(a·b)/∂a = b, ∂(a·b)/∂b = a' });
  });

  it('shows the leaf gradient accumulating: before + added = after', () => {
    expect(textAt(SEED_RUN, 8)).toEqual(['x.grad = 0 + 0.6667 = 0.6667']);
  });

  it('has nothing to say about forward steps', () => {
    expect(chainRuleAt(SEED_RUN, 2)).toBeNull();
  });

  it('reads the hand-written seed fixture the same way', () => {
    expect(textAt(SEED_TRACE, 12)).toEqual(['∂w/∂x = ∂w/∂y · ∂y/∂x = 0.3333 · 2 = 0.6667']);
  });

  it('takes the formula from the engine when the trace records it', () => {
    const view = chainRuleAt(SEED_RUN, 7);
    if (view?.kind === 'backward-step') expect(view.terms[0]!.formula).toBe('∂(a·b)/∂a = b');
  });

  it('derives the local factor from the gradients when the trace has no chain-rule numbers (v1)', () => {
    const v1 = SEED_RUN.map((event) => (event.kind === 'backward-step' ? { ...event, edges: [] } : event)) as readonly TraceEvent[];
    expect(textAt(v1, 7)).toEqual(['∂w/∂x = ∂w/∂y · ∂y/∂x = 0.3333 · 2 = 0.6667']);
  });
});

describe('the chain-rule panel at a fan-out and a broadcast', () => {
  const FAN = fanOut as unknown as readonly TraceEvent[];

  it('shows both contributions to `a` in b = a * 2 + 3 * a, and their sum', () => {
    const sum = FAN.find((event) => event.kind === 'gradient-sum')!;
    expect(textAt(FAN, sum.seq)).toEqual(['∂L/∂a = 3 + 2 = 5']);
  });

  it('calls an unnamed root L and says once which expression it is', () => {
    const start = FAN.find((event) => event.kind === 'backward-start')!;
    expect(start.kind === 'backward-start' && textAt(FAN, start.seq)).toEqual(['L = b.sum(), so ∂L/∂L = 1']);
  });

  it('writes an unnamed tensor’s expression in parentheses after ∂: ∂L/∂(c + d), not ∂L/∂c + d', () => {
    const step = FAN.find((event) => event.kind === 'backward-step' && event.pass === 2)!;
    expect(textAt(FAN, step.seq)).toEqual(['∂L/∂(c + d) = ∂L/∂L · ∂L/∂(c + d) = 1 · 1 = 1']);
  });

  it('shows the broadcast gradient summed back to the input shape', () => {
    const step = FAN.find((event) => event.kind === 'backward-step' && event.pass === 2 && event.op === 'add')!;
    const view = chainRuleAt(FAN, step.seq);
    if (view?.kind !== 'backward-step') throw new Error('expected a backward step');
    expect(view.terms[1]!.reductionText).toMatch(/summed over dim 0/);
    expect(view.terms[1]!.text).toMatch(/= 1, summed over dim 0 .* = 2$/);
  });
});

describe('local factors derived from gradients', () => {
  const summary = (values: number[]) => ({ id: 0, shape: [values.length], dtype: 'float32' as const, requiresGrad: false, values });

  it('divides elementwise and broadcasts a scalar upstream gradient', () => {
    expect(elementwiseLocalText(summary([2, 4]), summary([1, 1]))).toBe('[0.5, 0.25]');
    expect(elementwiseLocalText(summary([2]), summary([1, 1]))).toBe('0.5');
  });

  it('gives up where division is undefined or shapes do not line up', () => {
    expect(elementwiseLocalText(summary([0, 1]), summary([1, 1]))).toBeUndefined();
    expect(elementwiseLocalText(summary([1, 2]), summary([1]))).toBeUndefined();
  });

  it('writes a tensor of equal values as one number', () => {
    expect(compactValues(summary([1 / 3, 1 / 3]))).toBe('0.3333');
    expect(compactValues(summary([1, 2]))).toBe('[1, 2]');
  });
});
