import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { createNotebookLibrary, type NotebookLibrary } from '../notebook-library.ts';
import { createMemoryRepository, type NotebookRepository } from '../notebook-repository.ts';
import { initialNotebookState } from '../../notebook/notebook-state.ts';
import { createNotebookStore, type NotebookStore } from '../../notebook/notebook-store.ts';
import { createFakeBrowser } from './fake-tabs.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

let ids = 0;
function openApp(repository: NotebookRepository, browser = createFakeBrowser()) {
  const notebook: NotebookStore = createNotebookStore(initialNotebookState('cell-1', 'print(1)'));
  const library: NotebookLibrary = createNotebookLibrary({
    notebook,
    repository,
    tabGuard: browser.openTab(),
    saveDelayMs: 0,
    newNotebookId: () => `nb-${++ids}`,
  });
  return { notebook, library, browser };
}

const firstCode = (notebook: NotebookStore) => notebook.store.getState().cells[0]!.code;
const titles = (library: NotebookLibrary) => library.store.getState().notebooks.map((item) => item.title);

describe('autosave', () => {
  it('keeps an edit across a reload', async () => {
    const repository = createMemoryRepository();
    const first = openApp(repository);
    await first.library.start();
    first.notebook.actions.setCode({ cellId: 'cell-1', code: 'x = 42' });
    await first.library.flush();
    expect(first.library.store.getState().saveStatus).toEqual({ state: 'saved' });
    first.library.dispose();

    const second = openApp(repository);
    await second.library.start();
    expect(firstCode(second.notebook)).toBe('x = 42');
  });

  it('keeps the last run’s outputs and trace, so a reload shows them without running', async () => {
    const repository = createMemoryRepository();
    const first = openApp(repository);
    await first.library.start();
    const trace: TraceEvent[] = [{ kind: 'run-start', seq: 0, cell: 'cell-1' }];
    first.notebook.actions.startCell({ cellId: 'cell-1' });
    first.notebook.actions.appendStream({ cellId: 'cell-1', stream: 'stdout', text: '1\n' });
    first.notebook.actions.finishCell({ cellId: 'cell-1', ok: true, trace });
    await first.library.flush();
    first.library.dispose();

    const second = openApp(repository);
    await second.library.start();
    const state = second.notebook.store.getState();
    expect(state.cells[0]!.outputs).toEqual([{ kind: 'stream', stream: 'stdout', text: '1\n' }]);
    expect(state.cells[0]!.executionCount).toBe(1);
    expect(state.traceEvents).toEqual(trace);
  });

  it('does not store a notebook nobody has changed', async () => {
    const repository = createMemoryRepository();
    const { library } = openApp(repository);
    await library.start();
    await library.flush();
    expect(await repository.list()).toEqual([]);
    expect(library.store.getState().saveStatus).toEqual({ state: 'new' });
  });

  it('says so when storage fails, and keeps the notebook on screen', async () => {
    const repository = createMemoryRepository();
    repository.put = async () => {
      throw new Error('The browser’s storage for this site is full.');
    };
    const { library, notebook } = openApp(repository);
    await library.start();
    notebook.actions.setCode({ cellId: 'cell-1', code: 'kept' });
    await library.flush();
    const status = library.store.getState().saveStatus;
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toContain('storage for this site is full');
    expect(firstCode(notebook)).toBe('kept');
  });

  it('never claims an edit is saved when the browser refused storage at start (kept in memory only)', async () => {
    const { library, notebook } = openApp(createMemoryRepository());
    await library.start({ storageError: 'The user denied permission to access the database.' });
    notebook.actions.setCode({ cellId: 'cell-1', code: 'only in memory' });
    await library.flush();
    const status = library.store.getState().saveStatus;
    expect(status.state).toBe('error');
    expect(status.state === 'error' && status.message).toContain('denied permission');
  });
});

