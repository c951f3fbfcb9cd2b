/** Step into / over / out of a custom Function's recorded frame, beside the timeline's buttons. */
import { timelineCommands } from '../timeline/timeline-commands.ts';
import { useReplayFrame } from '../timeline/use-replay-frame.ts';
import { frameTitle } from './frames.ts';
import './stepper.css';

export function FrameControls() {
  const { enterable, frameView } = useReplayFrame();
  const isInFrame = frameView !== undefined;
  const target = enterable ? frameTitle(enterable) : undefined;
  return (
    <span className="frame-controls" role="group" aria-label="Frame stepping">
      <button
        type="button"
        className="icon-button frame-controls__button"
        aria-label={timelineCommands.stepInto.label}
        title={target ? `Step into ${target} (↓ or F11)` : 'Step into (↓ or F11): a custom Function’s step'}
        disabled={!enterable}
        data-enterable={enterable !== undefined && !isInFrame}
        onClick={timelineCommands.stepInto.perform}
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M7 1v8M3.5 6 7 9.5 10.5 6M3 12.5h8" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
      </button>
      <button
        type="button"
        className="icon-button frame-controls__button"
        aria-label={timelineCommands.stepOver.label}
        title="Step over: next line (F10)"
        disabled={!isInFrame}
        onClick={timelineCommands.stepOver.perform}
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M2 8a5 5 0 0 1 10 0M12 4v4H8M3 12.5h8" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
      </button>
      <button
        type="button"
        className="icon-button frame-controls__button"
        aria-label={timelineCommands.stepOut.label}
        title="Step out to the graph step (↑ or Shift+F11)"
        disabled={!isInFrame}
        onClick={timelineCommands.stepOut.perform}
      >
        <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"><path d="M7 10V2M3.5 5 7 1.5 10.5 5M3 12.5h8" fill="none" stroke="currentColor" strokeWidth="1.6" /></svg>
      </button>
    </span>
  );
}
