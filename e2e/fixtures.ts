import { expect, test as base, type Browser, type BrowserContext, type Page, type WorkerInfo } from '@playwright/test';
import { NotebookPage, PYTHON_LOAD_TIMEOUT } from './pages/notebook-page.ts';
import { mirrorCacheStorage, type CacheMirror } from './cache-mirror.ts';

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

/** A new context with the config's `use` options (a context made in a fixture does not get them by itself). */
function newConfiguredContext(browser: Browser, workerInfo: WorkerInfo): Promise<BrowserContext> {
  const { baseURL, viewport, reducedMotion } = workerInfo.project.use;
  return browser.newContext({ baseURL, viewport, reducedMotion });
}

/**
 * Boots the app once in a context of its own, waits until it has kept Python's start-up snapshot in
 * Cache Storage, and mirrors that storage for the contexts of later tests.
 */
async function mirrorBootedCaches(browser: Browser, workerInfo: WorkerInfo): Promise<CacheMirror> {
  const context = await newConfiguredContext(browser, workerInfo);
  try {
    const notebook = new NotebookPage(await context.newPage());
    await notebook.open();
    await notebook.waitForKernelReady();
    // The snapshot reaches Cache Storage after Python is ready (the app does not wait for the write).
    const entryCount = () =>
      notebook.page.evaluate(async () =>
        (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).length))).reduce((a, b) => a + b, 0),
      );
    await expect.poll(entryCount, { timeout: PYTHON_LOAD_TIMEOUT }).toBeGreaterThan(0);
    return await mirrorCacheStorage(context, workerInfo.project.use.baseURL!);
  } finally {
    await context.close();
  }
}

interface WorkerFixtures {
  /**
   * This worker's copy of what the app keeps in Cache Storage after its first start (Python's
   * snapshot), made on first use by booting the app once cold.
   */
  pythonCaches: () => Promise<CacheMirror>;
  /**
   * One notebook page with Python booted, kept for every test of a Playwright worker (its own browser
   * context, so nothing of it leaks into the per-test `page`). Tests take it through `freshNotebook`,
   * which opens a new notebook on it first. A failed test ends its worker, so the next test boots afresh.
   */
  sharedNotebook: NotebookPage;
}

interface TestFixtures {
  /**
   * Whether the test's context starts with the app's Cache Storage as a first start left it, so
   * Python starts from its snapshot (~2 s) instead of cold (~15 s of CPU here). Default true;
   * `test.use({ warmPython: false })` for tests about a first start.
   */
  warmPython: boolean;
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
  warmPython: [true, { option: true }],
  context: async ({ context, warmPython, pythonCaches }, use) => {
    if (warmPython) await (await pythonCaches()).seed(context);
    await use(context);
  },
  pythonCaches: [
    async ({ browser }, use, workerInfo) => {
      let mirror: Promise<CacheMirror> | undefined;
      await use(() => (mirror ??= mirrorBootedCaches(browser, workerInfo)));
      await mirror?.then(
        (made) => made.close(),
        () => undefined,
      );
    },
    { scope: 'worker' },
  ],
  notebook: async ({ page }, use) => {
    await use(new NotebookPage(page));
  },
  freshNotebook: async ({ sharedNotebook }, use) => {
    await sharedNotebook.openNewNotebook();
    await use(sharedNotebook);
  },
  sharedNotebook: [
    async ({ browser, pythonCaches }, use, workerInfo) => {
      const context = await newConfiguredContext(browser, workerInfo);
      await (await pythonCaches()).seed(context);
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
