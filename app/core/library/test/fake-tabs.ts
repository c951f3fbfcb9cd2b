/** Several tabs of one browser, in memory: a lock per notebook and a broadcast channel, for TabGuard tests. */
import type { TabGuard, TabMessage } from '../tab-guard.ts';

export function createFakeBrowser() {
  const locks = new Map<string, string>();
  const guards = new Set<{ tabId: string; deliver: (message: TabMessage) => void }>();
  let nextTab = 1;

  function post(message: TabMessage): void {
    for (const guard of guards) if (guard.tabId !== message.from) guard.deliver(message);
  }

  function openTab(): TabGuard {
    const tabId = `tab-${nextTab++}`;
    const listeners = new Set<(message: TabMessage) => void>();
    let takeOverHandler: (notebookId: string) => Promise<void> = async () => {};
    const pendingTakeOvers: Promise<void>[] = [];
    const entry = {
      tabId,
      deliver(message: TabMessage) {
        if (message.type === 'take-over' && locks.get(message.notebookId) === tabId) {
          pendingTakeOvers.push(takeOverHandler(message.notebookId).finally(() => guard.release(message.notebookId)));
        }
        for (const listener of listeners) listener(message);
      },
    };
    guards.add(entry);
    const guard: TabGuard = {
      tabId,
      async claim(notebookId) {
        const holder = locks.get(notebookId);
        if (holder !== undefined && holder !== tabId) return false;
        locks.set(notebookId, tabId);
        return true;
      },
      release(notebookId) {
        if (locks.get(notebookId) === tabId) locks.delete(notebookId);
      },
      async takeOver(notebookId) {
        const holder = [...guards].find((candidate) => candidate.tabId === locks.get(notebookId));
        post({ type: 'take-over', notebookId, from: tabId });
        // Wait for the holder to save and let go, as the Web Lock request would.
        if (holder) await Promise.all(holderPending.get(holder.tabId)?.() ?? []);
        locks.set(notebookId, tabId);
      },
      onTakeOver(handler) {
        takeOverHandler = handler;
      },
      broadcast(message) {
        post({ ...message, from: tabId } as TabMessage);
      },
      onMessage(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      dispose() {
        guards.delete(entry);
      },
    };
    holderPending.set(tabId, () => pendingTakeOvers.splice(0));
    return guard;
  }

  const holderPending = new Map<string, () => Promise<void>[]>();
  return { openTab, locks };
}
