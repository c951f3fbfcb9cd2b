/**
 * Replay state: which trace step the graph, editor and inspector show, whether it is playing, and
 * which nodes are selected. The picture itself is derived (a pure function of trace and step).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createActions, type ActionsOf } from './create-actions.ts';
import { notebook } from './notebook-store.ts';

export interface ReplayState {
  /** The event seq shown; null follows the end of the trace (new runs show their final picture). */
  readonly step: number | null;
  readonly isPlaying: boolean;
  /** Playback speed multiplier (1 = one step every STEP_INTERVAL_MS). */
  readonly speed: number;
  /** Graph node ids (`t1`, `n3`) selected by a click on a node or a line of code. */
  readonly selectedNodeIds: readonly string[];
}

export const STEP_INTERVAL_MS = 700;
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4];

export const initialReplayState: ReplayState = { step: null, isPlaying: false, speed: 1, selectedNodeIds: [] };

export const replayHandlers = {
  showStep: (state: ReplayState, payload: { step: number | null }): ReplayState => ({ ...state, step: payload.step }),
  play: (state: ReplayState): ReplayState => ({ ...state, isPlaying: true }),
  pause: (state: ReplayState): ReplayState => (state.isPlaying ? { ...state, isPlaying: false } : state),
  setSpeed: (state: ReplayState, payload: { speed: number }): ReplayState => ({ ...state, speed: payload.speed }),
  select: (state: ReplayState, payload: { nodeIds: readonly string[] }): ReplayState => ({ ...state, selectedNodeIds: payload.nodeIds }),
  /** A new trace (a run, a restart): show its end, stop playing, forget the selection. */
  reset: (state: ReplayState): ReplayState => ({ ...initialReplayState, speed: state.speed }),
};

const store = createStore<ReplayState>()(() => initialReplayState);
export const replay = {
  store,
  actions: createActions<ReplayState, typeof replayHandlers>(replayHandlers, (change) => store.setState(change, true)) as ActionsOf<
    ReplayState,
    typeof replayHandlers
  >,
};

notebook.store.subscribe((state, previous) => {
  if (state.traceEvents !== previous.traceEvents) replay.actions.reset();
});

export function useReplay<T>(selector: (state: ReplayState) => T): T {
  return useStore(replay.store, selector);
}

export const selectStep = (state: ReplayState) => state.step;
export const selectIsPlaying = (state: ReplayState) => state.isPlaying;
export const selectSpeed = (state: ReplayState) => state.speed;
export const selectSelectedNodeIds = (state: ReplayState) => state.selectedNodeIds;
