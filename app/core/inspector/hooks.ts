/** Tensor hooks that ran on the gradient a step works with (`register_hook`), in words. */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { formatSummaryValues } from '../graph/format.ts';
import { traceIndexOf, type TraceIndex } from '../trace/trace-index.ts';
import { partialOf, passNamer } from './tensor-expression.ts';

type HookEvent = Extract<TraceEvent, { kind: 'hook' }>;

/**
 * Hooks that ran on the gradient arriving at the step's node (backward-step) or leaf (accumulate):
 * same pass, same target, recorded before the step.
 */
export function hooksOfStep(events: readonly TraceEvent[], seq: number): HookEvent[] {
  return hooksOfStepIn(traceIndexOf(events), seq);
}

export function hooksOfStepIn(index: TraceIndex, seq: number): HookEvent[] {
  const step = index.eventAtSeq(seq)?.event;
  if (!step || (step.kind !== 'backward-step' && step.kind !== 'accumulate')) return [];
  const hooks = step.kind === 'backward-step' ? index.hooksOf(step.pass, 'node', step.nodeId) : index.hooksOf(step.pass, 'leaf', step.tensorId);
  return hooks.filter((hook) => hook.seq < seq);
}

/** `hook print_grad ran on ∂L/∂y: before [1, 1] → after [2, 2]` */
export function describeHook(hook: HookEvent, rootName: string, targetName: string): string {
  const before = formatSummaryValues(hook.before);
  const change = hook.after ? `before ${before} → after ${formatSummaryValues(hook.after)}` : `${before} (unchanged)`;
  return `hook ${hook.name} ran on ${partialOf(rootName)}/${partialOf(targetName)}: ${change}`;
}

/** Hook lines for the chain-rule panel at step `seq`, with tensors named as the code names them. */
export function hookLinesAt(events: readonly TraceEvent[], seq: number, names: ReadonlyMap<number, string>): string[] {
  return hookLinesOf(traceIndexOf(events), seq, names);
}

export function hookLinesOf(index: TraceIndex, seq: number, names: ReadonlyMap<number, string> = index.finalNames): string[] {
  const hooks = hooksOfStepIn(index, seq);
  if (hooks.length === 0) return [];
  const end = index.endOf(seq);
  const rootTensorId = index.backwardStartBefore(end)?.rootTensorId;
  const namer = passNamer({ finalNames: names, opProducing: (id) => index.opProducing(id), opEvent: (id) => index.opEvent(id) }, rootTensorId);
  const nameOf = (tensorId: number | undefined) => (tensorId === undefined ? '?' : namer(tensorId));
  return hooks.map((hook) => {
    const target = hook.target;
    const tensorId = target.kind === 'leaf' ? target.tensorId : target.kind === 'node' ? index.opEventBefore(target.nodeId, end)?.output.id : undefined;
    return describeHook(hook, nameOf(rootTensorId), nameOf(tensorId));
  });
}
