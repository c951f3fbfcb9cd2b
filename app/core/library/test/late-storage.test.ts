/**
 * Browser storage that answers only after the page stopped waiting for it (a busy machine, another
 * tab mid-upgrade): the page starts in memory and says nothing will be kept; when storage answers,
 * what was typed meanwhile is written there, the stored notebooks come back, and saves are real again.
 */
import { describe, expect, it } from 'vitest';
import { NOTEBOOK_RECORD_VERSION } from '../notebook-record.ts';
import { createMemoryRepository, type NotebookRepository } from '../notebook-repository.ts';
import { startLibrary } from '../start-library.ts';
import { OPEN_SETTING } from '../tab-ownership.ts';
import { initialNotebookState } from '../../notebook/notebook-state.ts';
import { createNotebookStore } from '../../notebook/notebook-store.ts';
import { createFakeBrowser } from './fake-tabs.ts';

const until = async (condition: () => boolean | Promise<boolean>) => {
  for (let waited = 0; !(await condition()); waited += 5) {
    if (waited > 2000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** Storage holding one notebook, "Kept", open last time; it answers when `answer` is called. */
async function slowStorage() {
  const stored = createMemoryRepository();
  await stored.put(
    {
      schemaVersion: NOTEBOOK_RECORD_VERSION,
      id: 'kept',
      title: 'Kept',
      createdAt: 1,
      updatedAt: 1,
      cells: [{ id: 'k1', kind: 'code', source: 'kept = 1', outputs: [], executionCount: null }],
    },
    [],
  );
  await stored.setSetting(OPEN_SETTING, 'kept');
  let answer!: () => void;
  const opened = new Promise<NotebookRepository>((resolve) => (answer = () => resolve(stored)));
  return { stored, answer, openRepository: () => opened };
}

async function startSlow() {
  const storage = await slowStorage();
  const notebook = createNotebookStore(initialNotebookState('cell-1', 'print("welcome")'));
  const library = await startLibrary({
    notebook,
    onSwitch: () => {},
    fresh: false,
    openRepository: storage.openRepository,
    openTimeoutMs: 10,
    tabGuard: createFakeBrowser().openTab(),
  });
  const status = () => library.store.getState().saveStatus;
  return { ...storage, notebook, library, status };
}

describe('storage that answers late', () => {
  it('starts in memory saying so, then opens the notebook open last time once storage answers, if nothing was typed', async () => {
    const { answer, notebook, library, status } = await startSlow();
    expect(status().state).toBe('error');
    expect(JSON.stringify(status())).toContain('did not answer');
    answer();
    await until(() => library.store.getState().openId === 'kept');
    expect(notebook.store.getState().cells[0]!.code).toBe('kept = 1');
    expect(status()).toEqual({ state: 'saved' });
    expect(library.store.getState().notebooks.map((item) => item.title)).toEqual(['Kept']);
  });

  it('keeps what was typed meanwhile: it is written to storage, beside the notebooks stored before', async () => {
    const { answer, stored, notebook, library, status } = await startSlow();
    notebook.actions.setCode({ cellId: 'cell-1', code: 'typed = 2' });
    await library.flush();
    expect(status().state).toBe('error');
    answer();
    await until(async () => (await stored.list()).length === 2);
    const id = library.store.getState().openId!;
    expect((await stored.get(id))?.cells[0]?.source).toBe('typed = 2');
    expect(notebook.store.getState().cells[0]!.code).toBe('typed = 2');
    await until(() => status().state === 'saved');

    // Saves are real from now on.
    notebook.actions.setCode({ cellId: 'cell-1', code: 'typed = 3' });
    await library.flush();
    expect((await stored.get(id))?.cells[0]?.source).toBe('typed = 3');
    expect(status()).toEqual({ state: 'saved' });
    expect(
      library.store
        .getState()
        .notebooks.map((item) => item.title)
        .sort(),
    ).toEqual(['Kept', 'Untitled']);
  });
});
