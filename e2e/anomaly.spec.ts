import type { Page } from '@playwright/test';
import { SQRT_ANOMALY_CODE, SQRT_ANOMALY_MESSAGE, WRONG_COUNT_CODE, WRONG_COUNT_MESSAGE } from '../app/core/trace/test/fixtures/custom-traces.ts';
import { expect, test } from './fixtures.ts';
import type { NotebookPage } from './pages/notebook-page.ts';
import { ReplayPage } from './pages/replay-page.ts';

const SHOTS = process.env.STEPPER_SHOTS_DIR;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

async function expectSqrtMarked(notebook: NotebookPage, replay: ReplayPage, line: number): Promise<void> {
  const sqrt = notebook.graphNodes('SqrtBackward0');
  await expect(sqrt).toHaveClass(/has-error/);
  await expect(sqrt).toHaveClass(/is-anomaly/);
  await expect(sqrt).toHaveAttribute('data-error', SQRT_ANOMALY_MESSAGE);
  await expect(sqrt.locator('title')).toContainText('returned nan values');
  // The forward line that made the node: `y = torch.sqrt(x)`.
  await expect(replay.errorLines(1)).toHaveAttribute('data-error-lines', String(line));
  await expect(notebook.cell(1).locator('.cell-editor__anomaly-line')).toHaveCount(1);
  await expect(
    notebook
      .cell(1)
      .locator('.view-line')
      .nth(line - 1),
  ).toContainText('y = torch.sqrt(x)');
  await sqrt.click();
  await expect(replay.inspector.getByRole('alert', { name: 'Backward error' })).toContainText(`RuntimeError: ${SQRT_ANOMALY_MESSAGE}`);
}

test('detect_anomaly with sqrt: the node is marked, `y = torch.sqrt(x)` is lit, PyTorch’s message is shown', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.runInFirstCell(SQRT_ANOMALY_CODE);
  await expect(notebook.output(1)).toContainText(SQRT_ANOMALY_MESSAGE);
  await expectSqrtMarked(notebook, replay, 4);
  await shot(page, 'anomaly');
});

test('the Detect anomaly toggle turns anomaly mode on for code that does not ask for it', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  const code = 'import torch\nx = torch.tensor([0., 1.], requires_grad=True)\ny = torch.sqrt(x)\n(y * torch.tensor([0., 1.])).sum().backward()\n';
  await notebook.runInFirstCell(code, async () => {
    await page.getByRole('checkbox', { name: 'Detect anomaly' }).check();
  });
  await expect(notebook.output(1)).toContainText(SQRT_ANOMALY_MESSAGE);
  await expectSqrtMarked(notebook, replay, 3);
  // The toggle outlives a notebook: off again, the later tests on this shared page get PyTorch's default.
  await page.getByRole('checkbox', { name: 'Detect anomaly' }).uncheck();
});

test('a backward returning the wrong number of gradients marks the node and lights its return line', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.runInFirstCell(WRONG_COUNT_CODE);
  await expect(notebook.output(1)).toContainText(WRONG_COUNT_MESSAGE);
  const node = notebook.graphNodes('TwoInBackward');
  await expect(node).toHaveClass(/has-error/);
  await expect(node).not.toHaveClass(/is-anomaly/);
  await expect(node.locator('text.gs-badge')).toHaveText('!');
  await expect(replay.errorLines(1)).toHaveAttribute('data-error-lines', '10');
  await expect(notebook.cell(1).locator('.cell-editor__backward-error-line')).toHaveCount(1);

  // The error is a step of the timeline; entering it shows what the backward returned.
  await replay.stepTo('error in TwoInBackward');
  await expect(replay.inspector.getByRole('alert', { name: 'Backward error' })).toContainText(WRONG_COUNT_MESSAGE);
  await replay.stepIntoButton().click();
  await replay.stepOverButton().click();
  await expect(replay.local('return')).toContainText('[1, 1]');
  await expect(replay.local('ctx')).toContainText('(True, True)');
  await shot(page, 'wrong-count');
});