describe('several notebooks', () => {
  it('creates, renames, switches and remembers the open one', async () => {
    const repository = createMemoryRepository();
    const app = openApp(repository);
    await app.library.start();
    app.notebook.actions.setCode({ cellId: 'cell-1', code: 'first' });
    await app.library.flush();
    const firstId = app.library.store.getState().openId!;
    await app.library.rename(firstId, 'First');

    const secondId = await app.library.create({ title: 'Second', cells: [{ kind: 'markdown', source: '# Hi' }, { source: 'y = 2' }] });
    expect(app.notebook.store.getState().cells.map((cell) => [cell.kind ?? 'code', cell.code])).toEqual([
      ['markdown', '# Hi'],
      ['code', 'y = 2'],
    ]);
    expect(titles(app.library).sort()).toEqual(['First', 'Second']);

    await app.library.open(firstId);
    expect(firstCode(app.notebook)).toBe('first');
    expect(app.library.store.getState().title).toBe('First');
    await app.library.open(secondId);
    app.library.dispose();

    const reloaded = openApp(repository);
    await reloaded.library.start();
    expect(reloaded.library.store.getState().openId).toBe(secondId);
    expect(reloaded.library.store.getState().title).toBe('Second');
  });

  it('duplicates a notebook with its cells and opens the copy', async () => {
    const app = openApp(createMemoryRepository());
    await app.library.start();
    const originalId = await app.library.create({ title: 'Original', cells: [{ source: 'a = 1' }] });
    const copyId = await app.library.duplicate(originalId);
    expect(copyId).not.toBe(originalId);
    expect(app.library.store.getState().title).toBe('Original (copy)');
    expect(firstCode(app.notebook)).toBe('a = 1');
    app.notebook.actions.setCode({ cellId: app.notebook.store.getState().cells[0]!.id, code: 'a = 2' });
    await app.library.open(originalId);
    expect(firstCode(app.notebook)).toBe('a = 1');
  });

  it('deletes a notebook and brings it back on undo', async () => {
    const repository = createMemoryRepository();
    const app = openApp(repository);
    await app.library.start();
    const keepId = await app.library.create({ title: 'Keep', cells: [{ source: 'k' }] });
    const goneId = await app.library.create({ title: 'Gone', cells: [{ source: 'g' }] });
    await app.library.remove(goneId);
    expect(titles(app.library)).toEqual(['Keep']);
    expect(app.library.store.getState().openId).toBe(keepId);
    expect(app.library.store.getState().lastDeleted?.title).toBe('Gone');
    await app.library.undoRemove();
    expect(titles(app.library).sort()).toEqual(['Gone', 'Keep']);
    expect((await repository.get(goneId))?.cells[0]?.source).toBe('g');
  });

  it('opens a new notebook when the last one is deleted', async () => {
    const app = openApp(createMemoryRepository());
    await app.library.start();
    const onlyId = await app.library.create({ title: 'Only' });
    await app.library.remove(onlyId);
    expect(app.library.store.getState().openId).not.toBe(onlyId);
    expect(titles(app.library)).toEqual(['Untitled']);
  });

  it('starts a shared link as a new notebook without touching the remembered one', async () => {
    const repository = createMemoryRepository();
    const first = openApp(repository);
    await first.library.start();
    first.notebook.actions.setCode({ cellId: 'cell-1', code: 'mine' });
    await first.library.flush();
    first.library.dispose();

    const linked = openApp(repository);
    linked.notebook.actions.loadSharedCode({ code: 'from a link' });
    await linked.library.start({ fresh: true });
    linked.notebook.actions.setCode({ cellId: 'cell-1', code: 'from a link, edited' });
    await linked.library.flush();
    const stored = await Promise.all((await repository.list()).map((item) => repository.get(item.id)));
    expect(stored.map((record) => record?.cells[0]?.source).sort()).toEqual(['from a link, edited', 'mine']);
  });

  it('keeps an opened snapshot apart from the notebook that was open', async () => {
    const repository = createMemoryRepository();
    const app = openApp(repository);
    await app.library.start();
    const mineId = await app.library.create({ title: 'Mine', cells: [{ source: 'mine' }] });
    app.notebook.actions.openSnapshot({ cells: [{ id: 'cell-90', source: 'shared' }], events: [{ kind: 'run-start', seq: 0, cell: 'cell-90' }] });
    await settle();
    await app.library.flush();
    expect(app.library.store.getState().openId).not.toBe(mineId);
    expect(app.library.store.getState().title).toBe('Shared snapshot');
    expect((await repository.get(mineId))?.cells[0]?.source).toBe('mine');
  });

  it('keeps a snapshot apart even when the open notebook itself came with a recorded trace', async () => {
    const repository = createMemoryRepository();
    const app = openApp(repository);
    await app.library.start();
    const exampleId = await app.library.create({
      title: 'Example',
      cells: [{ id: 'cell-1', source: 'example' }],
      events: [{ kind: 'run-start', seq: 0, cell: 'cell-1' }],
    });
    expect(app.notebook.store.getState().traceEvents).toHaveLength(1);
    app.notebook.actions.openSnapshot({ cells: [{ id: 'cell-90', source: 'shared' }], events: [{ kind: 'run-start', seq: 0, cell: 'cell-90' }] });
    await settle();
    await app.library.flush();
    expect(app.library.store.getState().openId).not.toBe(exampleId);
    expect((await repository.get(exampleId))?.cells[0]?.source).toBe('example');
  });
});

