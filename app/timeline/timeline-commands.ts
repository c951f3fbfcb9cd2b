/**
 * Timeline commands, registered once for buttons and keys (excalidraw's action objects):
 * ← and → step, space plays and pauses, whenever focus is not in an editor or a form field.
 */
import { notebook } from '../store/notebook-store.ts';
import { replay } from '../store/replay-store.ts';
import { isAtEnd, stepBy } from './navigation.ts';
import { stepsOf } from './use-replay-frame.ts';

export interface TimelineCommand {
  readonly name: string;
  readonly label: string;
  readonly key: string;
  perform(): void;
}

const currentSteps = () => stepsOf(notebook.store.getState().traceEvents);

function moveBy(delta: number): void {
  replay.actions.pause();
  replay.actions.showStep({ step: stepBy(currentSteps(), replay.store.getState().step, delta) });
}

export const timelineCommands = {
  stepBack: { name: 'stepBack', label: 'Step back', key: 'ArrowLeft', perform: () => moveBy(-1) },
  stepForward: { name: 'stepForward', label: 'Step forward', key: 'ArrowRight', perform: () => moveBy(1) },
  togglePlay: {
    name: 'togglePlay',
    label: 'Play',
    key: ' ',
    perform: () => {
      const { isPlaying, step } = replay.store.getState();
      if (isPlaying) return replay.actions.pause();
      const steps = currentSteps();
      if (steps.length === 0) return;
      // Playing from the end starts over, as a video player does.
      if (isAtEnd(steps, step)) replay.actions.showStep({ step: steps[0]!.seq });
      replay.actions.play();
    },
  },
} satisfies Record<string, TimelineCommand>;

const FORM_FIELDS = 'input, textarea, select, [contenteditable="true"], .monaco-editor';

/** Whether a key press belongs to the timeline (not typed into an editor or a form field). */
export function timelineCommandFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>): TimelineCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return undefined;
  const target = event.target as { closest?: (selector: string) => unknown } | null;
  if (target && typeof target.closest === 'function') {
    if (target.closest(FORM_FIELDS)) return undefined;
    // Space on a focused button already clicks it.
    if (event.key === ' ' && target.closest('button')) return undefined;
  }
  return Object.values(timelineCommands).find((command) => command.key === event.key);
}
