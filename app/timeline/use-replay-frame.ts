/** The replay as components see it: the step list, the current step and what it points at. */
import { useMemo } from 'react';
import type { TraceEvent } from '../../engine/trace/schema.ts';
import { selectTraceEvents, useNotebook } from '../store/notebook-store.ts';
import { selectStep, useReplay } from '../store/replay-store.ts';
import { currentIndex } from './navigation.ts';
import { buildSteps, type TimelineStep } from './steps.ts';

const stepCache = new WeakMap<readonly TraceEvent[], TimelineStep[]>();

/** Steps of a trace, computed once per trace array (the store replaces the array on change). */
export function stepsOf(events: readonly TraceEvent[]): TimelineStep[] {
  let steps = stepCache.get(events);
  if (!steps) {
    steps = buildSteps(events);
    stepCache.set(events, steps);
  }
  return steps;
}

export interface ReplayFrame {
  readonly events: readonly TraceEvent[];
  readonly steps: readonly TimelineStep[];
  /** The requested step (null = end of trace). */
  readonly step: number | null;
  readonly index: number;
  readonly current?: TimelineStep;
}

export function useReplayFrame(): ReplayFrame {
  const events = useNotebook(selectTraceEvents);
  const step = useReplay(selectStep);
  return useMemo(() => {
    const steps = stepsOf(events);
    const index = currentIndex(steps, step);
    const current = steps[index];
    return { events, steps, step, index, ...(current && { current }) };
  }, [events, step]);
}
