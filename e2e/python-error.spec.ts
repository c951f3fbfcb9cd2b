import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

// Both tests only check what their own cells print: each runs in a new notebook on the worker's booted page.

test('a Python error shows a traceback naming the line, and the next run works', async ({ freshNotebook: notebook }) => {
  const cell = await notebook.appendCell();
  await notebook.typeIntoCell(cell, 'x = 1\n1/0');
  await notebook.runCellAndAdvance(cell);

  const output = notebook.output(cell);
  await expect(output).toContainText('ZeroDivisionError: division by zero', { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(output).toContainText('Traceback (most recent call last)');
  await expect(output).toContainText('line 2');

  // Shift+Enter on the last cell made the next one.
  await notebook.typeIntoCell(cell + 1, 'print(x + 1)');
  await notebook.runCellAndAdvance(cell + 1);
  await expect(notebook.output(cell + 1)).toHaveText('2');
});

test('output is shown as text, never as HTML', async ({ freshNotebook: notebook }) => {
  const cell = await notebook.appendCell();
  await notebook.typeIntoCell(cell, 'print("<b id=injected>bold</b>")');
  await notebook.runCellAndAdvance(cell);
  await expect(notebook.output(cell)).toHaveText('<b id=injected>bold</b>', { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(notebook.page.locator('#injected')).toHaveCount(0);
});
