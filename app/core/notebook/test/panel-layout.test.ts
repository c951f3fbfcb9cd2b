import { describe, expect, it } from 'vitest';
import { initialPanelLayout, MAX_NOTEBOOK_SHARE, MIN_NOTEBOOK_SHARE, panelLayoutHandlers } from '../panel-layout-store.ts';

describe('sharing the window between notebook and graph', () => {
  it('gives the graph more room with each ← and never squeezes either side past its limit', () => {
    const wider = panelLayoutHandlers.widenGraph(initialPanelLayout, { by: 5 });
    expect(wider.notebookShare).toBe(initialPanelLayout.notebookShare - 5);
    expect(panelLayoutHandlers.resize(wider, { notebookShare: 2 }).notebookShare).toBe(MIN_NOTEBOOK_SHARE);
    expect(panelLayoutHandlers.resize(wider, { notebookShare: 99 }).notebookShare).toBe(MAX_NOTEBOOK_SHARE);
  });

  it('maximises the graph and restores it (Esc), keeping the chosen split', () => {
    const resized = panelLayoutHandlers.resize(initialPanelLayout, { notebookShare: 30 });
    const maximised = panelLayoutHandlers.toggleMaximised(resized);
    expect(maximised).toEqual({ notebookShare: 30, isGraphMaximised: true });
    expect(panelLayoutHandlers.restore(maximised)).toEqual(resized);
  });
});
