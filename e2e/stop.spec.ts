import { expect, test } from './fixtures.ts';

// Stop must leave Python usable, so this runs on the worker's booted page, whose Python later tests go on using.
test('Stop interrupts an endless loop with KeyboardInterrupt and the next cell still runs', async ({ freshNotebook: notebook }) => {
  const cell = await notebook.appendCell();
  await notebook.typeIntoCell(cell, 'while True: pass');
  await notebook.runCellAndAdvance(cell);
  await expect(notebook.kernelStatus).toHaveText(/Running/);

  await notebook.stopButton.click();
  await expect(notebook.output(cell)).toContainText('KeyboardInterrupt');
  await expect(notebook.kernelStatus).toHaveText(/Ready/);

  await notebook.typeIntoCell(cell + 1, 'print(1)');
  await notebook.runCellAndAdvance(cell + 1);
  await expect(notebook.output(cell + 1)).toHaveText('1');
});
