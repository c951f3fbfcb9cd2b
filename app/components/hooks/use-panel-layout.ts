import { useStore } from 'zustand';
import { panelLayout, type PanelLayoutState } from '../../core/notebook/panel-layout-store.ts';

/** The React view of the panel layout store (how the window is shared between notebook and graph). */
export function usePanelLayout<T>(selector: (state: PanelLayoutState) => T): T {
  return useStore(panelLayout.store, selector);
}
