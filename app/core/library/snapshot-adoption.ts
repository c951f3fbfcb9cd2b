/**
 * A snapshot opened from a file or link replaces the cells on screen. It must not overwrite the
 * notebook that was open, so it becomes a notebook of its own, saved like any other.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { LibraryState } from './library-state.ts';
import { markUnsaved, type OpenNotebook } from './open-notebook.ts';
import type { TabGuard } from './tab-guard.ts';
import type { TabOwnership } from './tab-ownership.ts';

export const SNAPSHOT_TITLE = 'Shared snapshot';

export interface SnapshotAdoptionOptions {
  readonly store: StoreApi<LibraryState>;
  readonly open: OpenNotebook;
  readonly tabGuard: TabGuard;
  readonly ownership: TabOwnership;
  readonly newNotebookId: () => string;
  readonly now: () => number;
  readonly scheduleSave: () => void;
}

/** Returns what to do when a snapshot has just replaced what is on screen. */
export function createSnapshotAdoption(options: SnapshotAdoptionOptions): () => void {
  const { store, open } = options;
  return function adoptSnapshot(): void {
    const previous = store.getState().openId;
    if (open.isPersisted && previous !== null) {
      options.tabGuard.release(previous);
      const id = options.newNotebookId();
      markUnsaved(open, options.now());
      store.setState({ openId: id, title: SNAPSHOT_TITLE });
      void options.ownership.claim(id).then(() => options.scheduleSave());
    } else {
      // Nothing stored was open (a fresh notebook): it simply becomes the snapshot's notebook.
      store.setState({ title: SNAPSHOT_TITLE });
      open.isTitleDirty = true;
    }
  };
}
