import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

test('a Python error shows a traceback naming the line, and the next run works', async ({ notebook }) => {
  await notebook.open();
  await notebook.typeIntoCell(1, 'x = 1\n1/0');
  await notebook.runCellAndAdvance(1);

  const output = notebook.output(1);
  await expect(output).toContainText('ZeroDivisionError: division by zero', { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(output).toContainText('Traceback (most recent call last)');
  await expect(output).toContainText('line 2');

  await notebook.typeIntoCell(2, 'print(x + 1)');
  await notebook.runCellAndAdvance(2);
  await expect(notebook.output(2)).toHaveText('2');
});

test('output is shown as text, never as HTML', async ({ notebook, page }) => {
  await notebook.open();
  await notebook.typeIntoCell(1, 'print("<b id=injected>bold</b>")');
  await notebook.runCellAndAdvance(1);
  await expect(notebook.output(1)).toHaveText('<b id=injected>bold</b>', { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(page.locator('#injected')).toHaveCount(0);
});
