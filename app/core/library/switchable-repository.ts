/**
 * A repository that starts in memory and moves into the browser's storage once that answers.
 * IndexedDB sometimes answers only after the page gave up waiting (a busy machine, another tab
 * mid-upgrade): the notebooks made meanwhile are then copied over, so nothing typed is lost, and
 * from then on every call goes to the real storage.
 */
import type { NotebookRepository } from './notebook-repository.ts';

export interface SwitchableRepository {
  readonly repository: NotebookRepository;
  /** Copies every notebook (and its trace) kept so far into `next`, then sends every later call there. */
  switchTo(next: NotebookRepository): Promise<void>;
}

export function createSwitchableRepository(initial: NotebookRepository): SwitchableRepository {
  let current = initial;
  const repository: NotebookRepository = {
    list: () => current.list(),
    get: (id) => current.get(id),
    put: (record, events) => current.put(record, events),
    delete: (id) => current.delete(id),
    getTrace: (id) => current.getTrace(id),
    putTrace: (id, events) => current.putTrace(id, events),
    getSetting: (key) => current.getSetting(key),
    setSetting: (key, value) => current.setSetting(key, value),
    unreadable: () => current.unreadable(),
    getRaw: (id) => current.getRaw(id),
  };
  return {
    repository,
    async switchTo(next) {
      const previous = current;
      for (const summary of await previous.list()) {
        const record = await previous.get(summary.id);
        if (record) await next.put(record, await previous.getTrace(summary.id));
      }
      current = next;
    },
  };
}
