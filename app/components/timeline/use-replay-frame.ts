/** The replay as components see it: the step list, the current step and what it points at. */
import { useMemo } from 'react';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { selectTraceEvents } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import { selectStep, selectSubstep } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import type { CustomFrame } from '../../core/trace/frames.ts';
import { enterableFrame, frameAt, type FrameView } from '../../core/trace/stepping.ts';
import { currentIndex } from '../../core/trace/navigation.ts';
import type { TimelineStep } from '../../core/trace/steps.ts';
import { traceIndexOf, type TraceIndex } from '../../core/trace/trace-index.ts';

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

export function useReplayFrame(): ReplayFrame {
  const events = useNotebook(selectTraceEvents);
  const step = useReplay(selectStep);
  const substep = useReplay(selectSubstep);
  return useMemo(() => replayFrameOf(events, step, substep), [events, step, substep]);
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
