/**
 * How the window is shared: the notebook's share of the width beside the graph (the splitter
 * between them moves it) and whether the graph has taken the whole window.
 */
import { createStore } from 'zustand/vanilla';
import { createActions, type ActionsOf } from './create-actions.ts';

export interface PanelLayoutState {
  /** The notebook's width, as a percentage of the window; the graph and its details get the rest. */
  readonly notebookShare: number;
  readonly isGraphMaximised: boolean;
}

export const MIN_NOTEBOOK_SHARE = 20;
export const MAX_NOTEBOOK_SHARE = 75;
/** Less than half: the graph is the wider side by default, so a training iteration is legible at fit. */
export const DEFAULT_NOTEBOOK_SHARE = 38;
/** How far an arrow key moves the splitter. */
export const KEY_STEP = 5;

export const initialPanelLayout: PanelLayoutState = { notebookShare: DEFAULT_NOTEBOOK_SHARE, isGraphMaximised: false };

const clampShare = (share: number): number => Math.min(MAX_NOTEBOOK_SHARE, Math.max(MIN_NOTEBOOK_SHARE, share));

export const panelLayoutHandlers = {
  resize: (state: PanelLayoutState, payload: { notebookShare: number }): PanelLayoutState => ({ ...state, notebookShare: clampShare(payload.notebookShare) }),
  /** The splitter's keys: the graph grows when the notebook shrinks. */
  widenGraph: (state: PanelLayoutState, payload: { by: number }): PanelLayoutState => ({
    ...state,
    notebookShare: clampShare(state.notebookShare - payload.by),
  }),
  toggleMaximised: (state: PanelLayoutState): PanelLayoutState => ({ ...state, isGraphMaximised: !state.isGraphMaximised }),
  restore: (state: PanelLayoutState): PanelLayoutState => ({ ...state, isGraphMaximised: false }),
};

const store = createStore<PanelLayoutState>()(() => initialPanelLayout);
export const panelLayout = {
  store,
  actions: createActions<PanelLayoutState, typeof panelLayoutHandlers>(panelLayoutHandlers, (change) => store.setState(change, true)) as ActionsOf<
    PanelLayoutState,
    typeof panelLayoutHandlers
  >,
};

export const selectNotebookShare = (state: PanelLayoutState) => state.notebookShare;
export const selectIsGraphMaximised = (state: PanelLayoutState) => state.isGraphMaximised;
