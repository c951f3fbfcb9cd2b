/**
 * An op added as one op-table entry reaches the inspector with no app change: the chain-rule panel
 * reads the op's grad_fn, formula and numbers from the trace the engine records (here `hypot`,
 * the issue #13 demo; engine/test/new-op-reach.test.ts follows it to Python, docs and gradcheck).
 */
import { describe, expect, it } from 'vitest';
import { fromArray, recordName } from '../../../../engine/index.ts';
import { only, record } from '../../../../engine/trace/test/record.ts';
import { chainRuleAt } from '../chain-rule.ts';

describe('a new op in the chain-rule panel', () => {
  it('shows hypot’s grad_fn, its formula from the op table and the chain rule’s numbers', () => {
    const events = record(() => {
      const a = fromArray([3], [1], 'float32', true);
      const b = fromArray([4], [1], 'float32', true);
      recordName(a, 'a');
      recordName(b, 'b');
      const h = a.hypot(b);
      recordName(h, 'h');
      h.sum().backward();
    });
    const step = only(events, 'backward-step').find((event) => event.op === 'hypot')!;
    const view = chainRuleAt(events, step.seq);
    expect(view).toMatchObject({
      kind: 'backward-step',
      gradFn: 'HypotBackward0',
      formula: '∂hypot(a, b)/∂a = a/hypot(a, b), ∂hypot(a, b)/∂b = b/hypot(a, b)',
    });
    expect(view?.kind === 'backward-step' && view.terms.map((term) => term.text)).toEqual([
      '∂L/∂a = ∂L/∂h · ∂h/∂a = 1 · 0.6 = 0.6',
      '∂L/∂b = ∂L/∂h · ∂h/∂b = 1 · 0.8 = 0.8',
    ]);
  });
});
