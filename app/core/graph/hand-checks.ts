/**
 * Backprop exercises on the graph: `gradscope.check(name, mine, tensor)` records a `hand-gradient`
 * event on the tensor's node (a leaf, or the output of its grad_fn), which the graph colours by
 * the verdict and the inspector opens as heatmaps of the learner's gradient, autograd's and their
 * difference.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { leafNodeId, opNodeId } from './model.ts';

export type HandGradientEvent = Extract<TraceEvent, { kind: 'hand-gradient' }>;

/** The graph node a check is about (undefined for a tensor outside the graph). */
export function handCheckedNodeId(event: HandGradientEvent): string | undefined {
  const { target } = event;
  if (target.kind === 'leaf') return leafNodeId(target.tensorId);
  return target.kind === 'node' ? opNodeId(target.nodeId) : undefined;
}

/** The timeline's words for a check: `check logprobs: wrong (max diff 0.5)`. */
export function handCheckLabel(event: HandGradientEvent): string {
  return event.verdict === 'wrong' ? `check ${event.name}: wrong (max diff ${event.maxDiff.toPrecision(3)})` : `check ${event.name}: ${event.verdict}`;
}
