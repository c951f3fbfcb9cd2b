import { expect, PYTHON_LOAD_TIMEOUT, test, withoutPython } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';

test('an example opens as a new notebook at once, and its first run gets a fresh Python without booting one', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  test.setTimeout(600_000);
  const library = new LibraryPage(page);
  await notebook.typeIntoCell(1, 'mine = "kept"');
  await library.rename('Mine');
  await notebook.runCellByButton(1);
  await expect(notebook.executionCount(1)).toHaveText('[1]', { timeout: PYTHON_LOAD_TIMEOUT });
  await library.waitUntilSaved();
  const workersStarted: string[] = [];
  page.on('worker', (worker) => workersStarted.push(worker.url()));

  await library.openExample('Fan-out: gradients add up');
  await expect(library.renderedMarkdown(1).getByRole('heading', { level: 1 })).toHaveText('Fan-out accumulation');
  // It opens as recorded, graph and printed output, before anything runs...
  await expect(notebook.graphNodes('MulBackward0').first()).toBeVisible();
  await expect(notebook.output(2)).toContainText('tensor([5., 5.])');
  await expect(notebook.executionCount(2)).toHaveText('[ ]');
  // ...and Python is left as it was: no new worker boots it again for now.
  await expect(notebook.kernelStatus).toHaveText(/Ready/);
  expect(workersStarted).toEqual([]);

  // The first run gives it a fresh Python, in place: numbering starts again and nothing of the
  // notebook before is left, and no new worker boots Python again.
  await notebook.runCellByButton(2);
  await expect(notebook.executionCount(2)).toHaveText('[1]', { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(notebook.output(2)).toHaveText('tensor([5., 5.])');
  await expect(notebook.graphNodes('MulBackward0').first()).toBeVisible();
  await notebook.runCellByButton(4);
  await expect(notebook.output(4)).toContainText('tensor([4., 6.])');
  const check = await notebook.appendCell();
  await notebook.typeIntoCell(check, "print('mine' in globals())");
  await notebook.runCellByButton(check);
  await expect(notebook.output(check)).toHaveText('False');
  expect(workersStarted).toEqual([]);

  // The notebook that was open is untouched.
  await library.openNotebook('Mine');
  expect(await notebook.codeOf(1)).toBe('mine = "kept"');
});

test('the gradcheck example opens framed on a node its gradcheck failed, legible, with nothing run', async ({ notebook, page }) => {
  await withoutPython(page);
  const library = new LibraryPage(page);
  await notebook.open();
  await library.openExample('gradcheck catches a wrong backward');
  // The wrong Square's nodes (one per gradcheck call) carry ✗; the first is the one Fit frames.
  const failing = notebook.graph.locator('[data-gradcheck="failed"]').first();
  await expect(failing).toBeVisible();
  // It opens with what it printed when recorded: gradcheck's verdict, before Python has loaded.
  await expect(notebook.output(2)).toContainText('Jacobian mismatch for output 0 with respect to input 0');
  const canvas = (await notebook.graph.locator('svg.gs-graph').boundingBox())!;
  await expect
    .poll(
      async () => {
        const box = await failing.boundingBox();
        return (
          box !== null &&
          box.x >= canvas.x &&
          box.y >= canvas.y &&
          box.x + box.width <= canvas.x + canvas.width &&
          box.y + box.height <= canvas.y + canvas.height
        );
      },
      { message: 'the failing node is wholly in view' },
    )
    .toBe(true);
  const labelPixels = await failing
    .locator('text.gs-op-text')
    .evaluate((text) => parseFloat(getComputedStyle(text).fontSize) * (text as SVGTextElement).getScreenCTM()!.a);
  expect(labelPixels).toBeGreaterThanOrEqual(11);
});
