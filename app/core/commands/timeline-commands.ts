/**
 * Stepping through the recorded run: ← and → step, space plays and pauses; ↓ (F11) steps into a
 * custom Function's recorded frame, F10 steps over a line, ↑ (Shift+F11) steps out. Inside a
 * frame, ← and → move by lines (time travel), outside by graph steps. Keys apply while focus is
 * on the page, not in an editor or a form field.
 */
import { notebook } from '../notebook/notebook-store.ts';
import { replay } from '../replay/replay-store.ts';
import { playTick, stepBackFrom, stepInto, stepOut, stepOver, type ReplayPosition } from '../trace/stepping.ts';
import { isAtEnd } from '../trace/navigation.ts';
import { replayFrameOf, stepsOf, type ReplayFrame } from '../trace/replay-frame.ts';
import type { Command } from './registry.ts';

const currentEvents = () => notebook.store.getState().traceEvents;
const currentSteps = () => stepsOf(currentEvents());
const currentPosition = (): ReplayPosition => {
  const { step, substep } = replay.store.getState();
  return { step, substep };
};
const currentFrame = (): ReplayFrame => {
  const { step, substep } = replay.store.getState();
  return replayFrameOf(currentEvents(), step, substep);
};

type Move = (events: ReturnType<typeof currentEvents>, steps: ReturnType<typeof currentSteps>, position: ReplayPosition) => ReplayPosition;

function move(to: Move): void {
  replay.actions.pause();
  replay.actions.showPosition(to(currentEvents(), currentSteps(), currentPosition()));
}

const isInFrame = () => currentFrame().frameView !== undefined;

export const timelineCommands = {
  stepBack: {
    id: 'stepBack',
    label: 'Step back',
    scope: 'timeline',
    keys: ['ArrowLeft'],
    isEnabled: () => {
      const { steps, index, frameView } = currentFrame();
      return steps.length > 0 && (index > 0 || frameView !== undefined);
    },
    run: () => move(stepBackFrom),
  },
  stepForward: {
    id: 'stepForward',
    label: 'Step forward',
    scope: 'timeline',
    keys: ['ArrowRight'],
    isEnabled: () => {
      const { steps, index, frameView } = currentFrame();
      return steps.length > 0 && (index < steps.length - 1 || frameView !== undefined);
    },
    run: () => move(stepOver),
  },
  togglePlay: {
    id: 'togglePlay',
    label: 'Play',
    scope: 'timeline',
    keys: ['Space'],
    isEnabled: () => currentSteps().length > 0,
    run: () => {
      const { isPlaying, step, substep } = replay.store.getState();
      if (isPlaying) return replay.actions.pause();
      const steps = currentSteps();
      if (steps.length === 0) return;
      // Playing from the end starts over, as a video player does.
      if (isAtEnd(steps, step) && substep === null) replay.actions.showStep({ step: steps[0]!.seq });
      replay.actions.play();
    },
  },
  stepInto: {
    id: 'stepInto',
    label: 'Step into',
    scope: 'timeline',
    keys: ['ArrowDown', 'F11'],
    description: 'Step into a custom Function’s backward, line by line',
    isEnabled: () => {
      const frame = currentFrame();
      return frame.frameView !== undefined || frame.enterable !== undefined;
    },
    run: () => move(stepInto),
  },
  stepOver: {
    id: 'stepOver',
    label: 'Step over',
    scope: 'timeline',
    keys: ['F10'],
    description: 'Step over: next line',
    isEnabled: isInFrame,
    run: () => move(stepOver),
  },
  stepOut: {
    id: 'stepOut',
    label: 'Step out',
    scope: 'timeline',
    keys: ['ArrowUp', 'Shift+F11'],
    description: 'Step out to the graph step',
    isEnabled: isInFrame,
    run: () => move((_events, _steps, position) => stepOut(position)),
  },
} satisfies Record<string, Command>;

/** One tick of the playback clock: the next step or line; pauses at a breakpoint or the end. */
export function advancePlayback(): void {
  const { breakpoints } = replay.store.getState();
  const tick = playTick(currentEvents(), currentSteps(), currentPosition(), new Set(breakpoints));
  replay.actions.showPosition(tick.position);
  if (tick.stop) replay.actions.pause();
}
