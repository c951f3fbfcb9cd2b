import { codeLinkHash } from '../app/core/share/code-link.ts';
import { expect, PYTHON_LOAD_TIMEOUT, test, withoutPython } from './fixtures.ts';
import { ReplayPage } from './pages/replay-page.ts';

/** `steps` optimizer steps of a 2 → 8 → 1 MLP; prints whether it learned. */
const mlpLoop = (steps: number): string => `import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
x = torch.randn(32, 2)
y = (x[:, :1] * x[:, 1:]).sign()
for step in range(${steps}):
    optimizer.zero_grad()
    loss = ((model(x) - y) ** 2).mean()
    loss.backward()
    optimizer.step()
print("done", loss.item() < 1.0)`;
// 2,000 optimizer steps of a small MLP: every pass is charted, only the last few keep their full
// detail (docs/trace.md states the bound), and the page answers while Python is busy.
const TRAINING_LOOP = mlpLoop(2000);

test('a 2,000-step training loop charts every pass, keeps the last passes in full, and the page stays responsive', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  await notebook.pasteIntoCell(1, TRAINING_LOOP);
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

// Issue #14: a training loop you can read. Small and fast: 200 steps of the same MLP.
const MLP_LOOP = mlpLoop(200);

test('a 200-step MLP loop draws one iteration legibly at fit, redraws the pass picked on the loss chart, and charts each parameter over all 200 passes', async ({
  freshNotebook: notebook,
}) => {
  const page = notebook.page;
  await notebook.pasteIntoCell(1, MLP_LOOP);
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toHaveText('done True', { timeout: PYTHON_LOAD_TIMEOUT });

  // One iteration: the last pass, its four module ops once (not the kept passes overlaid).
  const iteration = page.getByRole('note', { name: 'Iteration shown' });
  await expect(iteration).toHaveText('Pass 200 of 200 · one iteration');
  await expect(notebook.graph.locator('[data-op="AddmmBackward0"]')).toHaveCount(2);
  await expect(notebook.graph.locator('[data-op="MeanBackward0"]')).toHaveCount(1);

  // Legible at fit on a 1400×900 window: every node label's font, as drawn on screen, is at least 11 px.
  await notebook.fitGraphButton.click();
  const labelPixels = await notebook.graph
    .locator('g.gs-node text')
    .evaluateAll((texts) =>
      texts
        .filter((text) => (text.textContent ?? '') !== '')
        .map((text) => parseFloat(getComputedStyle(text).fontSize) * (text as SVGTextElement).getScreenCTM()!.a),
    );
  expect(labelPixels.length).toBeGreaterThan(10);
  expect(Math.min(...labelPixels)).toBeGreaterThanOrEqual(11);
  // ...and the whole pass is in view, parameters at the top to the loss at the bottom: no pan needed.
  const canvas = (await notebook.graph.locator('svg.gs-graph').boundingBox())!;
  const nodeBoxes = await notebook.graph.locator('g.gs-node').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON() as DOMRect));
  expect(
    nodeBoxes.filter((box) => box.top < canvas.y || box.bottom > canvas.y + canvas.height || box.left < canvas.x || box.right > canvas.x + canvas.width),
  ).toEqual([]);

  // Each parameter (the same leaf in every iteration) has sparklines with one point per pass.
  const weight = notebook.graph.locator('g.gs-leaf', { hasText: '0.weight' });
  await expect(weight.locator('path.gs-spark-line[data-series="value"]')).toHaveAttribute('data-points', '200');
  await expect(weight.locator('path.gs-spark-line[data-series="grad"]')).toHaveAttribute('data-points', '200');

  // Picking pass 199 on the loss chart redraws pass 199: its own ops, and the parameter as it was then.
  const opIdsOf = () => notebook.graph.locator('g.gs-op').evaluateAll((ops) => ops.map((op) => op.getAttribute('data-node-id')));
  const lastPassOps = await opIdsOf();
  const gradNormAtLast = await weight.locator('g.gs-spark[data-series="grad"] text.gs-spark-number').textContent();
  const chart = page.getByRole('group', { name: 'Loss per pass' });
  const line = await chart.locator('path').first().getAttribute('d');
  const xs = [...(line ?? '').matchAll(/[ML](-?[\d.]+),/g)].map((match) => Number(match[1]));
  expect(xs).toHaveLength(200);
  const box = (await chart.boundingBox())!;
  await chart.click({ position: { x: xs[198]!, y: box.height / 2 } });
  await expect(iteration).toHaveText('Pass 199 of 200 · one iteration');
  await expect.poll(opIdsOf).not.toEqual(lastPassOps);
  expect(await opIdsOf()).toHaveLength(lastPassOps.length);
  await expect(weight.locator('g.gs-spark[data-series="grad"] text.gs-spark-number')).not.toHaveText(gradNormAtLast!);
  await expect(page.locator('.timeline__section[data-current="true"]')).toHaveText('backward 199');

  // The keyboard picks passes too: ← on the chart goes back one pass.
  await chart.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(iteration).toHaveText('Pass 198 of 200 · one iteration');
});

test('the graph panel is resized from the keyboard and takes the whole window until Esc', async ({ notebook, page }) => {
  await withoutPython(page);
  await notebook.open(codeLinkHash(mlpLoop(3)));
  const graph = page.getByRole('region', { name: 'Computation graph' });
  const splitter = page.getByRole('separator', { name: 'Resize notebook and graph' });
  const widthBefore = (await graph.boundingBox())!.width;
  await splitter.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await graph.boundingBox())!.width).toBeGreaterThan(widthBefore + 100);

  await page.getByRole('button', { name: 'Maximise graph' }).click();
  await expect(notebook.cell(1)).toBeHidden();
  await expect.poll(async () => (await graph.boundingBox())!.width).toBeGreaterThan(1000);
  await page.keyboard.press('Escape');
  await expect(notebook.cell(1)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Maximise graph' })).toHaveAttribute('aria-pressed', 'false');
});
