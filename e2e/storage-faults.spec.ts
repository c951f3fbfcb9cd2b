import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';
import type { NotebookPage } from './pages/notebook-page.ts';
import { SharePage } from './pages/share-page.ts';

/** Every write to IndexedDB fails as a full disk makes it fail, while `window.__storageFull` is true. */
async function fillableDisk(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if ((window as { __storageFull?: boolean }).__storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}

const setDiskFull = (page: Page, isFull: boolean) => page.evaluate((full) => ((window as { __storageFull?: boolean }).__storageFull = full), isFull);

/** Writes `value` into the app's IndexedDB store as it is, bypassing the app (the database exists once the app has opened). */
function writeStored(page: Page, store: 'notebooks' | 'settings', value: unknown, key?: string): Promise<void> {
  return page.evaluate(
    ({ store, value, key }) =>
      new Promise<void>((resolve, reject) => {
        const opening = indexedDB.open('gradscope');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const transaction = db.transaction(store, 'readwrite');
          if (key === undefined) transaction.objectStore(store).put(value);
          else transaction.objectStore(store).put(value, key);
          transaction.oncomplete = () => {
            db.close();
            resolve();
          };
          transaction.onerror = () => reject(transaction.error);
        };
      }),
    { store, value, key },
  );
}

/** The acceptance: a new cell runs, and every cell is still there after a reload. */
async function newCellRunsAndCellsSurviveReload(notebook: NotebookPage, library: LibraryPage, expectedCode: readonly string[]): Promise<void> {
  const added = await notebook.appendCell();
  await notebook.typeIntoCell(added, 'print(6 * 7)');
  await notebook.runCellByButton(added);
  await expect(notebook.output(added)).toHaveText('42', { timeout: PYTHON_LOAD_TIMEOUT });
  await library.waitUntilSaved();
  await notebook.page.reload();
  await expect(notebook.editorOf(added)).toBeVisible();
  for (const [index, code] of [...expectedCode, 'print(6 * 7)'].entries()) expect(await notebook.codeOf(index + 1)).toBe(code);
  await expect(notebook.output(added)).toHaveText('42');
}

test('storage full in the middle of a session: the page says the notebook is not saved, export keeps it, and saving resumes once there is room', async ({
  notebook,
  page,
}) => {
  test.setTimeout(600_000);
  await fillableDisk(page);
  const library = new LibraryPage(page);
  const share = new SharePage(page);
  await notebook.open();
  await notebook.typeIntoCell(1, 'x = 1');
  await library.waitUntilSaved();

  await setDiskFull(page, true);
  await notebook.typeIntoCell(1, 'x = 21');
  await expect(library.saveErrorBanner).toContainText('Not saved: The browser’s storage for this site is full. Export the notebook to keep it.');
  await expect(library.saveStatus).toHaveText('Not saved');
  const download = await share.download(() => library.saveErrorBanner.getByRole('button', { name: 'Export (.py)' }).click());
  expect(readFileSync((await download.path())!, 'utf8')).toContain('x = 21');

  await setDiskFull(page, false);
  await notebook.runCellByButton(1);
  await library.waitUntilSaved();
  await expect(library.saveErrorBanner).toBeHidden();
  await newCellRunsAndCellsSurviveReload(notebook, library, ['x = 21']);
});

test('a damaged stored notebook is left as stored, named in a notice and downloadable; the app goes on', async ({ notebook, page }) => {
  test.setTimeout(600_000);
  const library = new LibraryPage(page);
  const share = new SharePage(page);
  await notebook.open();
  const damaged = { schemaVersion: 1, id: 'broken', title: 'Broken notebook', createdAt: 1, updatedAt: 2, cells: 'not a list' };
  await writeStored(page, 'notebooks', damaged);
  await writeStored(page, 'settings', 'broken', 'openNotebookId');

  await page.reload();
  await expect(notebook.editorOf(1)).toBeVisible();
  await expect(library.storageNotice).toContainText(
    '1 stored notebook could not be opened and was left as stored: “Broken notebook” (The stored notebook is damaged: its cells cannot be read.)',
  );
  const download = await share.download(() => library.storageNotice.getByRole('button', { name: 'Download as stored' }).click());
  expect(JSON.parse(readFileSync((await download.path())!, 'utf8'))).toEqual([damaged]);

  await notebook.typeIntoCell(1, 'print("still working")');
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toHaveText('still working', { timeout: PYTHON_LOAD_TIMEOUT });
  await newCellRunsAndCellsSurviveReload(notebook, library, ['print("still working")']);
  // Still there, still untouched, still named.
  await expect(library.storageNotice).toContainText('“Broken notebook”');
});

test('browser storage deleted while the page is open: the notebook is written again and the person is told', async ({ notebook, page }) => {
  test.setTimeout(600_000);
  const library = new LibraryPage(page);
  await notebook.open();
  await notebook.typeIntoCell(1, 'kept = "before"');
  await library.waitUntilSaved();

  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const deleting = indexedDB.deleteDatabase('gradscope');
        deleting.onsuccess = () => resolve();
        deleting.onerror = () => reject(deleting.error);
      }),
  );
  await notebook.typeIntoCell(1, 'kept = "after"\nprint(kept)');
  await expect(library.storageNotice).toContainText(
    'The browser’s storage for this site was cleared while Gradscope was open. The open notebook has been saved again',
  );
  await library.waitUntilSaved();
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toHaveText('after', { timeout: PYTHON_LOAD_TIMEOUT });
  await newCellRunsAndCellsSurviveReload(notebook, library, ['kept = "after"\nprint(kept)']);
});
