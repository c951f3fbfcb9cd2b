import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

const MLP_PROGRAM = `import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
x = torch.randn(2, 3)
loss = model(x).sum()
loss.backward()
print(loss.grad_fn)`;

test('an nn.Sequential model is grouped per module, and modules collapse and expand', async ({ notebook, page }) => {
  await notebook.open();
  await notebook.typeIntoCell(1, MLP_PROGRAM);
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toContainText('SumBackward0', { timeout: PYTHON_LOAD_TIMEOUT });

  const moduleBox = (path: string) => notebook.graph.locator(`g.gs-module[data-group-path="${path}"]`);
  await expect(moduleBox('')).toHaveAttribute('aria-label', 'module Sequential');
  await expect(moduleBox('0')).toHaveAttribute('aria-label', 'module 0: Linear');
  await expect(moduleBox('1')).toHaveAttribute('aria-label', 'module 1: ReLU');
  await expect(moduleBox('2')).toHaveAttribute('aria-label', 'module 2: Linear');
  await expect(moduleBox('0')).toContainText('0: Linear');
  // 4 parameters, 2 × (t, addmm), relu, sum
  await expect(notebook.graphNodes()).toHaveCount(10);

  // Collapsing the first Linear folds its weight, bias and two ops into one node with its grad norm.
  await page.getByRole('button', { name: 'Collapse 0: Linear', exact: true }).click();
  const folded = notebook.graphNodes('group');
  await expect(folded).toHaveCount(1);
  await expect(folded).toHaveAttribute('aria-label', /^module 0: Linear, collapsed, 4 nodes, grad norm \d/);
  await expect(folded).toContainText('0: Linear');
  await expect(folded).toContainText('‖grad‖');
  await expect(notebook.graphNodes()).toHaveCount(7);
  await expect(moduleBox('0')).toHaveCount(0);
  await expect(notebook.graphNodes('ReluBackward0')).toBeVisible();

  // Clicking the collapsed module expands it again.
  await folded.click();
  await expect(notebook.graphNodes('group')).toHaveCount(0);
  await expect(notebook.graphNodes()).toHaveCount(10);
  await expect(moduleBox('0')).toHaveAttribute('aria-label', 'module 0: Linear');

  // Collapsing the whole model leaves the model as one node and the loss outside it.
  await page.getByRole('button', { name: 'Collapse Sequential', exact: true }).click();
  await expect(notebook.graphNodes()).toHaveCount(2);
  await expect(notebook.graphNodes('group')).toHaveAttribute('aria-label', /^module Sequential, collapsed, 9 nodes/);
});
