/**
 * Two tabs on one notebook must not silently overwrite each other. The tab that opens a notebook
 * first holds a Web Lock named after it; a second tab cannot get the lock and shows the notebook
 * read-only, until it takes over: it asks the holder (BroadcastChannel) to save and let go, and the
 * holder turns read-only. A crashed tab's lock is released by the browser.
 */

export type TabMessage =
  | { readonly type: 'take-over'; readonly notebookId: string; readonly from: string }
  /** A tab saved this notebook: read-only views of it reload from storage. */
  | { readonly type: 'saved'; readonly notebookId: string; readonly from: string }
  /** Notebooks were created, renamed or deleted: lists reload. */
  | { readonly type: 'list-changed'; readonly from: string };

export interface TabGuard {
  readonly tabId: string;
  /** Holds the notebook for editing if no other tab does; true when this tab now holds it. */
  claim(notebookId: string): Promise<boolean>;
  /** Lets go of the notebook (another tab may now edit it). */
  release(notebookId: string): void;
  /** Asks the holding tab to save and let go, then holds the notebook; a holder that does not answer in time is overruled. */
  takeOver(notebookId: string): Promise<void>;
  /**
   * Called when another tab takes this tab's notebook: `beforeRelease` (save now) runs first and the
   * lock is released after it settles.
   */
  onTakeOver(handler: (notebookId: string) => Promise<void>): void;
  broadcast(message: { type: 'saved'; notebookId: string } | { type: 'list-changed' }): void;
  onMessage(listener: (message: TabMessage) => void): () => void;
  dispose(): void;
}

/** How long a take-over waits for the holder to save and let go before it steals the lock. */
export const TAKE_OVER_GRACE_MS = 3000;

const lockName = (notebookId: string) => `gradscope-notebook:${notebookId}`;

function randomTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `tab-${Math.random().toString(36).slice(2)}`;
}

export function createTabGuard(): TabGuard {
  const tabId = randomTabId();
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('gradscope-notebooks') : undefined;
  const held = new Map<string, () => void>();
  const listeners = new Set<(message: TabMessage) => void>();
  let takeOverHandler: (notebookId: string) => Promise<void> = async () => {};

  channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (message.from === tabId) return;
    if (message.type === 'take-over' && held.has(message.notebookId)) {
      void takeOverHandler(message.notebookId).finally(() => release(message.notebookId));
    }
    for (const listener of listeners) listener(message);
  });

  /** Holds the lock until release; resolves true once held, false when `ifAvailable` found it taken. */
  function hold(notebookId: string, options: LockOptions): Promise<boolean> {
    if (!locks) {
      held.set(notebookId, () => {});
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      locks
        .request(lockName(notebookId), options, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          return new Promise<void>((letGo) => {
            held.set(notebookId, letGo);
            resolve(true);
          });
        })
        // A stolen lock rejects the holder's request: that tab has simply lost the notebook.
        .catch(() => resolve(false));
    });
  }

  function release(notebookId: string): void {
    const letGo = held.get(notebookId);
    held.delete(notebookId);
    letGo?.();
  }

  return {
    tabId,
    claim: (notebookId) => (held.has(notebookId) ? Promise.resolve(true) : hold(notebookId, { ifAvailable: true })),
    release,
    async takeOver(notebookId) {
      channel?.postMessage({ type: 'take-over', notebookId, from: tabId } satisfies TabMessage);
      const patience = new AbortController();
      const timer = setTimeout(() => patience.abort(), TAKE_OVER_GRACE_MS);
      const isHeld = await hold(notebookId, { signal: patience.signal });
      clearTimeout(timer);
      if (!isHeld) await hold(notebookId, { steal: true });
    },
    onTakeOver(handler) {
      takeOverHandler = handler;
    },
    broadcast(message) {
      channel?.postMessage({ ...message, from: tabId } satisfies TabMessage);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      for (const notebookId of [...held.keys()]) release(notebookId);
      channel?.close();
    },
  };
}
