import { useStore } from 'zustand';
import { notebook } from '../../core/notebook/notebook-store.ts';
import type { NotebookState } from '../../core/notebook/notebook-state.ts';

/** A slice of the app's notebook for a React view; re-renders when the selected value changes. */
export function useNotebook<T>(selector: (state: NotebookState) => T): T {
  return useStore(notebook.store, selector);
}
