/**
 * Issue #3's acceptance: the programs that print what PyTorch prints in Node (engine/test/programs.test.ts)
 * print the same text in the browser notebook, opened from a `#code=` link and run with the cell's button.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { codeLinkHash } from '../app/share/code-link.ts';
import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';
import { NotebookPage } from './pages/notebook-page.ts';

const PROGRAMS_DIR = fileURLToPath(new URL('../engine/test/programs/', import.meta.url));

interface Golden {
  readonly stdout: string;
  readonly exit_code: number;
}

const goldens = JSON.parse(readFileSync(`${PROGRAMS_DIR}goldens.json`, 'utf8')) as Record<string, Golden>;

/** The seed article's three programs, a caught second-backward error, and a seeded training loop. */
const PROGRAMS = ['seed_mean', 'seed_fanout', 'seed_myrelu', 'second_backward_error', 'tutorial_mlp_sgd_momentum'] as const;

// One page for all programs: each `#code=` link is a fresh load of the app, but the browser keeps
// Pyodide's files cached across them, so only the first program pays the full download.
test.describe.configure({ mode: 'serial' });

let page: Page;
let notebook: NotebookPage;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  notebook = new NotebookPage(page);
});

test.afterAll(async () => {
  await page.close();
});

for (const name of PROGRAMS) {
  test(`${name}.py prints in the notebook exactly what PyTorch printed`, async () => {
    const golden = goldens[name];
    expect(golden, `${name} has a golden`).toBeDefined();
    expect(golden!.exit_code, `${name} is a program that finishes without an uncaught error`).toBe(0);

    await notebook.openFresh(codeLinkHash(readFileSync(`${PROGRAMS_DIR}${name}.py`, 'utf8')));
    await notebook.runCellByButton(1);

    // A fresh page numbers its first run 1; the count replaces [*] only when the run has finished.
    await expect(notebook.executionCount(1)).toHaveText('[1]', { timeout: PYTHON_LOAD_TIMEOUT });
    await expect(notebook.output(1).locator('.output--traceback, .output--stderr')).toHaveCount(0);
    expect(await notebook.stdoutOf(1)).toBe(golden!.stdout);
  });
}
