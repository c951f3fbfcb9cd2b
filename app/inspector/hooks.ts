/** Tensor hooks that ran on the gradient a step works with (`register_hook`), in words. */
import type { TraceEvent } from '../../engine/trace/schema.ts';
import { formatSummaryValues } from '../graph/format.ts';

type HookEvent = Extract<TraceEvent, { kind: 'hook' }>;

/**
 * Hooks that ran on the gradient arriving at the step's node (backward-step) or leaf (accumulate):
 * same pass, same target, recorded before the step.
 */
export function hooksOfStep(events: readonly TraceEvent[], seq: number): HookEvent[] {
  const step = events.find((event) => event.seq === seq);
  if (!step || (step.kind !== 'backward-step' && step.kind !== 'accumulate')) return [];
  return events.filter(
    (event): event is HookEvent =>
      event.kind === 'hook' &&
      event.seq < seq &&
      event.pass === step.pass &&
      (step.kind === 'backward-step'
        ? event.target.kind === 'node' && event.target.nodeId === step.nodeId
        : event.target.kind === 'leaf' && event.target.tensorId === step.tensorId),
  );
}

/** `hook print_grad ran on ∂L/∂y: before [1, 1] → after [2, 2]` */
export function describeHook(hook: HookEvent, rootName: string, targetName: string): string {
  const before = formatSummaryValues(hook.before);
  const change = hook.after ? `before ${before} → after ${formatSummaryValues(hook.after)}` : `${before} (unchanged)`;
  return `hook ${hook.name} ran on ∂${rootName}/∂${targetName}: ${change}`;
}

/** Hook lines for the chain-rule panel at step `seq`, with tensors named as the code names them. */
export function hookLinesAt(events: readonly TraceEvent[], seq: number, names: ReadonlyMap<number, string>): string[] {
  const hooks = hooksOfStep(events, seq);
  if (hooks.length === 0) return [];
  const outputOfNode = new Map<number, number>();
  let rootTensorId: number | undefined;
  for (const event of events) {
    if (event.seq > seq) break;
    if (event.kind === 'op') outputOfNode.set(event.nodeId, event.output.id);
    if (event.kind === 'backward-start') rootTensorId = event.rootTensorId;
  }
  const nameOf = (tensorId: number | undefined) => (tensorId === undefined ? '?' : (names.get(tensorId) ?? `t${tensorId}`));
  return hooks.map((hook) => {
    const target = hook.target;
    const tensorId = target.kind === 'leaf' ? target.tensorId : target.kind === 'node' ? outputOfNode.get(target.nodeId) : undefined;
    return describeHook(hook, nameOf(rootTensorId), nameOf(tensorId));
  });
}
