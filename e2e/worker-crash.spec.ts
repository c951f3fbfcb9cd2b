import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

/**
 * A real crash of the Python worker, as a learner can cause one: ctypes reading past the end of
 * WebAssembly memory is a wasm trap, which Pyodide treats as fatal (it can run nothing after it).
 */
const CRASH = 'import ctypes\nprint("about to crash")\nctypes.string_at(0xfffffff0, 64)';

test('Python crashing under a cell: the page says so, restarts Python, keeps every cell and output, and re-runs the cells above', async ({
  notebook,
  page,
}) => {
  test.setTimeout(600_000);
  await notebook.open();
  await notebook.typeIntoCell(1, 'answer = 42\nprint("first")');
  await notebook.runCellAndAdvance(1);
  await expect(notebook.output(1)).toHaveText('first', { timeout: PYTHON_LOAD_TIMEOUT });
  await notebook.typeIntoCell(2, CRASH);
  await notebook.runCellAndAdvance(2);

  await expect(notebook.banner).toContainText('Python crashed (RuntimeError: memory access out of bounds) and was restarted', { timeout: 60_000 });
  await expect(notebook.banner).toContainText('Every cell and its output is kept.');
  await expect(notebook.output(2)).toContainText('about to crash');
  await expect(notebook.noticeOf(2)).toHaveText('Python stopped unexpectedly before this cell finished.');
  await expect(notebook.output(1)).toHaveText('first');
  expect(await notebook.codeOf(2)).toBe(CRASH);

  // The cells above the one that crashed, re-run on the new Python, bring their variables back.
  await page.getByRole('button', { name: 'Re-run cell 1', exact: true }).click();
  await expect(notebook.banner).toBeHidden();
  await expect(notebook.executionCount(1)).toHaveText('[1]', { timeout: PYTHON_LOAD_TIMEOUT });
  await notebook.typeIntoCell(3, 'print(answer + 1)');
  await notebook.runCellByButton(3);
  await expect(notebook.output(3)).toHaveText('43');

  await page.reload();
  await expect(notebook.editorOf(3)).toBeVisible();
  expect(await notebook.codeOf(1)).toBe('answer = 42\nprint("first")');
  expect(await notebook.codeOf(2)).toBe(CRASH);
  expect(await notebook.codeOf(3)).toBe('print(answer + 1)');
  await expect(notebook.noticeOf(2)).toHaveText('Python stopped unexpectedly before this cell finished.');
  await expect(notebook.output(3)).toHaveText('43');
});
