/** Moving through the step list: pure functions of (steps, current step). */
import { stepIndexAt, type TimelineStep } from './steps.ts';

/** The index shown for `step` (null = the end of the trace). */
export function currentIndex(steps: readonly TimelineStep[], step: number | null): number {
  if (steps.length === 0) return -1;
  return step === null ? steps.length - 1 : Math.max(0, stepIndexAt(steps, step));
}

/** The seq one step away (`delta` = ±1), clamped to the list; null when there are no steps. */
export function stepBy(steps: readonly TimelineStep[], step: number | null, delta: number): number | null {
  if (steps.length === 0) return null;
  const index = Math.min(steps.length - 1, Math.max(0, currentIndex(steps, step) + delta));
  return steps[index]!.seq;
}

export function isAtEnd(steps: readonly TimelineStep[], step: number | null): boolean {
  return currentIndex(steps, step) >= steps.length - 1;
}
