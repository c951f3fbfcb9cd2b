/**
 * Opens the browser's notebook storage and the library over it. When IndexedDB cannot be used
 * (blocked, private mode) the app still works on an in-memory library and says that nothing will be
 * kept, so the person can export before leaving.
 */
import { createNotebookLibrary, type NotebookLibrary } from './notebook-library.ts';
import { createMemoryRepository, openIndexedDbRepository, type NotebookRepository } from './notebook-repository.ts';
import type { NotebookStore } from '../notebook/notebook-store.ts';
import { createSwitchableRepository } from './switchable-repository.ts';
import { createTabGuard, type TabGuard } from './tab-guard.ts';

export interface StartLibraryOptions {
  readonly notebook: NotebookStore;
  /** Runs before another notebook replaces the open one. */
  readonly onSwitch: () => void;
  /** Start on what is on screen as a new notebook (a shared link), not the remembered one. */
  readonly fresh: boolean;
  /** Opens the browser's storage (IndexedDB by default). */
  readonly openRepository?: (onReconnect: () => void) => Promise<NotebookRepository>;
  /** How long the page waits for storage before it starts in memory (and adopts storage when it answers). */
  readonly openTimeoutMs?: number;
  readonly tabGuard?: TabGuard;
}

/** IndexedDB can hang (another tab mid-upgrade, a wedged profile); the notebook must appear anyway. */
const OPEN_TIMEOUT_MS = 4000;

class StorageTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new StorageTimeout(message)), ms);
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

export async function startLibrary(options: StartLibraryOptions): Promise<NotebookLibrary> {
  const { notebook, onSwitch, fresh } = options;
  let repository: NotebookRepository;
  let storageError: string | undefined;
  // Made below, after the repository it listens to.
  let library: NotebookLibrary | undefined;
  const opening = (options.openRepository ?? ((onReconnect) => openIndexedDbRepository(indexedDB, { onReconnect })))(() => library?.storageWasReset());
  let lateStorage: Promise<NotebookRepository> | undefined;
  try {
    repository = await withTimeout(opening, options.openTimeoutMs ?? OPEN_TIMEOUT_MS, 'browser storage did not answer.');
  } catch (error) {
    repository = createMemoryRepository();
    storageError = (error as Error).message;
    // Storage that was only slow may still answer: then it is used from that moment on.
    if (error instanceof StorageTimeout) lateStorage = opening;
  }
  const switchable = createSwitchableRepository(repository);
  const created = createNotebookLibrary({ notebook, repository: switchable.repository, tabGuard: options.tabGuard ?? createTabGuard(), onSwitch });
  library = created;
  await created.start({ fresh, ...(storageError ? { storageError } : {}) });
  lateStorage?.then(
    async (stored) => {
      await switchable.switchTo(stored);
      await created.storageArrived();
    },
    () => {
      // It failed after all: the page already says that notebooks are kept in memory only.
    },
  );
  return created;
}
