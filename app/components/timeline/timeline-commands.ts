/**
 * Timeline commands, registered once for buttons and keys (excalidraw's action objects):
 * ← and → step, space plays and pauses; ↓ (F11) steps into a custom Function's recorded frame,
 * F10 steps over a line, ↑ (Shift+F11) steps out; whenever focus is not in an editor or a form field.
 * Inside a frame, ← and → move by lines (time travel), outside by graph steps.
 */
import { notebook } from '../../core/notebook/notebook-store.ts';
import { replay } from '../../core/replay/replay-store.ts';
import {
  currentStep,
  enterableFrame,
  frameAt,
  playTick,
  stepBackFrom,
  stepInto,
  stepOut,
  stepOver,
  type ReplayPosition,
} from '../../core/trace/stepping.ts';
import { isAtEnd } from '../../core/trace/navigation.ts';
import { stepsOf } from './use-replay-frame.ts';

export interface TimelineCommand {
  readonly name: string;
  readonly label: string;
  readonly key: string;
  /** Other keys that do the same (F-keys as in debuggers); `Shift+` prefix for shifted ones. */
  readonly altKeys?: readonly string[];
  /** False when the command would do nothing now; its key then keeps its usual meaning (↑/↓ scroll). */
  canPerform?(): boolean;
  perform(): void;
}

const currentSteps = () => stepsOf(notebook.store.getState().traceEvents);
const currentEvents = () => notebook.store.getState().traceEvents;
const currentPosition = (): ReplayPosition => {
  const { step, substep } = replay.store.getState();
  return { step, substep };
};

type Move = (events: ReturnType<typeof currentEvents>, steps: ReturnType<typeof currentSteps>, position: ReplayPosition) => ReplayPosition;

const isInFrame = () => frameAt(currentEvents(), currentSteps(), currentPosition()) !== undefined;

function move(to: Move): void {
  replay.actions.pause();
  replay.actions.showPosition(to(currentEvents(), currentSteps(), currentPosition()));
}

export const timelineCommands = {
  stepBack: { name: 'stepBack', label: 'Step back', key: 'ArrowLeft', perform: () => move(stepBackFrom) },
  stepForward: { name: 'stepForward', label: 'Step forward', key: 'ArrowRight', perform: () => move(stepOver) },
  stepInto: {
    name: 'stepInto',
    label: 'Step into',
    key: 'ArrowDown',
    altKeys: ['F11'],
    canPerform: () => isInFrame() || enterableFrame(currentEvents(), currentStep(currentSteps(), replay.store.getState().step)) !== undefined,
    perform: () => move(stepInto),
  },
  stepOver: { name: 'stepOver', label: 'Step over', key: 'F10', canPerform: () => isInFrame(), perform: () => move(stepOver) },
  stepOut: {
    name: 'stepOut',
    label: 'Step out',
    key: 'ArrowUp',
    altKeys: ['Shift+F11'],
    canPerform: () => isInFrame(),
    perform: () => move((_events, _steps, position) => stepOut(position)),
  },
  togglePlay: {
    name: 'togglePlay',
    label: 'Play',
    key: ' ',
    perform: () => {
      const { isPlaying, step, substep } = replay.store.getState();
      if (isPlaying) return replay.actions.pause();
      const steps = currentSteps();
      if (steps.length === 0) return;
      // Playing from the end starts over, as a video player does.
      if (isAtEnd(steps, step) && substep === null) replay.actions.showStep({ step: steps[0]!.seq });
      replay.actions.play();
    },
  },
} satisfies Record<string, TimelineCommand>;

/** One tick of the playback clock: the next step or line; pauses at a breakpoint or the end. */
export function advancePlayback(): void {
  const { breakpoints } = replay.store.getState();
  const tick = playTick(currentEvents(), currentSteps(), currentPosition(), new Set(breakpoints));
  replay.actions.showPosition(tick.position);
  if (tick.stop) replay.actions.pause();
}

const FORM_FIELDS = 'input, textarea, select, [contenteditable="true"], .monaco-editor';

const keyName = (event: Pick<KeyboardEvent, 'key' | 'shiftKey'>) => (event.shiftKey ? `Shift+${event.key}` : event.key);

/** Whether a key press belongs to the timeline (not typed into an editor or a form field). */
export function timelineCommandFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>): TimelineCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  const target = event.target as { closest?: (selector: string) => unknown } | null;
  if (target && typeof target.closest === 'function') {
    if (target.closest(FORM_FIELDS)) return undefined;
    // Space on a focused button already clicks it.
    if (event.key === ' ' && target.closest('button')) return undefined;
  }
  const name = keyName(event);
  const command: TimelineCommand | undefined = Object.values(timelineCommands).find(
    (candidate: TimelineCommand) => candidate.key === name || (candidate.altKeys ?? []).includes(name),
  );
  return command && (command.canPerform?.() ?? true) ? command : undefined;
}
