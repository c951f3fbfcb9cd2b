/** Step into / over / out of a custom Function's recorded frame, beside the timeline's buttons. */
import { useCommand, withKeyHint, type CommandView } from '../commands/commands-context.ts';
import { useReplayFrame } from './use-replay-frame.ts';
import { frameTitle } from '../../core/trace/frames.ts';
import './frame-controls.css';

/** One frame button: the command's accessible name, a title with its keys, and a 14 px icon path. */
function FrameButton(props: { readonly command: CommandView; readonly title?: string; readonly icon: string; readonly enterable?: boolean }) {
  return (
    <button
      type="button"
      className="icon-button frame-controls__button"
      aria-label={props.command.label}
      title={props.title ?? props.command.title}
      disabled={!props.command.isEnabled}
      {...(props.enterable !== undefined ? { 'data-enterable': props.enterable } : {})}
      onClick={props.command.run}
    >
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
        <path d={props.icon} fill="none" stroke="currentColor" strokeWidth="1.6" />
      </svg>
    </button>
  );
}

export function FrameControls() {
  const { enterable, frameView } = useReplayFrame();
  const isInFrame = frameView !== undefined;
  const target = enterable ? frameTitle(enterable) : undefined;
  const stepInto = useCommand('stepInto');
  const stepOver = useCommand('stepOver');
  const stepOut = useCommand('stepOut');
  return (
    <span className="frame-controls" role="group" aria-label="Frame stepping">
      <FrameButton
        command={stepInto}
        title={target ? withKeyHint(`Step into ${target}`, stepInto.keys) : undefined}
        enterable={enterable !== undefined && !isInFrame}
        icon="M7 1v8M3.5 6 7 9.5 10.5 6M3 12.5h8"
      />
      <FrameButton command={stepOver} icon="M2 8a5 5 0 0 1 10 0M12 4v4H8M3 12.5h8" />
      <FrameButton command={stepOut} icon="M7 10V2M3.5 5 7 1.5 10.5 5M3 12.5h8" />
    </span>
  );
}
