import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

test('Run all runs the cells top to bottom and stops at the first error', async ({ freshNotebook: notebook }) => {
  await notebook.typeIntoCell(1, 'n = 1\nprint(n)');
  await notebook.runCellAndAdvance(1);
  await notebook.typeIntoCell(2, 'n = n + 1\nraise ValueError("stop here")');
  await notebook.runCellAndAdvance(2);
  await notebook.typeIntoCell(3, 'print("never")');
  await expect(notebook.output(2)).toContainText('ValueError: stop here', { timeout: PYTHON_LOAD_TIMEOUT });

  await notebook.runAllButton.click();
  await expect(notebook.executionCount(2)).toHaveText('[4]');
  await expect(notebook.output(1)).toHaveText('1');
  await expect(notebook.output(2)).toContainText('ValueError: stop here');
  await expect(notebook.executionCount(3)).toHaveText('[ ]');
  await expect(notebook.output(3)).toHaveText('');
});
