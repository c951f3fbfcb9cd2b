import { describe, expect, it } from 'vitest';
import { hookTrace } from '../../trace/test/fixtures/custom-traces.ts';
import { finalNames } from '../chain-rule.ts';
import { hookLinesAt, hooksOfStep } from '../hooks.ts';

const events = hookTrace();
const stepOf = (nodeId: number) => events.find((event) => event.kind === 'backward-step' && event.nodeId === nodeId)!.seq;

describe('hooks in the chain-rule panel', () => {
  it('belong to the backward step of the tensor they were registered on', () => {
    expect(hooksOfStep(events, stepOf(1)).map((hook) => hook.name)).toEqual(['print_grad']);
    expect(hooksOfStep(events, stepOf(2))).toEqual([]);
  });

  it('say which gradient the hook saw and what it returned', () => {
    expect(hookLinesAt(events, stepOf(1), finalNames(events))).toEqual(['hook print_grad ran on ∂L/∂y: before [1, 1] → after [2, 2]']);
  });
});
