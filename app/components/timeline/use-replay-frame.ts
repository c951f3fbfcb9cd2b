/** The replay as components see it: the step list, the current step and what it points at. */
import { useMemo } from 'react';
import { selectTraceEvents } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import { selectStep, selectSubstep } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import { replayFrameOf, type ReplayFrame } from '../../core/trace/replay-frame.ts';

export function useReplayFrame(): ReplayFrame {
  const events = useNotebook(selectTraceEvents);
  const step = useReplay(selectStep);
  const substep = useReplay(selectSubstep);
  return useMemo(() => replayFrameOf(events, step, substep), [events, step, substep]);
}
