/**
 * Python's start kept as a memory snapshot in the browser's Cache Storage: the first page load makes
 * it, later loads restore it, and a damaged one costs a fresh start rather than a broken kernel.
 * The first test begins with empty Cache Storage (a first visit); the second with what a first start
 * kept there, as every test's context does by default (fixtures.ts, `warmPython`).
 */
import type { Page } from '@playwright/test';
import { expect, PYTHON_LOAD_TIMEOUT, SEED_PROGRAM, test } from './fixtures.ts';
import type { NotebookPage } from './pages/notebook-page.ts';

const SNAPSHOT_CACHE = 'gradscope-python-snapshot';

/** Byte sizes of the snapshots the page's Cache Storage holds. */
function keptSnapshotSizes(page: Page): Promise<number[]> {
  return page.evaluate(async (name) => {
    const cache = await caches.open(name);
    const sizes: number[] = [];
    for (const request of await cache.keys()) sizes.push((await (await cache.match(request))!.arrayBuffer()).byteLength);
    return sizes;
  }, SNAPSHOT_CACHE);
}

async function expectOneGoodSnapshotKept(page: Page): Promise<void> {
  await expect.poll(async () => (await keptSnapshotSizes(page)).map((size) => size > 10_000_000), { timeout: PYTHON_LOAD_TIMEOUT }).toEqual([true]);
}

async function runSeedProgram(notebook: NotebookPage): Promise<void> {
  await notebook.typeIntoCell(1, SEED_PROGRAM);
  await notebook.runCellAndAdvance(1);
  await expect(notebook.output(1)).toHaveText('tensor([0.6667, 0.6667, 0.6667])', { timeout: PYTHON_LOAD_TIMEOUT });
}

test.describe('a first visit', () => {
  test.use({ warmPython: false });

  test('a reload starts Python from the snapshot the first load kept, and runs the same', async ({ notebook, page }) => {
    await notebook.open();
    await notebook.waitForKernelReady();
    await expect(notebook.kernelStatus).not.toHaveAttribute('title', /saved start/);
    await expectOneGoodSnapshotKept(page);

    await notebook.open();
    await notebook.waitForKernelReady();
    await expect(notebook.kernelStatus).toHaveAttribute('title', /from its saved start/);
    await runSeedProgram(notebook);
  });
});

test('a damaged snapshot costs a fresh start, not a broken Python, and is replaced', async ({ notebook, page }) => {
  await notebook.open();
  await notebook.waitForKernelReady();
  await expectOneGoodSnapshotKept(page);
  await page.evaluate(async (name) => {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) await cache.put(request, new Response(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])));
  }, SNAPSHOT_CACHE);

  await notebook.open();
  await notebook.waitForKernelReady();
  await expect(notebook.kernelStatus).not.toHaveAttribute('title', /saved start/);
  await runSeedProgram(notebook);
  await expectOneGoodSnapshotKept(page);
});
