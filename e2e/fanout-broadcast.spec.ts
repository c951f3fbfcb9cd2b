import { expect, test } from './fixtures.ts';
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

test('a fan-out shows both gradient contributions and their sum', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.runInFirstCell(FAN_OUT_PROGRAM);
  await expect(notebook.output(1)).toHaveText('tensor([5., 5.])');

  await replay.stepTo('fan-out sum', 40);
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

test('a broadcast add sums the gradient over the broadcast dimension', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.runInFirstCell(BROADCAST_PROGRAM);
  await expect(notebook.output(1)).toHaveText('tensor([2., 2., 2.])');

  await replay.stepTo('backward of AddBackward0', 40);
  await expect(replay.chainRule).toContainText('∂y/∂x = 1 · 1 = 1');
  await expect(replay.chainRule).toContainText('∂y/∂b = 1 · 1 = 1, summed over dim 0 ([2, 3] → [3]) = 2');
});