describe('two tabs on one notebook', () => {
  it('opens the second tab read-only and saves nothing from it', async () => {
    const repository = createMemoryRepository();
    const browser = createFakeBrowser();
    const first = openApp(repository, browser);
    await first.library.start();
    const id = await first.library.create({ title: 'Shared', cells: [{ source: 'one' }] });

    const second = openApp(repository, browser);
    await second.library.start();
    expect(second.library.store.getState().openId).toBe(id);
    expect(second.library.store.getState().readOnly).toBe('other-tab');
    second.notebook.actions.setCode({ cellId: second.notebook.store.getState().cells[0]!.id, code: 'overwritten?' });
    await second.library.flush();
    expect((await repository.get(id))?.cells[0]?.source).toBe('one');
  });

  it('follows the editing tab’s saves while read-only', async () => {
    const repository = createMemoryRepository();
    const browser = createFakeBrowser();
    const first = openApp(repository, browser);
    await first.library.start();
    await first.library.create({ title: 'Shared', cells: [{ source: 'one' }] });
    const second = openApp(repository, browser);
    await second.library.start();

    first.notebook.actions.setCode({ cellId: first.notebook.store.getState().cells[0]!.id, code: 'two' });
    await first.library.flush();
    await settle();
    expect(firstCode(second.notebook)).toBe('two');
  });

  it('takes over: the first tab saves, turns read-only, and the second edits', async () => {
    const repository = createMemoryRepository();
    const browser = createFakeBrowser();
    const first = openApp(repository, browser);
    await first.library.start();
    const id = await first.library.create({ title: 'Shared', cells: [{ source: 'one' }] });
    const second = openApp(repository, browser);
    await second.library.start();

    // An edit the first tab has not written yet must survive the take-over.
    first.notebook.actions.setCode({ cellId: first.notebook.store.getState().cells[0]!.id, code: 'unsaved edit' });
    await second.library.takeOver();
    expect(first.library.store.getState().readOnly).toBe('taken-over');
    expect(second.library.store.getState().readOnly).toBeNull();
    expect(firstCode(second.notebook)).toBe('unsaved edit');

    second.notebook.actions.setCode({ cellId: second.notebook.store.getState().cells[0]!.id, code: 'from the second tab' });
    await second.library.flush();
    await first.library.flush();
    expect((await repository.get(id))?.cells[0]?.source).toBe('from the second tab');
  });
});
