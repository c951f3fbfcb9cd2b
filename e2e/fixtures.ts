import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { NotebookPage } from './pages/notebook-page.ts';

export { PYTHON_LOAD_TIMEOUT } from './pages/notebook-page.ts';

/** The program, exactly: the seed article's chain rule through mul, add and mean. */
export const SEED_PROGRAM = `import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = y + 3
w = z.mean()
w.backward()
print(x.grad)        # tensor([0.6667, 0.6667, 0.6667])`;

/**
 * Takes Python away from a page (or every page of a context): every request for Pyodide's files
 * fails, so Python never loads. For specs about what works without Python (a recorded snapshot,
 * the notebook library, links, files): booting Pyodide costs ~5 s of CPU per page on this 2-core
 * machine and would only compete with what the spec checks.
 */
export async function withoutPython(target: Page | BrowserContext): Promise<void> {
  await target.route('**/pyodide/**', (route) => route.abort());
}

interface WorkerFixtures {
  /**
   * One notebook page with Python booted, kept for every test of a Playwright worker (its own browser
   * context, so nothing of it leaks into the per-test `page`). Tests take it through `freshNotebook`,
   * which opens a new notebook on it first. A failed test ends its worker, so the next test boots afresh.
   */
  sharedNotebook: NotebookPage;
}

interface TestFixtures {
  /** The notebook on the test's own page (nothing loaded yet: the test opens it). */
  notebook: NotebookPage;
  /**
   * The worker's `sharedNotebook` page showing a new, empty notebook with a fresh Python session
   * (`NotebookPage.openNewNotebook`): variables, numbering and graph start afresh, Python stays
   * loaded. For tests about what a run shows, where booting Python is not what the test is about.
   * Its page is `freshNotebook.page`; asking for `page` too would open another, unused one.
   */
  freshNotebook: NotebookPage;
}

/** Every spec gets a page object for the notebook. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  notebook: async ({ page }, use) => {
    await use(new NotebookPage(page));
  },
  freshNotebook: async ({ sharedNotebook }, use) => {
    await sharedNotebook.openNewNotebook();
    await use(sharedNotebook);
  },
  sharedNotebook: [
    async ({ browser }, use, workerInfo) => {
      // A context made here does not get the config's `use` options by itself.
      const { baseURL, viewport, reducedMotion } = workerInfo.project.use;
      const context = await browser.newContext({ baseURL, viewport, reducedMotion });
      const page = await context.newPage();
      const notebook = new NotebookPage(page);
      await notebook.open();
      await notebook.waitForKernelReady();
      // The page waits 4 s for IndexedDB before it keeps notebooks in memory only (and says so); on a
      // machine this loaded that wait can run out while Python boots beside it, and every later test
      // here that saves would fail for it. Such a page is loaded again (storage answers in time then).
      const saveStatus = page.getByRole('status', { name: 'Save status' });
      for (let attempt = 1; attempt < 3 && (await saveStatus.getAttribute('title'))?.includes('did not answer'); attempt++) {
        await page.reload();
        await notebook.waitForKernelReady();
      }
      await use(notebook);
      await context.close();
    },
    { scope: 'worker', timeout: 300_000 },
  ],
});

export { expect } from '@playwright/test';
