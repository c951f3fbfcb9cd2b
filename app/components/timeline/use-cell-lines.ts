/** The lines of one cell the replay lights: the current step's line and the selected node's line. */
import { useMemo } from 'react';
import { selectSelectedNodeIds } from '../../core/replay/replay-store.ts';
import { useReplay } from '../hooks/use-replay.ts';
import { lineOfNodeIn } from '../../core/trace/selection.ts';
import { useReplayFrame } from './use-replay-frame.ts';

export interface CellLines {
  readonly stepLine?: number;
  readonly selectedLine?: number;
}

export function useCellLines(cellId: string): CellLines {
  const { trace, current, frameView } = useReplayFrame();
  const selectedNodeIds = useReplay(selectSelectedNodeIds);
  return useMemo(() => {
    // Inside a recorded frame the frame's own line is lit instead (see use-frame-lines.ts).
    const stepLoc = frameView ? undefined : current?.loc;
    const first = selectedNodeIds[0];
    const selectedLoc = first === undefined ? undefined : lineOfNodeIn(trace, first);
    return {
      ...(stepLoc?.cell === cellId && { stepLine: stepLoc.line }),
      ...(selectedLoc?.cell === cellId && { selectedLine: selectedLoc.line }),
    };
  }, [trace, current, frameView, selectedNodeIds, cellId]);
}
