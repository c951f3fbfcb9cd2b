/**
 * Replay state: which trace step the graph, editor and inspector show, whether it is playing, and
 * which nodes are selected. The picture itself is derived (a pure function of trace and step).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createActions, type ActionsOf } from '../notebook/create-actions.ts';
import type { NotebookState } from '../notebook/notebook-state.ts';

export interface ReplayState {
  /** The event seq shown; null follows the end of the trace (new runs show their final picture). */
  readonly step: number | null;
  readonly isPlaying: boolean;
  /** Playback speed multiplier (1 = one step every STEP_INTERVAL_MS). */
  readonly speed: number;
  /** Graph node ids (`t1`, `n3`) selected by a click on a node or a line of code. */
  readonly selectedNodeIds: readonly string[];
  /**
   * Inside a recorded custom-Function frame of the current step: the seq of its line (or return)
   * event shown; null at graph level. The picture is a pure function of (trace, step, substep).
   */
  readonly substep: number | null;
  /** Breakpoints on lines of recorded frames, as `cell:line` (kept across runs, as the code is). */
  readonly breakpoints: readonly string[];
}

export const STEP_INTERVAL_MS = 700;
export const SPEEDS: readonly number[] = [0.5, 1, 2, 4];

export const initialReplayState: ReplayState = { step: null, isPlaying: false, speed: 1, selectedNodeIds: [], substep: null, breakpoints: [] };

export const replayHandlers = {
  /** Moving between graph steps leaves any frame one was stepping through. */
  showStep: (state: ReplayState, payload: { step: number | null }): ReplayState => ({ ...state, step: payload.step, substep: null }),
  /** A graph step and, inside its recorded frame, a line (null: graph level). */
  showPosition: (state: ReplayState, payload: { step: number | null; substep: number | null }): ReplayState => ({
    ...state,
    step: payload.step,
    substep: payload.substep,
  }),
  toggleBreakpoint: (state: ReplayState, payload: { key: string }): ReplayState => ({
    ...state,
    breakpoints: state.breakpoints.includes(payload.key) ? state.breakpoints.filter((key) => key !== payload.key) : [...state.breakpoints, payload.key],
  }),
  play: (state: ReplayState): ReplayState => ({ ...state, isPlaying: true }),
  pause: (state: ReplayState): ReplayState => (state.isPlaying ? { ...state, isPlaying: false } : state),
  setSpeed: (state: ReplayState, payload: { speed: number }): ReplayState => ({ ...state, speed: payload.speed }),
  select: (state: ReplayState, payload: { nodeIds: readonly string[] }): ReplayState => ({ ...state, selectedNodeIds: payload.nodeIds }),
  /** A new trace (a run, a restart): show its end, stop playing, forget the selection. */
  reset: (state: ReplayState): ReplayState => ({ ...initialReplayState, speed: state.speed, breakpoints: state.breakpoints }),
};

const store = createStore<ReplayState>()(() => initialReplayState);
export const replay = {
  store,
  actions: createActions<ReplayState, typeof replayHandlers>(replayHandlers, (change) => store.setState(change, true)) as ActionsOf<
    ReplayState,
    typeof replayHandlers
  >,
};

/**
 * Shows each new trace from its end: called once at start-up by the page that owns both stores.
 * Returns the unsubscribe function.
 */
export function followNotebookTraces(notebookStore: StoreApi<NotebookState>): () => void {
  return notebookStore.subscribe((state, previous) => {
    // A gradcheck run on request extends the trace without making it a new one: the position stays.
    if (state.traceEvents !== previous.traceEvents && !isGradcheckAppended(previous.traceEvents, state.traceEvents)) replay.actions.reset();
  });
}

function isGradcheckAppended(previous: NotebookState['traceEvents'], next: NotebookState['traceEvents']): boolean {
  return next.length === previous.length + 1 && next[next.length - 1]!.kind === 'gradcheck' && (previous.length === 0 || next[0] === previous[0]);
}

export const selectStep = (state: ReplayState) => state.step;
export const selectIsPlaying = (state: ReplayState) => state.isPlaying;
export const selectSpeed = (state: ReplayState) => state.speed;
export const selectSelectedNodeIds = (state: ReplayState) => state.selectedNodeIds;
export const selectSubstep = (state: ReplayState) => state.substep;
export const selectBreakpoints = (state: ReplayState) => state.breakpoints;
