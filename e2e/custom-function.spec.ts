import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { BAD_SQUARE_CODE, MYRELU_CODE } from '../app/core/trace/test/fixtures/custom-traces.ts';
import { expect, test, withoutPython } from './fixtures.ts';
import { ReplayPage } from './pages/replay-page.ts';

const SHOTS = process.env.STEPPER_SHOTS_DIR;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

/** The seed's MyReLU, stepped line by line: each line's locals, then back in time. */
async function stepThroughMyReluBackward(page: Page, replay: ReplayPage): Promise<void> {
  await replay.stepTo('backward of MyReLUBackward');
  await expect(replay.stepIntoButton()).toBeEnabled();
  await expect(replay.locals()).toContainText('Step into MyReLU.backward');

  // ↓ enters the frame at its first line, `input, = ctx.saved_tensors`: grad_output and ctx are there.
  await replay.pressKey('ArrowDown');
  await expect(replay.frameLineNumber(1)).toHaveText('12');
  await expect(replay.status).toContainText('in MyReLU.backward · line 12');
  await expect(replay.local('grad_output')).toContainText('[1, 1, 1, 1]');
  await expect(replay.local('ctx')).toContainText('saved_tensors');
  await expect(replay.local('ctx')).toContainText('[-2, -0.5, 0.5, 3]');
  await expect(replay.local('ctx')).toContainText('(True,)');
  await expect(replay.local('input')).toHaveCount(0);
  await shot(page, 'stepper-line-12');

  // Step over: input from ctx.saved_tensors, grad_input after the clone, then after the mask.
  await replay.stepOverButton().click();
  await expect(replay.frameLineNumber(1)).toHaveText('13');
  await expect(replay.local('input')).toContainText('[-2, -0.5, 0.5, 3]');
  await expect(replay.local('input')).toHaveAttribute('data-change', 'new');
  await replay.stepOverButton().click();
  await expect(replay.frameLineNumber(1)).toHaveText('14');
  await expect(replay.local('grad_input')).toContainText('[1, 1, 1, 1]');
  await replay.stepOverButton().click();
  await expect(replay.frameLineNumber(1)).toHaveText('15');
  await expect(replay.local('grad_input')).toContainText('[0, 0, 1, 1]');
  await expect(replay.local('grad_input')).toHaveAttribute('data-change', 'changed');
  await shot(page, 'stepper-line-15');
  await replay.stepOverButton().click();
  await expect(replay.local('return')).toContainText('[0, 0, 1, 1]');
  await expect(replay.locals()).toContainText('returned at line 15');

  // Step back (←): time travel restores each earlier line's locals exactly.
  await replay.pressKey('ArrowLeft');
  await expect(replay.frameLineNumber(1)).toHaveText('15');
  await expect(replay.local('return')).toHaveCount(0);
  await replay.pressKey('ArrowLeft');
  await expect(replay.frameLineNumber(1)).toHaveText('14');
  await expect(replay.local('grad_input')).toContainText('[1, 1, 1, 1]');
  await replay.pressKey('ArrowLeft');
  await expect(replay.local('grad_input')).toHaveCount(0);
  await expect(replay.local('input')).toContainText('[-2, -0.5, 0.5, 3]');

  // Step out returns to the graph step.
  await replay.stepOutButton().click();
  await expect(replay.frameLineNumber(1)).toHaveCount(0);
  await expect(replay.status).toContainText('backward of MyReLUBackward');
  await expect(replay.stepOverButton()).toBeDisabled();
}

test('MyReLU run in the notebook: step into its backward line by line, step back, and stop Play at a breakpoint', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.runInFirstCell(MYRELU_CODE);
  await expect(notebook.output(1)).toContainText('tensor([0., 0., 1., 1.])');
  await expect(notebook.graphNodes('MyReLUBackward')).toHaveAttribute('data-gradcheck', 'passed');
  await stepThroughMyReluBackward(page, replay);

  // A breakpoint on `grad_input[input < 0] = 0` (line 14) stops Play there, inside the backward.
  await replay.toggleBreakpoint(1, 14);
  await expect(notebook.cell(1).locator('.cell-editor')).toHaveAttribute('data-breakpoints', '14');
  await expect(notebook.cell(1).locator('.cell-editor__breakpoint')).toHaveCount(1);
  await replay.scrubTo(0);
  await replay.play.click();
  await expect(replay.frameLineNumber(1)).toHaveText('14', { timeout: 20_000 });
  await expect(replay.play).toBeVisible();
  await expect(replay.status).toContainText('in MyReLU.backward · line 14');
  await expect(replay.local('grad_input')).toContainText('[1, 1, 1, 1]');
  await shot(page, 'stepper-breakpoint');

  // Clicking the dot again removes it; Play then walks the rest of the frame and on to the end.
  await replay.toggleBreakpoint(1, 14);
  await expect(notebook.cell(1).locator('.cell-editor__breakpoint')).toHaveCount(0);
  await replay.play.click();
  await expect(replay.status).toContainText(/^(\d+)\/\1 /, { timeout: 30_000 });
});

test('a backward that returns g * x for x * x gets a failed gradcheck badge, with both Jacobians as heatmaps', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.runInFirstCell(BAD_SQUARE_CODE);
  const node = notebook.graphNodes('SquareBackward');
  await expect(node).toHaveAttribute('data-gradcheck', 'failed');
  await expect(node.locator('text.gs-badge')).toHaveText('✗');
  await expect(node).toHaveAttribute('aria-label', /gradcheck failed/);

  await node.click();
  const jacobians = replay.inspector.getByRole('group', { name: 'Jacobians of output 0 with respect to input 0' });
  await expect(jacobians).toContainText('output 0 with respect to input 0');
  const diagonal = async (title: string) => {
    const grid = jacobians.getByRole('figure', { name: `${title} Jacobian` });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) texts.push((await grid.locator(`[data-row="${i}"][data-column="${i}"]`).textContent()) ?? '');
    return texts;
  };
  expect(await diagonal('analytical')).toEqual(['1', '2', '3']);
  expect(await diagonal('numerical')).toEqual(['2', '4', '6']);
  await expect(jacobians.locator('[data-mismatch="true"]')).toHaveCount(6);
  await expect(replay.inspector.getByLabel('Gradcheck message')).toContainText('Jacobian mismatch for output 0 with respect to input 0');
  await expect(replay.inspector.getByLabel('Gradcheck failed')).toBeVisible();
  await shot(page, 'gradcheck-failed');
});

test('a snapshot of MyReLU steps into its backward with no Python loaded', async ({ notebook, page }) => {
  await withoutPython(page);
  const replay = new ReplayPage(page);
  await page.goto('/');
  await replay.openSnapshot(fileURLToPath(new URL('../app/core/trace/test/fixtures/myrelu.snapshot.json', import.meta.url)));
  await expect(notebook.graphNodes('MyReLUBackward')).toHaveCount(1);
  await stepThroughMyReluBackward(page, replay);
});
