/** What one cell's editor lights for the stepper: the frame's current line, breakpoints, error lines. */
import { useMemo } from 'react';
import { selectBreakpoints } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import { useReplayFrame } from '../timeline/use-replay-frame.ts';
import { errorMarksOf, type ErrorMark } from '../../core/trace/error-marks.ts';

export interface FrameLines {
  /** The line of the recorded frame being stepped through (its return line on the return sub-step). */
  readonly frameLine?: number;
  readonly isReturn: boolean;
  /** Lines that ran inside a recorded frame: where a breakpoint can go. */
  readonly recordedLines: ReadonlySet<number>;
  readonly breakpointLines: readonly number[];
  readonly errorMarks: readonly ErrorMark[];
}

export function useFrameLines(cellId: string): FrameLines {
  const { trace, step, frameView } = useReplayFrame();
  const breakpoints = useReplay(selectBreakpoints);
  const lines = useMemo(() => trace.recordedLines(cellId), [trace, cellId]);
  const errorMarks = useMemo(() => errorMarksOf(trace, step).filter((mark) => mark.loc?.cell === cellId), [trace, step, cellId]);
  const breakpointLines = useMemo(
    () => breakpoints.filter((key) => key.startsWith(`${cellId}:`)).map((key) => Number(key.slice(cellId.length + 1))),
    [breakpoints, cellId],
  );
  const loc = frameView?.substep.loc;
  return {
    ...(loc?.cell === cellId && { frameLine: loc.line }),
    isReturn: frameView?.substep.kind === 'return',
    recordedLines: lines,
    breakpointLines,
    errorMarks,
  };
}
