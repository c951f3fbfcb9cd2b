import { test as base } from '@playwright/test';
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

/** Every spec gets a page object for the notebook. */
export const test = base.extend<{ notebook: NotebookPage }>({
  notebook: async ({ page }, use) => {
    await use(new NotebookPage(page));
  },
});

export { expect } from '@playwright/test';
