import { codeLinkHash } from '../app/core/share/code-link.ts';
import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';
import { ReplayPage } from './pages/replay-page.ts';

// 2,000 optimizer steps of a small MLP: every pass is charted, only the last few keep their full
// detail (docs/trace.md states the bound), and the page answers while Python is busy.
const TRAINING_LOOP = `import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(32, 2)
y = (x[:, :1] * x[:, 1:]).sign()
for step in range(2000):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
print("done", loss.item() < 1.0)`;

test('a 2,000-step training loop charts every pass, keeps the last passes in full, and the page stays responsive', async ({ notebook, page }) => {
  await notebook.open(codeLinkHash(TRAINING_LOOP));
  await notebook.waitForKernelReady();
  await notebook.runCellByButton(1);
  await expect(notebook.kernelStatus).toHaveText(/Busy|Running/i);

  // While Python trains in the worker, the page still answers: a new cell appears at once.
  await notebook.addCellButton.click();
  await expect(notebook.cell(2)).toBeVisible({ timeout: 2_000 });

  await expect(notebook.output(1)).toHaveText('done True', { timeout: PYTHON_LOAD_TIMEOUT });
  // The loss chart has every iteration …
  await expect(new ReplayPage(page).pickedPass).toHaveText(/^2000 passes, loss \S+ → \S+$/);
  // … and the trace kept the detail of only the last three backward passes.
  const backwardSections = page.locator('.timeline__section[data-phase="backward"]');
  await expect(backwardSections).toHaveText(['backward 1998', 'backward 1999', 'backward 2000']);
});
