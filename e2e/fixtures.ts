import { test as base } from '@playwright/test';
import { NotebookPage } from './pages/notebook-page.ts';

export { PYTHON_LOAD_TIMEOUT } from './pages/notebook-page.ts';

export const SEED_PROGRAM = `import torch
x = torch.ones(3, requires_grad=True)
y = x * 2 + 1
z = y.mean()
z.backward()
print(x.grad)`;

/** Every spec gets a page object for the notebook. */
export const test = base.extend<{ notebook: NotebookPage }>({
  notebook: async ({ page }, use) => {
    await use(new NotebookPage(page));
  },
});

export { expect } from '@playwright/test';
