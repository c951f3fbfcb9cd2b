import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notebook } from '../../notebook/notebook-store.ts';
import { followNotebookTraces, replay } from '../../replay/replay-store.ts';
import { MYRELU_CODE, myReluTrace } from '../../trace/test/fixtures/custom-traces.ts';
import { stepsOf } from '../../trace/replay-frame.ts';
import { createCommandRegistry } from '../registry.ts';
import { advancePlayback, timelineCommands } from '../timeline-commands.ts';

const registry = createCommandRegistry(Object.values(timelineCommands));
const key = (name: string, shiftKey = false) => ({ key: name, shiftKey, ctrlKey: false, metaKey: false, altKey: false });
const timelineCommandFor = (press: ReturnType<typeof key>) => registry.commandForKey(press, 'page', 'other');
const events = myReluTrace();
const backwardSeq = () => stepsOf(notebook.store.getState().traceEvents).find((step) => step.label === 'backward of MyReLUBackward')!.seq;

describe('stepper keys and playback', () => {
  // Wired as the page wires them at start-up.
  let unfollow: () => void;
  beforeAll(() => {
    unfollow = followNotebookTraces(notebook.store);
  });
  afterAll(() => unfollow());
  beforeEach(() => {
    notebook.actions.openSnapshot({ cells: [{ id: 'cell-1', source: MYRELU_CODE }], events });
    replay.actions.showStep({ step: 0 });
  });

  it('leave ↓ and ↑ to the page on a step with no recorded frame', () => {
    expect(timelineCommandFor(key('ArrowDown'))).toBeUndefined();
    expect(timelineCommandFor(key('ArrowUp'))).toBeUndefined();
  });

  it('enter a custom backward with ↓ or F11, and leave it with ↑ or Shift+F11', () => {
    replay.actions.showStep({ step: backwardSeq() });
    expect(timelineCommandFor(key('ArrowDown'))?.id).toBe('stepInto');
    expect(timelineCommandFor(key('F11'))?.id).toBe('stepInto');
    timelineCommands.stepInto.run();
    expect(replay.store.getState().substep).not.toBeNull();
    expect(timelineCommandFor(key('F11', true))?.id).toBe('stepOut');
    timelineCommandFor(key('ArrowUp'))!.run({});
    expect(replay.store.getState()).toMatchObject({ step: backwardSeq(), substep: null });
  });

  it('Play pauses at a breakpoint inside the backward', () => {
    replay.actions.toggleBreakpoint({ key: 'cell-1:14' });
    replay.actions.play();
    for (let tick = 0; tick < 50 && replay.store.getState().isPlaying; tick++) advancePlayback();
    const { step, substep, isPlaying } = replay.store.getState();
    expect(isPlaying).toBe(false);
    expect(step).toBe(backwardSeq());
    expect(events.find((event) => event.seq === substep)).toMatchObject({ kind: 'custom-line', loc: { line: 14 } });
    replay.actions.toggleBreakpoint({ key: 'cell-1:14' });
  });

  it('a new trace keeps the breakpoints but leaves the frame', () => {
    replay.actions.toggleBreakpoint({ key: 'cell-1:14' });
    replay.actions.showPosition({ step: backwardSeq(), substep: events.find((event) => event.kind === 'custom-line' && event.callId === 2)!.seq });
    notebook.actions.openSnapshot({ cells: [{ id: 'cell-1', source: MYRELU_CODE }], events: myReluTrace() });
    expect(replay.store.getState()).toMatchObject({ substep: null, breakpoints: ['cell-1:14'] });
  });
});
