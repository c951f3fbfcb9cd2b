/**
 * What `gradscope.check` (engine/python/gradscope/__init__.py) calls to put a backprop exercise's
 * verdict into the trace: the learner's gradient, autograd's, and how they compare, at the line
 * that called it.
 */
import { getRecorder } from '../trace/recorder-hooks.ts';
import type { HandGradientVerdict } from '../trace/schema.ts';
import type { Tensor } from '../tensor.ts';
import { locationOf } from './frame-bridge.ts';

const VERDICTS: readonly HandGradientVerdict[] = ['exact', 'close', 'wrong'];

export function recordHandGradient(
  name: string,
  tensor: Tensor,
  mine: Tensor,
  autograd: Tensor,
  verdict: string,
  maxDiff: number,
  file: string,
  line: number,
): void {
  const recorder = getRecorder();
  if (!recorder) return;
  const known = VERDICTS.find((candidate) => candidate === verdict) ?? 'wrong';
  recorder.handGradient({ name, tensor, mine, autograd, verdict: known, maxDiff, loc: locationOf(file, line) });
}
