/**
 * The editor is usable at first paint: Monaco (2.7 MB of script) loads after it, and until it has,
 * a cell is a plain text area holding the code that already takes typing. Here Monaco's script is
 * held back until the person has typed; Monaco then takes over with their code and their caret.
 */
import { expect, test } from '@playwright/test';
import { codeLinkHash } from '../app/core/share/code-link.ts';
import { NotebookPage } from './pages/notebook-page.ts';

test('a cell takes typing before Monaco has loaded, and Monaco takes over with what was typed', async ({ page }) => {
  let releaseMonaco = (): void => {};
  const monacoHeld = new Promise<void>((resolve) => (releaseMonaco = resolve));
  await page.route('**/assets/editor.api-*.js', async (route) => {
    await monacoHeld;
    await route.continue();
  });
  const notebook = new NotebookPage(page);
  await page.goto(`/${codeLinkHash('x = 1')}`);

  // Monaco's own hidden text area has the same label: the plain one is told apart by its class.
  const plain = notebook.cell(1).locator('textarea.cell-editor__plain');
  await expect(plain).toHaveAccessibleName('Code of cell 1');
  await expect(plain).toHaveValue('x = 1');
  await expect(notebook.editorOf(1)).toHaveCount(0);
  await plain.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' + 2');

  releaseMonaco();
  await expect(notebook.editorOf(1)).toBeVisible();
  await expect(plain).toHaveCount(0);
  expect(await notebook.codeOf(1)).toBe('x = 1 + 2');
  // The caret stayed where the person left it: typing goes on at the end of the line, in Monaco.
  await page.keyboard.type('0');
  await expect.poll(() => notebook.codeOf(1)).toBe('x = 1 + 20');
});
