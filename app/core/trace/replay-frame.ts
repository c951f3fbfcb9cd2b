/** The replay at a position as the panels read it: a pure function of (trace, step, substep). */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import type { CustomFrame } from './frames.ts';
import { enterableFrame, frameAt, type FrameView } from './stepping.ts';
import { currentIndex } from './navigation.ts';
import type { TimelineStep } from './steps.ts';
import { traceIndexOf, type TraceIndex } from './trace-index.ts';

/** Steps of a trace, from its replay index (extended, not rebuilt, when a run appends events). */
export function stepsOf(events: readonly TraceEvent[]): readonly TimelineStep[] {
  return traceIndexOf(events).steps();
}

export interface ReplayFrame {
  readonly events: readonly TraceEvent[];
  /** The trace's replay index: the graph at a step, marks, lookups. */
  readonly trace: TraceIndex;
  readonly steps: readonly TimelineStep[];
  /** The requested step (null = end of trace). */
  readonly step: number | null;
  readonly index: number;
  readonly current?: TimelineStep;
  /** The recorded custom-Function frame the current step can be entered into. */
  readonly enterable?: CustomFrame;
  /** Inside that frame: the line (or return) shown. */
  readonly frameView?: FrameView;
}

/** What the panels read at a position: a pure function of (trace, step, substep), from the trace's index. */
export function replayFrameOf(events: readonly TraceEvent[], step: number | null, substep: number | null): ReplayFrame {
  const trace = traceIndexOf(events);
  const steps = trace.steps();
  const index = currentIndex(steps, step);
  const current = steps[index];
  const enterable = enterableFrame(events, current);
  const frameView = frameAt(events, steps, { step, substep });
  return {
    events,
    trace,
    steps,
    step,
    index,
    ...(current && { current }),
    ...(enterable && { enterable }),
    ...(frameView && { frameView }),
  };
}
