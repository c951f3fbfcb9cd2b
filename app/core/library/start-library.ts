/**
 * Opens the browser's notebook storage and the library over it. When IndexedDB cannot be used
 * (blocked, private mode) the app still works on an in-memory library and says that nothing will be
 * kept, so the person can export before leaving.
 */
import { createNotebookLibrary, type NotebookLibrary } from './notebook-library.ts';
import { createMemoryRepository, openIndexedDbRepository, type NotebookRepository } from './notebook-repository.ts';
import type { NotebookStore } from '../notebook/notebook-store.ts';
import { createTabGuard } from './tab-guard.ts';

export interface StartLibraryOptions {
  readonly notebook: NotebookStore;
  /** Runs before another notebook replaces the open one. */
  readonly onSwitch: () => void;
  /** Start on what is on screen as a new notebook (a shared link), not the remembered one. */
  readonly fresh: boolean;
}

/** IndexedDB can hang (another tab mid-upgrade, a wedged profile); the notebook must appear anyway. */
const OPEN_TIMEOUT_MS = 4000;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export async function startLibrary({ notebook, onSwitch, fresh }: StartLibraryOptions): Promise<NotebookLibrary> {
  let repository: NotebookRepository;
  let storageError: string | undefined;
  // Made below, after the repository it listens to.
  let library: NotebookLibrary | undefined;
  try {
    repository = await withTimeout(
      openIndexedDbRepository(indexedDB, { onReconnect: () => library?.storageWasReset() }),
      OPEN_TIMEOUT_MS,
      'browser storage did not answer.',
    );
  } catch (error) {
    repository = createMemoryRepository();
    storageError = (error as Error).message;
  }
  const created = createNotebookLibrary({ notebook, repository, tabGuard: createTabGuard(), onSwitch });
  library = created;
  await created.start({ fresh, ...(storageError ? { storageError } : {}) });
  return created;
}
