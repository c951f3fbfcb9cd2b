import { readFileSync } from 'node:fs';
import { expect, test, withoutPython } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';
import { SharePage } from './pages/share-page.ts';

test.describe('autosave', () => {
  test('an edit, its output and its graph come back after a reload, without running anything', async ({ notebook, page }) => {
    test.setTimeout(600_000);
    const library = new LibraryPage(page);
    await notebook.open();
    await notebook.waitForKernelReady();
    await notebook.typeIntoCell(1, 'import torch\na = torch.tensor([2., 3.], requires_grad=True)\nb = (a * a).sum()\nb.backward()\nprint(a.grad)');
    await notebook.runCellByButton(1);
    await expect(notebook.output(1)).toContainText('tensor([4., 6.])');
    await expect(notebook.graphNodes('MulBackward0')).toHaveCount(1);
    await library.rename('Squares');
    await library.waitUntilSaved();

    await page.reload();
    await expect(notebook.editorOf(1)).toBeVisible();
    await expect(library.title).toHaveValue('Squares');
    expect(await notebook.codeOf(1)).toContain('b = (a * a).sum()');
    await expect(notebook.output(1)).toContainText('tensor([4., 6.])');
    await expect(notebook.executionCount(1)).toHaveText('[1]');
    // The graph is drawn from the stored trace: nothing ran after the reload.
    await expect(notebook.graphNodes('MulBackward0')).toHaveCount(1);
    await expect(library.saveStatus).toHaveText('Saved');
  });

  // Past 250 events the trace is stored in parts, a part per task (trace-parts.ts).
  test('a long run’s trace, stored in parts, comes back whole after a reload', async ({ notebook, page }) => {
    test.setTimeout(600_000);
    const library = new LibraryPage(page);
    await notebook.open();
    await notebook.waitForKernelReady();
    await notebook.pasteIntoCell(1, 'import torch\ny = torch.ones(1, requires_grad=True)\nfor _ in range(3000):\n    y = y * 1.0\ny.backward()');
    await notebook.runCellByButton(1);
    await expect(notebook.executionCount(1)).toHaveText('[1]', { timeout: 300_000 });
    const graphNote = page.getByRole('note', { name: 'Graph simplified' });
    await expect(graphNote).toContainText('3,000 repeated `mul` ops on line 4 collapsed', { timeout: 120_000 });
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    const lastStep = await timeline.getAttribute('max');
    expect(Number(lastStep)).toBeGreaterThan(6_000);
    await library.waitUntilSaved();

    await page.reload();
    await expect(notebook.editorOf(1)).toBeVisible();
    await expect(graphNote).toContainText('3,000 repeated `mul` ops on line 4 collapsed', { timeout: 120_000 });
    await expect(timeline).toHaveAttribute('max', lastStep!);
  });

  test('an edit made just before the page goes away is kept', async ({ notebook, page }) => {
    await withoutPython(page);
    const library = new LibraryPage(page);
    await notebook.open();
    await notebook.typeIntoCell(1, 'typed = "right before reload"');
    // No waiting for the debounce: pagehide writes it.
    await page.reload();
    await expect(notebook.editorOf(1)).toBeVisible();
    expect(await notebook.codeOf(1)).toBe('typed = "right before reload"');
    await expect(library.saveStatus).toHaveText('Saved');
  });
});

test('blocked browser storage is said plainly, editing goes on, and export still keeps the work', async ({ notebook, page }) => {
  await withoutPython(page);
  // A browser that refuses IndexedDB (private mode, a policy, a full disk).
  await page.addInitScript(() => {
    Object.defineProperty(window.indexedDB, 'open', {
      value: () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    });
  });
  const library = new LibraryPage(page);
  const share = new SharePage(page);
  await notebook.open();
  await expect(library.saveStatus).toHaveText('Not saved');
  await expect(library.saveStatus).toHaveAttribute('title', /denied permission/);
  await notebook.typeIntoCell(1, 'kept = "by export"');
  // Past the autosave delay, it still does not pretend the edit was saved.
  await page.waitForTimeout(1_000);
  await expect(library.saveStatus).toHaveText('Not saved');
  const download = await share.exportFromFileMenu('Export as Python (.py)');
  expect(readFileSync((await download.path())!, 'utf8')).toContain('kept = "by export"');
});
