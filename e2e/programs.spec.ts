/**
 * Issue #3's acceptance: the programs that print what PyTorch prints in Node (engine/test/programs.test.ts)
 * print the same text in the browser notebook, each pasted into a new cell and run with the cell's button.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

const PROGRAMS_DIR = fileURLToPath(new URL('../engine/test/programs/', import.meta.url));

interface Golden {
  readonly stdout: string;
  readonly exit_code: number;
}

const goldens = JSON.parse(readFileSync(`${PROGRAMS_DIR}goldens.json`, 'utf8')) as Record<string, Golden>;

/** The seed article's three programs, a caught second-backward error, and a seeded training loop. */
const PROGRAMS = ['seed_mean', 'seed_fanout', 'seed_myrelu', 'second_backward_error', 'tutorial_mlp_sgd_momentum'] as const;

// Each program runs in a new notebook on the worker's booted page (a fresh Python session, no boot):
// each is a whole script that imports, seeds and builds what it prints.
for (const name of PROGRAMS) {
  test(`${name}.py prints in the notebook exactly what PyTorch printed`, async ({ freshNotebook: notebook }) => {
    const golden = goldens[name];
    expect(golden, `${name} has a golden`).toBeDefined();
    expect(golden!.exit_code, `${name} is a program that finishes without an uncaught error`).toBe(0);

    const cell = await notebook.appendCell();
    await notebook.pasteIntoCell(cell, readFileSync(`${PROGRAMS_DIR}${name}.py`, 'utf8'));
    await notebook.runCellByButton(cell);

    // The count replaces [*] only when the run has finished.
    await expect(notebook.executionCount(cell)).toHaveText(/^\[\d+\]$/, { timeout: PYTHON_LOAD_TIMEOUT });
    await expect(notebook.output(cell).locator('.output--traceback, .output--stderr')).toHaveCount(0);
    expect(await notebook.stdoutOf(cell)).toBe(golden!.stdout);
  });
}
