/**
 * Moving through recorded frames: step into, over, out, back, and Play with breakpoints. Pure
 * functions of (trace, step list, position); the replay store holds the position.
 */
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import { currentIndex, isAtEnd, stepBy } from './navigation.ts';
import type { TimelineStep } from './steps.ts';
import { breakpointKey, customFrames, substepIndex, type CustomFrame, type SubStep } from './frames.ts';

/** Where the replay stands: a graph step (null = end of trace) and, inside its frame, a sub-step seq. */
export interface ReplayPosition {
  readonly step: number | null;
  readonly substep: number | null;
}

/** The step the position shows (the last one for `step: null`). */
export function currentStep(steps: readonly TimelineStep[], step: number | null): TimelineStep | undefined {
  return steps[currentIndex(steps, step)];
}

/** The recorded frame a step can be entered into, when it has one with at least one sub-step. */
export function enterableFrame(events: readonly TraceEvent[], step: TimelineStep | undefined): CustomFrame | undefined {
  if (step?.customCallId === undefined) return undefined;
  const frame = customFrames(events).get(step.customCallId);
  return frame && frame.substeps.length > 0 ? frame : undefined;
}

export interface FrameView {
  readonly frame: CustomFrame;
  readonly index: number;
  readonly substep: SubStep;
  /** The sub-step before (for marking what changed), absent on the first. */
  readonly previous?: SubStep;
}

/** The frame and sub-step the position is inside, or undefined at graph level. */
export function frameAt(events: readonly TraceEvent[], steps: readonly TimelineStep[], position: ReplayPosition): FrameView | undefined {
  if (position.substep === null) return undefined;
  const frame = enterableFrame(events, currentStep(steps, position.step));
  if (!frame) return undefined;
  const index = substepIndex(frame, position.substep);
  if (index < 0) return undefined;
  const previous = frame.substeps[index - 1];
  return { frame, index, substep: frame.substeps[index]!, ...(previous && { previous }) };
}

const at = (step: number | null, substep: number | null): ReplayPosition => ({ step, substep });

/** Enters the current step's frame at its first line; inside a frame, the same as step over. */
export function stepInto(events: readonly TraceEvent[], steps: readonly TimelineStep[], position: ReplayPosition): ReplayPosition {
  if (frameAt(events, steps, position)) return stepOver(events, steps, position);
  const step = currentStep(steps, position.step);
  const frame = enterableFrame(events, step);
  return frame && step ? at(step.seq, frame.substeps[0]!.seq) : position;
}

/** The next line of the frame (after its return: back to the graph step); at graph level, the next step. */
export function stepOver(events: readonly TraceEvent[], steps: readonly TimelineStep[], position: ReplayPosition): ReplayPosition {
  const view = frameAt(events, steps, position);
  if (!view) return at(stepBy(steps, position.step, 1), null);
  const next = view.frame.substeps[view.index + 1];
  return at(position.step, next ? next.seq : null);
}

/** Leaves the frame for its graph step. */
export function stepOut(position: ReplayPosition): ReplayPosition {
  return at(position.step, null);
}

/** Time travel: the previous line (from the first, the graph step); at graph level, the previous step. */
export function stepBackFrom(events: readonly TraceEvent[], steps: readonly TimelineStep[], position: ReplayPosition): ReplayPosition {
  const view = frameAt(events, steps, position);
  if (!view) return at(stepBy(steps, position.step, -1), null);
  return at(position.step, view.previous ? view.previous.seq : null);
}

export interface PlayTick {
  readonly position: ReplayPosition;
  /** Play pauses here: a breakpoint was reached or the trace ended. */
  readonly stop: boolean;
}

const isOnBreakpoint = (substep: SubStep, breakpoints: ReadonlySet<string>) => substep.kind === 'line' && breakpoints.has(breakpointKey(substep.loc));

/**
 * One tick of Play. Inside a frame it walks the lines; at graph level it moves one step, entering
 * that step's frame when one of its lines holds a breakpoint (and stopping there).
 */
export function playTick(events: readonly TraceEvent[], steps: readonly TimelineStep[], position: ReplayPosition, breakpoints: ReadonlySet<string>): PlayTick {
  const view = frameAt(events, steps, position);
  if (view) {
    const next = view.frame.substeps[view.index + 1];
    if (!next) return { position: at(position.step, null), stop: false };
    return { position: at(position.step, next.seq), stop: isOnBreakpoint(next, breakpoints) };
  }
  if (isAtEnd(steps, position.step)) return { position, stop: true };
  const nextSeq = stepBy(steps, position.step, 1);
  const frame = enterableFrame(events, currentStep(steps, nextSeq));
  const hit = breakpoints.size > 0 ? frame?.substeps.find((substep) => isOnBreakpoint(substep, breakpoints)) : undefined;
  if (hit) return { position: at(nextSeq, hit.seq), stop: true };
  return { position: at(nextSeq, null), stop: isAtEnd(steps, nextSeq) };
}
