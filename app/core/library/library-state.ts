/** The notebook library as the UI sees it: which notebooks exist, which is open, whether it is saved. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NotebookSummary } from './notebook-record.ts';
import type { UnreadableNotebook } from './notebook-repository.ts';

export type SaveStatus =
  | { readonly state: 'saved' }
  | { readonly state: 'saving' }
  /** Nothing to save yet: a fresh notebook nobody has changed. */
  | { readonly state: 'new' }
  | { readonly state: 'read-only' }
  | { readonly state: 'error'; readonly message: string };

/**
 * `other-tab`: another tab had the notebook open first; `taken-over`: another tab took it from this
 * one. Either way this tab shows it without saving until the person takes over.
 */
export type ReadOnlyReason = 'other-tab' | 'taken-over';

/** Something about storage the person must know: what could not be read, or that storage was cleared under the page. */
export interface StorageNotice {
  readonly text: string;
  /** Stored notebooks that could not be opened (left as they are, offered for download). */
  readonly unreadable: readonly UnreadableNotebook[];
}

export interface LibraryState {
  readonly isReady: boolean;
  /** Stored notebooks (and the open one, even before its first save), most recent first. */
  readonly notebooks: readonly NotebookSummary[];
  readonly openId: string | null;
  readonly title: string;
  readonly saveStatus: SaveStatus;
  readonly readOnly: ReadOnlyReason | null;
  /** The last deleted notebook, until Undo or the next delete. */
  readonly lastDeleted: { readonly id: string; readonly title: string } | null;
  readonly storageNotice: StorageNotice | null;
}

export const initialLibraryState: LibraryState = {
  isReady: false,
  notebooks: [],
  openId: null,
  title: 'Untitled',
  saveStatus: { state: 'new' },
  readOnly: null,
  lastDeleted: null,
  storageNotice: null,
};

export function createLibraryStore(): StoreApi<LibraryState> {
  return createStore<LibraryState>()(() => initialLibraryState);
}

export const selectNotebooks = (state: LibraryState) => state.notebooks;
export const selectOpenId = (state: LibraryState) => state.openId;
export const selectTitle = (state: LibraryState) => state.title;
export const selectSaveStatus = (state: LibraryState) => state.saveStatus;
export const selectReadOnly = (state: LibraryState) => state.readOnly;
export const selectIsReadOnly = (state: LibraryState) => state.readOnly !== null;
export const selectLastDeleted = (state: LibraryState) => state.lastDeleted;
export const selectStorageNotice = (state: LibraryState) => state.storageNotice;
