/**
 * Storage going wrong under the library: a full disk mid-save, a damaged record, one from a newer
 * Gradscope, storage cleared while the page is open. Nothing may be lost without the person being
 * told, and what is on screen stays exportable. The in-memory repository stands in for IndexedDB
 * (the same interface; `failing` makes its writes fail the way IndexedDB's do).
 */
import { describe, expect, it } from 'vitest';
import { createNotebookLibrary, STORAGE_RESET_NOTICE } from '../notebook-library.ts';
import { NOTEBOOK_RECORD_VERSION } from '../notebook-record.ts';
import { createMemoryRepository, storageError, type NotebookRepository } from '../notebook-repository.ts';
import { initialNotebookState } from '../../notebook/notebook-state.ts';
import { createNotebookStore } from '../../notebook/notebook-store.ts';
import { createFakeBrowser } from './fake-tabs.ts';

/** A repository whose writes fail with `error` while `isFull()` says so, as IndexedDB's do when the quota is reached. */
function failing(repository: NotebookRepository, isFull: () => boolean): NotebookRepository {
  const quota = () => storageError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
  return {
    ...repository,
    put: (record, events) => (isFull() ? Promise.reject(quota()) : repository.put(record, events)),
    putTrace: (id, events) => (isFull() ? Promise.reject(quota()) : repository.putTrace(id, events)),
  };
}

let ids = 0;
function openApp(repository: NotebookRepository) {
  const notebook = createNotebookStore(initialNotebookState('cell-1', 'print(1)'));
  const library = createNotebookLibrary({ notebook, repository, tabGuard: createFakeBrowser().openTab(), saveDelayMs: 0, newNotebookId: () => `nb-${++ids}` });
  return { notebook, library, state: () => library.store.getState() };
}

const stored = (id: string, title: string, source: string) => ({
  schemaVersion: NOTEBOOK_RECORD_VERSION,
  id,
  title,
  createdAt: 1,
  updatedAt: 2,
  cells: [{ id: 'cell-1', kind: 'code', source, outputs: [], executionCount: null }],
});

describe('storage faults', () => {
  it('a full disk mid-save says so in words, keeps the edit on screen and saves it once there is room', async () => {
    let isFull = false;
    const memory = createMemoryRepository();
    const app = openApp(failing(memory, () => isFull));
    await app.library.start();
    app.notebook.actions.setCode({ cellId: 'cell-1', code: 'x = 1' });
    await app.library.flush();
    expect(app.state().saveStatus).toEqual({ state: 'saved' });

    isFull = true;
    app.notebook.actions.setCode({ cellId: 'cell-1', code: 'x = 2' });
    await app.library.flush();
    expect(app.state().saveStatus).toEqual({
      state: 'error',
      message: 'Not saved: The browser’s storage for this site is full. Export the notebook to keep it.',
    });
    expect(app.notebook.store.getState().cells[0]!.code).toBe('x = 2');
    expect((await memory.get(app.state().openId!))!.cells[0]!.source).toBe('x = 1');

    isFull = false;
    await app.library.flush();
    expect(app.state().saveStatus).toEqual({ state: 'saved' });
    expect((await memory.get(app.state().openId!))!.cells[0]!.source).toBe('x = 2');
  });

  it('a damaged record and one from a newer Gradscope are left as stored, named in a notice and downloadable', async () => {
    const damaged = { schemaVersion: 1, id: 'broken', title: 'Broken notebook', cells: 'not a list' };
    const newer = { ...stored('future', 'From the future', 'x = 1'), schemaVersion: NOTEBOOK_RECORD_VERSION + 1 };
    const repository = createMemoryRepository({ broken: damaged, future: newer, fine: stored('fine', 'Fine', 'y = 2') });
    await repository.setSetting('openNotebookId', 'broken');
    const app = openApp(repository);
    await app.library.start();

    // The readable one opens; the other two are named with their reasons.
    expect(app.notebook.store.getState().cells[0]!.code).toBe('y = 2');
    const notice = app.state().storageNotice!;
    expect(notice.unreadable.map((item) => item.id).sort()).toEqual(['broken', 'future']);
    expect(notice.text).toMatch(/^2 stored notebooks could not be opened and were left as stored: /);
    expect(notice.text).toContain('“Broken notebook” (The stored notebook is damaged: its cells cannot be read.)');
    expect(notice.text).toContain(
      `“From the future” (This notebook was saved by a newer Gradscope (format ${NOTEBOOK_RECORD_VERSION + 1}); reload the page to update.)`,
    );

    // Editing and saving the open notebook leaves them untouched, and they download exactly as stored.
    app.notebook.actions.setCode({ cellId: 'cell-1', code: 'y = 3' });
    await app.library.flush();
    expect(await repository.getRaw('broken')).toEqual(damaged);
    expect(JSON.parse(await app.library.unreadableAsJson())).toEqual(expect.arrayContaining([damaged, newer]));
  });

  it('when the one record there is damaged, a fresh notebook opens under another id and the damaged one stays', async () => {
    const damaged = { schemaVersion: 1, id: 'only', title: 'Only', cells: null };
    const repository = createMemoryRepository({ only: damaged });
    const app = openApp(repository);
    await app.library.start();
    expect(app.state().openId).not.toBe('only');
    expect(app.state().storageNotice?.text).toMatch(/^1 stored notebook could not be opened and was left as stored: “Only”/);
    app.notebook.actions.setCode({ cellId: 'cell-1', code: 'z = 1' });
    await app.library.flush();
    expect(await repository.getRaw('only')).toEqual(damaged);
  });

  it('storage cleared under the page: the person is told, and the open notebook is written again in full, trace too', async () => {
    let repository = createMemoryRepository();
    const app = openApp({
      list: () => repository.list(),
      get: (id) => repository.get(id),
      put: (record, events) => repository.put(record, events),
      delete: (id) => repository.delete(id),
      getTrace: (id) => repository.getTrace(id),
      putTrace: (id, events) => repository.putTrace(id, events),
      getSetting: (key) => repository.getSetting(key),
      setSetting: (key, value) => repository.setSetting(key, value),
      unreadable: () => repository.unreadable(),
      getRaw: (id) => repository.getRaw(id),
    });
    await app.library.start();
    app.notebook.actions.startCell({ cellId: 'cell-1' });
    app.notebook.actions.finishCell({ cellId: 'cell-1', ok: true, trace: [{ kind: 'run-start', seq: 0, cell: 'cell-1' }] });
    await app.library.flush();
    const id = app.state().openId!;
    expect(await repository.getTrace(id)).toHaveLength(1);

    repository = createMemoryRepository(); // what a new connection to a deleted database finds
    app.library.storageWasReset();
    expect(app.state().storageNotice?.text).toBe(STORAGE_RESET_NOTICE);
    await app.library.flush();
    expect((await repository.get(id))!.cells[0]!.source).toBe('print(1)');
    expect(await repository.getTrace(id)).toHaveLength(1);
  });
});
