import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

test('Restart gives a fresh Python where earlier variables are gone', async ({ freshNotebook: notebook }) => {
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

test('in another notebook, the first run gets a fresh Python: earlier variables are gone, and Python is not loaded again', async ({
  freshNotebook: notebook,
}) => {
  await notebook.typeIntoCell(1, 'answer = 42\nprint(answer)');
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toHaveText('42', { timeout: PYTHON_LOAD_TIMEOUT });
  // Every state the kernel status shows from here on.
  await notebook.kernelStatus.evaluate((status) => {
    const shown: string[] = [];
    (window as unknown as { kernelStates: string[] }).kernelStates = shown;
    new MutationObserver(() => shown.push(status.textContent ?? '')).observe(status, { subtree: true, childList: true, characterData: true });
  });

  await notebook.openNewNotebook();
  await notebook.typeIntoCell(1, 'print(answer)');
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toContainText("NameError: name 'answer' is not defined");
  await expect(notebook.executionCount(1)).toHaveText('[1]');
  const shown = await notebook.page.evaluate(() => (window as unknown as { kernelStates: string[] }).kernelStates);
  expect(shown.filter((text) => /Loading/.test(text))).toEqual([]);
});
