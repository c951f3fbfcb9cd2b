import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createLibraryStore, type LibraryState } from '../../core/library/library-state.ts';
import type { NotebookLibrary } from '../../core/library/notebook-library.ts';

export const LibraryContext = createContext<NotebookLibrary | null>(null);

/** The notebook library, or null where the app runs without storage (a harness, a test). */
export function useLibrary(): NotebookLibrary | null {
  return useContext(LibraryContext);
}

// Without a library every selector reads the initial state: nothing is read-only, nothing is listed.
const fallbackStore = createLibraryStore();

export function useLibraryState<T>(selector: (state: LibraryState) => T): T {
  const library = useContext(LibraryContext);
  return useStore(library?.store ?? fallbackStore, selector);
}
