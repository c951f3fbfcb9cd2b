/**
 * A tall graph leaves the text of nodes far off screen out of layout while zooming (visible-region.ts).
 * What a person must never notice: a label missing where they pan to, or missing from the exported file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, withoutPython } from './fixtures.ts';
import { SharePage } from './pages/share-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradscope-offscreen-'));
const program = join(dir, 'sum_of_squares.py');
const snapshot = join(dir, 'sum_of_squares.json');

test.beforeAll(() => {
  // ~180 nodes in a column: at the legible zoom the loss is many screens below the top.
  writeFileSync(
    program,
    'import torch\nws = [torch.tensor(float(i % 7) / 7, requires_grad=True) for i in range(60)]\ntotal = ws[0] * ws[0]\nfor w in ws[1:]:\n    total = total + w * w\ntotal.backward()\n',
  );
  execFileSync('node', ['bin/gradscope.mjs', 'run', program, '--snapshot', snapshot], { stdio: 'pipe' });
});

test.beforeEach(async ({ page, notebook }) => {
  await withoutPython(page);
  await page.goto('/');
  await new SharePage(page).snapshotFileInput.setInputFiles(snapshot);
  await expect(notebook.graphNodes('AddBackward0')).toHaveCount(59);
});

/** The id of the node drawn highest in the graph (an input, where a fit frames the view). */
async function highestNodeId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll<SVGGElement>('[data-node-id]')];
    const highest = nodes.reduce((a, b) => (b.transform.baseVal.consolidate()!.matrix.f < a.transform.baseVal.consolidate()!.matrix.f ? b : a));
    return highest.getAttribute('data-node-id')!;
  });
}

/** The id of the node drawn lowest in the graph (the loss, where the sum ends). */
async function lowestNodeId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll<SVGGElement>('[data-node-id]')];
    const lowest = nodes.reduce((a, b) => (b.transform.baseVal.consolidate()!.matrix.f > a.transform.baseVal.consolidate()!.matrix.f ? b : a));
    return lowest.getAttribute('data-node-id')!;
  });
}

test('the label of a node far below the fitted view is there once the view is dragged to it', async ({ page, notebook }) => {
  const lowest = page.locator(`[data-node-id="${await lowestNodeId(page)}"]`);
  const graph = (await notebook.graph.boundingBox())!;
  const start = { x: graph.x + graph.width / 2, y: graph.y + graph.height - 20 };
  for (let drags = 0; drags < 40; drags++) {
    const node = (await lowest.boundingBox())!;
    if (node.y + node.height < graph.y + graph.height - 40) break;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x, start.y - Math.min(300, node.y - graph.y), { steps: 5 });
    await page.mouse.up();
  }
  await expect(lowest.locator('text.gs-op-text')).toBeVisible();
  await expect(lowest.locator('text.gs-op-text')).toHaveText('AddBackward0 → total');
});

test('labels come back on zooming in again from the overview, where none is drawn', async ({ page, notebook }) => {
  const topLabel = page.locator(`[data-node-id="${await highestNodeId(page)}"] text`).first();
  await expect(topLabel).toBeVisible();
  const zoomOut = page.getByRole('button', { name: 'Zoom out' });
  for (let steps = 0; steps < 6; steps++) await zoomOut.click();
  await expect(notebook.graph.locator('svg')).toHaveAttribute('data-detail', 'shapes');
  await expect(topLabel).toBeHidden();
  await notebook.fitGraphButton.click();
  await expect(topLabel).toBeVisible();
});

test('the exported SVG shows every label, also those far off screen', async ({ page }) => {
  const share = new SharePage(page);
  const download = await share.download(() => share.exportGraphButton('SVG').click());
  const svgText = readFileSync((await download.path())!, 'utf8');
  const texts = svgText.match(/<text[^>]*>/g) ?? [];
  expect(texts.length).toBeGreaterThan(180);
  expect(texts.filter((text) => text.includes('display:none'))).toEqual([]);
});
