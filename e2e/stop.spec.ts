import { expect, test } from './fixtures.ts';

test('Stop interrupts an endless loop with KeyboardInterrupt and the next cell still runs', async ({ notebook }) => {
  await notebook.open();
  await notebook.waitForKernelReady();
  await notebook.typeIntoCell(1, 'while True: pass');
  await notebook.runCellAndAdvance(1);
  await expect(notebook.kernelStatus).toHaveText(/Running/);

  await notebook.stopButton.click();
  await expect(notebook.output(1)).toContainText('KeyboardInterrupt');
  await expect(notebook.kernelStatus).toHaveText(/Ready/);

  await notebook.typeIntoCell(2, 'print(1)');
  await notebook.runCellAndAdvance(2);
  await expect(notebook.output(2)).toHaveText('1');
});
