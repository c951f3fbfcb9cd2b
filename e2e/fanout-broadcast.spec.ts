import { codeLinkHash } from '../app/share/code-link.ts';
import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';
import type { NotebookPage } from './pages/notebook-page.ts';
import { ReplayPage } from './pages/replay-page.ts';

const FAN_OUT_PROGRAM = `import torch
a = torch.tensor([2., 3.], requires_grad=True)
b = a * 2 + 3 * a
b.sum().backward()
print(a.grad)`;

const BROADCAST_PROGRAM = `import torch
x = torch.ones(2, 3, requires_grad=True)
b = torch.tensor([1., 2., 3.], requires_grad=True)
y = x + b
y.sum().backward()
print(b.grad)`;

/** Opens the program as a `#code=` link and runs its cell. */
async function runFromLink(notebook: NotebookPage, code: string, expectedOutput: string): Promise<void> {
  await notebook.openFresh(codeLinkHash(code));
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toHaveText(expectedOutput, { timeout: PYTHON_LOAD_TIMEOUT });
}

/** Steps the timeline from its start until the current step's label contains `label`. */
async function stepTo(replay: ReplayPage, label: string): Promise<void> {
  await replay.scrubTo(0);
  for (let steps = 0; steps < 40; steps++) {
    if ((await replay.status.textContent())?.includes(label)) return;
    await replay.stepForward.click();
  }
  await expect(replay.status, `no step labelled ${label}`).toContainText(label);
}

test('a fan-out shows both gradient contributions and their sum', async ({ notebook, page }) => {
  const replay = new ReplayPage(page);
  await runFromLink(notebook, FAN_OUT_PROGRAM, 'tensor([5., 5.])');

  await stepTo(replay, 'fan-out sum');
  await expect(replay.status).toContainText('fan-out sum (2 gradients)');
  await expect(replay.chainRule).toContainText('fan-out: 2 gradients meet at a');
  await expect(replay.chainRule).toContainText('from MulBackward0: 3');
  await expect(replay.chainRule).toContainText('from MulBackward0: 2');
  await expect(replay.chainRule).toContainText('/∂a = 3 + 2 = 5');

  // The next step puts the sum into a.grad.
  await replay.stepForward.click();
  await expect(replay.chainRule).toContainText('a.grad = 0 + 5 = 5');
  await expect(notebook.graphNodes('leaf')).toHaveAttribute('aria-label', /^leaf a, .*grad \[5, 5\]/);
});

test('a broadcast add sums the gradient over the broadcast dimension', async ({ notebook, page }) => {
  const replay = new ReplayPage(page);
  await runFromLink(notebook, BROADCAST_PROGRAM, 'tensor([2., 2., 2.])');

  await stepTo(replay, 'backward of AddBackward0');
  await expect(replay.chainRule).toContainText('∂y/∂x = 1 · 1 = 1');
  await expect(replay.chainRule).toContainText('∂y/∂b = 1 · 1 = 1, summed over dim 0 ([2, 3] → [3]) = 2');
});
