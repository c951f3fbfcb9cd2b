import { expect, PYTHON_LOAD_TIMEOUT, SEED_PROGRAM, test } from './fixtures.ts';
import { ReplayPage } from './pages/replay-page.ts';

const SHOTS = process.env.REPLAY_SHOTS_DIR;

test('the seed program replays forward and backward, with the chain rule on screen', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.typeIntoCell(1, SEED_PROGRAM);
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toHaveText('tensor([0.6667, 0.6667, 0.6667])', { timeout: PYTHON_LOAD_TIMEOUT });
  const shot = async (name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
  };

  // Forward: x, then one op per line, lines 3–5 lit in turn.
  await replay.scrubTo(0);
  await expect(replay.status).toContainText('1/10 · leaf');
  await expect(notebook.graphNodes()).toHaveCount(1);
  await expect(notebook.graphNodes('leaf')).toHaveAttribute('aria-label', /^leaf x/);
  const forward = [
    ['MulBackward0', '3'],
    ['AddBackward0', '4'],
    ['MeanBackward0', '5'],
  ] as const;
  for (const [index, [gradFn, line]] of forward.entries()) {
    await replay.pressKey('ArrowRight');
    await expect(replay.activeNode()).toHaveAttribute('data-op', gradFn);
    await expect(notebook.graphNodes()).toHaveCount(index + 2);
    await expect(replay.litLineNumber(1)).toHaveText(line);
    await shot(`forward-${index + 1}-${gradFn}`);
  }
  await expect(notebook.graphNodes('MulBackward0')).toContainText('→ y');

  // Backward: 1 → 0.3333 ×3 → 0.3333 ×3 → 0.6667 ×3, each shown when computed, with a pulse.
  await replay.stepForward.click(); // backward()
  await replay.stepForward.click();
  await expect(notebook.graphNodes('MeanBackward0')).toContainText('grad 1');
  await expect(replay.pulses()).toHaveCount(1);
  await expect(replay.chainRule).toContainText('∂w/∂z = ∂w/∂w · ∂w/∂z = 1 · 0.3333 = 0.3333');
  await replay.stepForward.click();
  await expect(notebook.graphNodes('AddBackward0')).toContainText('grad 0.3333 ×3');
  await replay.stepForward.click();
  await expect(notebook.graphNodes('MulBackward0')).toContainText('grad 0.3333 ×3');
  await expect(replay.chainRule).toContainText('∂w/∂x = ∂w/∂y · ∂y/∂x = 0.3333 · 2 = 0.6667');
  await expect(notebook.graphNodes('leaf')).toHaveAttribute('aria-label', /no grad yet/);
  await shot('backward-mul');
  await replay.stepForward.click();
  await expect(notebook.graphNodes('leaf')).toHaveAttribute('aria-label', /grad \[0\.6667, 0\.6667, 0\.6667\]/);
  await expect(replay.chainRule).toContainText('x.grad = 0 + 0.6667 = 0.6667');
  await shot('backward-accumulate');

  // Stepping back restores the earlier picture exactly.
  const graphHtml = () => notebook.graph.locator('g.gs-viewport').innerHTML();
  await replay.scrubTo(2);
  const before = await graphHtml();
  await replay.scrubTo(8);
  await replay.scrubTo(2);
  expect(await graphHtml()).toBe(before);
  await replay.pressKey('ArrowLeft');
  await expect(replay.status).toContainText('2/10 · MulBackward0');

  // Clicking a node selects it (and its line); clicking a line selects its nodes.
  await notebook.graphNodes('MulBackward0').click();
  await expect(replay.inspector).toContainText('MulBackward0 → y');
  await expect(replay.inspector).toContainText('x [3] float32');
  await shot('inspector');

  // Space plays to the end.
  await replay.pressKey(' ');
  await expect(replay.pause).toBeVisible();
  await expect(replay.status).toContainText('10/10', { timeout: 20_000 });
  await expect(replay.play).toBeVisible();
});
