/**
 * Issue #10's acceptance: a 50-step makemore MLP training loop typed into the browser notebook prints
 * the same losses, to the last digit, as `gradscope run` prints for the same file in Node.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

const PROGRAM_PATH = fileURLToPath(new URL('./programs/makemore_mlp_50_steps.py', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/gradscope.mjs', import.meta.url));

test('a 50-step makemore MLP loop typed into the notebook prints what the CLI prints', async ({ freshNotebook: notebook }) => {
  const program = readFileSync(PROGRAM_PATH, 'utf8').trimEnd();
  // The CLI's output for the same file, computed now (same engine build as the page's).
  const cliStdout = execFileSync(process.execPath, [CLI, 'run', PROGRAM_PATH], { encoding: 'utf8', timeout: 120_000 });
  expect(cliStdout.split('\n').filter(Boolean)).toHaveLength(6);

  const cell = await notebook.appendCell();
  await notebook.typeIntoCell(cell, program);
  expect(await notebook.codeOf(cell)).toBe(program);
  await notebook.runCellByButton(cell);

  await expect(notebook.executionCount(cell)).toHaveText(/^\[\d+\]$/, { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(notebook.output(cell).locator('.output--traceback, .output--stderr')).toHaveCount(0);
  expect(await notebook.stdoutOf(cell)).toBe(cliStdout);
});
