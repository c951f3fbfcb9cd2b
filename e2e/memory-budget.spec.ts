import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';

const GROWING = 'import torch\nxs = []\nwhile True:\n    xs.append(torch.zeros(10**7))';

test("a list that keeps growing ends with PyTorch's out-of-memory error at its line, the tab lives, and del gives the memory back", async ({
  notebook,
  page,
}) => {
  test.setTimeout(600_000);
  const library = new LibraryPage(page);
  await notebook.open();
  await notebook.typeIntoCell(1, GROWING);
  await notebook.runCellAndAdvance(1);
  await expect(notebook.output(1)).toContainText(
    "RuntimeError: [enforce fail at alloc_cpu.cpp:75] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 40000000 bytes. Error code 12 (Cannot allocate memory)",
    { timeout: PYTHON_LOAD_TIMEOUT },
  );
  await expect(notebook.output(1)).toContainText('line 4');

  // The budget is a quarter of the device's memory, 1 to 4 GiB: 25 to 107 tensors of 40 MB.
  // With the list still held, one more tensor would not fit; without it, ten do.
  await notebook.typeIntoCell(2, 'print(25 <= len(xs) <= 108)\ndel xs\nys = [torch.ones(10**7) for _ in range(10)]\nprint(len(ys), float(ys[-1][-1]))');
  await notebook.runCellByButton(2);
  await expect(notebook.output(2)).toHaveText('True\n10 1.0', { timeout: 120_000 });

  const added = await notebook.appendCell();
  await notebook.typeIntoCell(added, 'print(6 * 7)');
  await notebook.runCellByButton(added);
  await expect(notebook.output(added)).toHaveText('42');
  await library.waitUntilSaved();
  await page.reload();
  await expect(notebook.editorOf(added)).toBeVisible();
  expect(await notebook.codeOf(1)).toBe(GROWING);
  expect(await notebook.codeOf(added)).toBe('print(6 * 7)');
  await expect(notebook.output(1)).toContainText('DefaultCPUAllocator');
});
