import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

test('Restart gives a fresh Python where earlier variables are gone', async ({ notebook }) => {
  await notebook.open();
  await notebook.typeIntoCell(1, 'answer = 42');
  await notebook.runCellAndAdvance(1);
  await notebook.typeIntoCell(2, 'print(answer)');
  await notebook.runCellAndAdvance(2);
  await expect(notebook.output(2)).toHaveText('42', { timeout: PYTHON_LOAD_TIMEOUT });

  await notebook.restartButton.click();
  await notebook.waitForKernelReady();
  await notebook.runCellByButton(2);
  await expect(notebook.output(2)).toContainText("NameError: name 'answer' is not defined");
  // Numbering starts again in the new session.
  await expect(notebook.executionCount(2)).toHaveText('[1]');
});
