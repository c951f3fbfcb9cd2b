import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';

const TICKING = 'import time\nfor i in range(10000):\n    print("tick", i)\n    time.sleep(0.05)';

test('a reload in the middle of a run keeps what the cell printed and says the reload cut the run short', async ({ notebook, page }) => {
  test.setTimeout(600_000);
  const library = new LibraryPage(page);
  await notebook.open();
  await notebook.typeIntoCell(1, TICKING);
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toContainText('tick 5', { timeout: PYTHON_LOAD_TIMEOUT });

  await page.reload();
  await expect(notebook.editorOf(1)).toBeVisible();
  expect(await notebook.stdoutOf(1)).toContain('tick 0\ntick 1\ntick 2\ntick 3\ntick 4\ntick 5\n');
  await expect(notebook.noticeOf(1)).toHaveText(/^Run interrupted by reload: the page was reloaded or closed while this cell ran\./);
  await expect(notebook.executionCount(1)).toHaveText('[1]');

  // A new cell runs on the new page's Python.
  const added = await notebook.appendCell();
  await notebook.typeIntoCell(added, 'print(6 * 7)');
  await notebook.runCellByButton(added);
  await expect(notebook.output(added)).toHaveText('42', { timeout: PYTHON_LOAD_TIMEOUT });
  await library.waitUntilSaved();

  await page.reload();
  await expect(notebook.editorOf(2)).toBeVisible();
  expect(await notebook.codeOf(1)).toBe(TICKING);
  expect(await notebook.codeOf(2)).toBe('print(6 * 7)');
  await expect(notebook.noticeOf(1)).toHaveCount(1);
  await expect(notebook.output(2)).toHaveText('42');
});
