import { codeLinkHash } from '../app/core/share/code-link.ts';
import { expect, test, withoutPython } from './fixtures.ts';

test('a #code= link fills the first cell and runs nothing', async ({ notebook }) => {
  const code = 'print("from a link: ∂L/∂w")';
  await notebook.open(codeLinkHash(code));
  expect(await notebook.codeOf(1)).toBe(code);

  await notebook.waitForKernelReady();
  await expect(notebook.output(1)).toHaveText('');
  await expect(notebook.executionCount(1)).toHaveText('[ ]');
  await expect(notebook.graphNodes()).toHaveCount(0);
});

test('a broken #code= link says so and leaves the notebook as it was', async ({ notebook, page }) => {
  await withoutPython(page);
  await notebook.open('#code=%%%not-base64');
  await expect(page.getByRole('alert').filter({ hasText: 'not valid base64url' })).toBeVisible();
  expect(await notebook.codeOf(1)).toContain('import torch');
});
