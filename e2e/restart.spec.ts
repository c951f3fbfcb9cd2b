import { expect, PYTHON_LOAD_TIMEOUT, SEED_PROGRAM, test } from './fixtures.ts';

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

test('a notebook opened after another one’s training loop draws its whole graph', async ({ freshNotebook: notebook }) => {
  // Three backward passes: as many as a session's trace keeps in detail, so the next pass makes the
  // worker compact it. That must be this notebook's own trace, not the one before it.
  await notebook.runInFirstCell('import torch\nw = torch.ones(2, requires_grad=True)\nfor step in range(3):\n    (w * 3).sum().backward()');
  await notebook.openNewNotebook();
  await notebook.runInFirstCell(SEED_PROGRAM);
  await expect(notebook.output(1)).toHaveText('tensor([0.6667, 0.6667, 0.6667])');
  for (const op of ['leaf', 'MulBackward0', 'AddBackward0', 'MeanBackward0']) {
    await expect(notebook.graphNodes(op), `one graph node with data-op="${op}"`).toHaveCount(1);
  }
  await expect(notebook.graphNodes('leaf')).toHaveAttribute('aria-label', /^leaf x, shape \[3\], grad \[0\.6667, 0\.6667, 0\.6667\]/);
});
