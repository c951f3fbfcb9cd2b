/**
 * The timeline: one strip of steps (forward ops, then each backward pass) with play/pause, step,
 * scrub and speed. Owns the keyboard shortcuts and the playback clock; the picture is derived.
 */
import { useEffect, useMemo } from 'react';
import { replay, selectIsPlaying, selectSpeed, SPEEDS, STEP_INTERVAL_MS } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import { stepSections, type StepPhase } from '../../core/trace/steps.ts';
import { advancePlayback } from '../../core/commands/timeline-commands.ts';
import { useCommand, withKeyHint } from '../commands/commands-context.ts';
import { useReplayFrame } from './use-replay-frame.ts';
import { FrameControls } from './FrameControls.tsx';
import { frameTitle } from '../../core/trace/frames.ts';
import { omittedStepsTextOf } from '../../core/trace/omitted-steps.ts';
import { PassCounter } from './PassCounter.tsx';

function usePlaybackClock(): void {
  const isPlaying = useReplay(selectIsPlaying);
  const speed = useReplay(selectSpeed);
  useEffect(() => {
    if (!isPlaying) return;
    const timer = window.setInterval(advancePlayback, STEP_INTERVAL_MS / speed);
    return () => window.clearInterval(timer);
  }, [isPlaying, speed]);
}

/** What the strip calls a section of each phase (backward sections are named with their pass). */
const SECTION_NAMES: Partial<Record<StepPhase, string>> = { forward: 'forward', tangent: 'forward mode', check: 'checks' };

export function Timeline() {
  usePlaybackClock();
  const { events, steps, index, current, frameView } = useReplayFrame();
  const stepBack = useCommand('stepBack');
  const togglePlay = useCommand('togglePlay');
  const stepForward = useCommand('stepForward');
  const omittedText = omittedStepsTextOf(events);
  const isPlaying = useReplay(selectIsPlaying);
  const speed = useReplay(selectSpeed);
  const isEmpty = steps.length === 0;
  const playLabel = isPlaying ? 'Pause' : togglePlay.label;
  // Once per trace, not per step: a long trace has thousands of steps.
  const sections = useMemo(() => stepSections(steps), [steps]);
  const lineText = frameView
    ? ` · in ${frameTitle(frameView.frame)} · ${frameView.substep.kind === 'return' ? 'return' : 'line'} ${frameView.substep.loc.line}`
    : current?.loc
      ? ` · line ${current.loc.line}`
      : '';
  const statusText = current ? `${index + 1}/${steps.length} · ${current.label}${lineText}` : 'Run a cell to record steps';

  return (
    <section className="timeline" aria-label="Timeline controls">
      <div className="timeline__buttons">
        <button type="button" className="icon-button" aria-label={stepBack.label} title={stepBack.title} disabled={!stepBack.isEnabled} onClick={stepBack.run}>
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M3 2v10M12 2 5 7l7 5z" fill="currentColor" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
        <button
          type="button"
          className="icon-button timeline__play"
          aria-label={playLabel}
          title={withKeyHint(playLabel, togglePlay.keys)}
          disabled={!togglePlay.isEnabled}
          onClick={togglePlay.run}
        >
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d={isPlaying ? 'M3 2h3v10H3zM8 2h3v10H8z' : 'M3 2l9 5-9 5z'} fill="currentColor" />
          </svg>
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={stepForward.label}
          title={stepForward.title}
          disabled={!stepForward.isEnabled}
          onClick={stepForward.run}
        >
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
            <path d="M11 2v10M2 2l7 5-7 5z" fill="currentColor" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
        <FrameControls />
      </div>
      <div className="timeline__track">
        <div className="timeline__strip" aria-hidden="true">
          {sections.map((section) => {
            const isCurrent = index >= section.firstIndex && index < section.firstIndex + section.count;
            return (
              <div
                key={section.firstIndex}
                className="timeline__section"
                data-phase={section.phase}
                data-current={isCurrent}
                style={{ flexGrow: section.count }}
                onClick={() => {
                  replay.actions.pause();
                  replay.actions.showStep({ step: steps[section.firstIndex]!.seq });
                }}
              >
                {SECTION_NAMES[section.phase] ?? `backward ${section.pass ?? ''}`}
              </div>
            );
          })}
          {steps.length > 1 &&
            steps.map((step, stepIndex) =>
              step.customCallId !== undefined || step.isError ? (
                <span
                  key={step.seq}
                  className="timeline__mark"
                  data-kind={step.isError ? 'error' : 'enterable'}
                  style={{ left: `${(stepIndex / (steps.length - 1)) * 100}%` }}
                />
              ) : null,
            )}
        </div>
        <input
          type="range"
          className="timeline__range"
          aria-label="Timeline"
          aria-valuetext={current ? `Step ${index + 1} of ${steps.length}: ${current.label}` : 'No steps'}
          min={0}
          max={Math.max(0, steps.length - 1)}
          value={Math.max(0, index)}
          disabled={isEmpty}
          onChange={(event) => {
            replay.actions.pause();
            replay.actions.showStep({ step: steps[Number(event.target.value)]?.seq ?? null });
          }}
        />
      </div>
      <PassCounter />
      <output className="timeline__status" aria-label="Current step" title={statusText}>
        {statusText}
      </output>
      {omittedText !== undefined && (
        <p className="timeline__omitted" role="note" aria-label="Steps not recorded">
          {omittedText}
        </p>
      )}
      <label className="timeline__speed">
        <span>Speed</span>
        <select aria-label="Speed" value={speed} onChange={(event) => replay.actions.setSpeed({ speed: Number(event.target.value) })}>
          {SPEEDS.map((value) => (
            <option key={value} value={value}>
              {value}×
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
