/**
 * How many passes the run has made up to the current step, once it used forward mode: the
 * forward-vs-reverse lesson in one line (a full gradient of f: Rⁿ → R takes n forward-mode passes,
 * one backward pass).
 */
import { useReplayFrame } from './use-replay-frame.ts';

export function PassCounter() {
  const { trace, step } = useReplayFrame();
  if (trace.passCountsAt(null).forwardMode === 0) return null;
  const { forwardMode, backward } = trace.passCountsAt(step);
  return (
    <p className="timeline__passes" aria-label="Passes so far">
      forward-mode passes: {forwardMode} · backward passes: {backward}
    </p>
  );
}
