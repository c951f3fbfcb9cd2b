/**
 * Two tabs on one notebook: the first to open it edits it (holding the tab guard's lock), another
 * shows it read-only until the person takes over there, which makes the first save and let go.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { NotebookRepository } from './notebook-repository.ts';
import type { LibraryState } from './library-state.ts';
import type { TabGuard } from './tab-guard.ts';

/** The library setting that remembers the open notebook across reloads. */
export const OPEN_SETTING = 'openNotebookId';

export interface TabOwnershipOptions {
  readonly tabGuard: TabGuard;
  readonly repository: NotebookRepository;
  readonly store: StoreApi<LibraryState>;
  /** Whether the open notebook is in storage yet (a new one says "new", not "saved"). */
  readonly isPersisted: () => boolean;
  /** This tab now holds the open notebook: anything unsaved is written. */
  readonly onClaimed: () => void;
  /** Another tab takes the open notebook: what this tab has is written first. */
  readonly beforeLettingGo: () => Promise<void>;
  /** Shows the open notebook as stored (the other tab saved before letting go). */
  readonly showStored: (id: string) => Promise<void>;
}

export interface TabOwnership {
  /** Whether this tab holds the open notebook. */
  readonly isClaimed: () => boolean;
  /** Holds the open notebook `id` for editing, or shows it read-only when another tab has it. */
  claim(id: string): Promise<void>;
  /** Lets go of the open notebook (another one is about to be opened). */
  leave(): void;
  /** In a read-only tab: asks the other tab to save and let go, then edits here. */
  takeOver(): Promise<void>;
}

export function createTabOwnership(options: TabOwnershipOptions): TabOwnership {
  const { tabGuard, repository, store } = options;
  const set = (change: Partial<LibraryState>) => store.setState(change);
  const openId = () => store.getState().openId;
  let isClaimed = false;

  tabGuard.onTakeOver(async (id) => {
    if (id !== openId()) return;
    await options.beforeLettingGo();
    isClaimed = false;
    set({ readOnly: 'taken-over', saveStatus: { state: 'read-only' } });
  });

  return {
    isClaimed: () => isClaimed,

    async claim(id) {
      isClaimed = false;
      const isMine = await tabGuard.claim(id);
      if (openId() !== id) {
        if (isMine) tabGuard.release(id);
        return;
      }
      isClaimed = isMine;
      set(
        isMine
          ? { readOnly: null, saveStatus: options.isPersisted() ? { state: 'saved' } : { state: 'new' } }
          : { readOnly: 'other-tab', saveStatus: { state: 'read-only' } },
      );
      if (isMine) options.onClaimed();
      void repository.setSetting(OPEN_SETTING, id).catch(() => {});
    },

    leave() {
      const id = openId();
      if (id !== null) tabGuard.release(id);
      isClaimed = false;
    },

    async takeOver() {
      const id = openId();
      if (id === null || store.getState().readOnly === null) return;
      await tabGuard.takeOver(id);
      // The other tab saved before letting go: what is stored is the latest.
      await options.showStored(id);
      isClaimed = true;
      set({ readOnly: null, saveStatus: { state: 'saved' } });
      void repository.setSetting(OPEN_SETTING, id).catch(() => {});
    },
  };
}
