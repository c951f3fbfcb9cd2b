import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, withoutPython } from './fixtures.ts';
import { ReplayPage } from './pages/replay-page.ts';
import { SharePage } from './pages/share-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradscope-snapshot-'));
const snapshotPath = join(dir, 'seed_mean.json');
const trainingSnapshotPath = join(dir, 'mlp_sgd.json');

// The CLI writes snapshots exactly as a person would: `gradscope run FILE.py --snapshot OUT.json`.
const writeSnapshot = (program: string, out: string) =>
  execFileSync('node', ['bin/gradscope.mjs', 'run', `engine/test/programs/${program}`, '--snapshot', out], { stdio: 'pipe' });

test.beforeAll(() => {
  writeSnapshot('seed_mean.py', snapshotPath);
  writeSnapshot('tutorial_mlp_sgd_momentum.py', trainingSnapshotPath);
});

// Python is taken away from every page here (withoutPython): a snapshot must open, draw and replay
// from its recorded trace alone, and a file that is not one must be refused without it.

test('a snapshot written by the CLI opens with its graph and steps with no Python loaded', async ({ notebook, page }) => {
  await withoutPython(page);
  const replay = new ReplayPage(page);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Open snapshot', exact: true })).toBeVisible();
  await new SharePage(page).snapshotFileInput.setInputFiles(snapshotPath);

  // The graph shows at once: x → MulBackward0 → AddBackward0 → MeanBackward0.
  for (const op of ['leaf', 'MulBackward0', 'AddBackward0', 'MeanBackward0']) await expect(notebook.graphNodes(op)).toHaveCount(1);
  expect(await notebook.codeOf(1)).toContain('y = x * 2');
  // What the program printed where it ran shows under its cell.
  await expect(notebook.output(1)).toContainText('tensor([0.6667, 0.6667, 0.6667])');

  // The timeline replays the recorded steps: forward from the leaf, then the backward pass.
  await replay.scrubTo(0);
  await expect(replay.status).toContainText('· leaf');
  await expect(notebook.graphNodes()).toHaveCount(1);
  await replay.stepForward.click();
  await expect(replay.activeNode()).toHaveAttribute('data-op', 'MulBackward0');
  await replay.stepForward.click();
  await replay.stepForward.click();
  await expect(replay.activeNode()).toHaveAttribute('data-op', 'MeanBackward0');
  await replay.stepForward.click();
  await expect(replay.status).toContainText('backward()');
  await replay.stepForward.click();
  await expect(notebook.graphNodes('MeanBackward0')).toContainText('grad 1');

  // One backward pass draws no loss chart (a single dot is not a trend); the timeline shows the pass.
  await expect(page.getByRole('group', { name: 'Loss per pass' })).toHaveCount(0);
  // Nothing ran: the cell has no execution count.
  await expect(notebook.executionCount(1)).not.toHaveText(/\[\d+\]/);
});

test('a file that is not a snapshot says why and leaves the notebook as it was', async ({ notebook, page }) => {
  const notSnapshot = join(dir, 'not-a-snapshot.json');
  writeFileSync(notSnapshot, JSON.stringify({ format: 'something-else' }));
  await withoutPython(page);
  await notebook.open();
  const codeBefore = await notebook.codeOf(1);
  await new SharePage(page).snapshotFileInput.setInputFiles(notSnapshot);
  await expect(page.getByRole('alert').filter({ hasText: 'Not a Gradscope snapshot' })).toContainText('format is "something-else"');
  expect(await notebook.codeOf(1)).toBe(codeBefore);
  await expect(notebook.graphNodes()).toHaveCount(0);
});

test('a training run dropped on the page charts the loss of every pass and picks passes from the chart', async ({ page }) => {
  await withoutPython(page);
  const replay = new ReplayPage(page);
  await page.goto('/');
  await new SharePage(page).dropFile('mlp_sgd.json', readFileSync(trainingSnapshotPath, 'utf8'), 'application/json');

  // 50 optimizer steps: every pass is on the chart, though only the last 3 kept their detail.
  const points = page.locator('.loss-chart__point');
  await expect(points).toHaveCount(50);
  await expect(page.locator('.loss-chart__point[data-detail="true"]')).toHaveCount(3);

  // An early pass only has its summary left: picking it shows the loss and gradient norms.
  await page.getByRole('button', { name: /^Pass 1, loss / }).click();
  await expect(replay.pickedPass).toContainText('pass 1 · loss 3.925');
  await expect(replay.pickedPass).toContainText('only the summary');

  // The last pass is still in full detail: picking it takes the timeline there.
  await page.getByRole('button', { name: /^Pass 50, loss / }).click();
  await expect(replay.status).toContainText('backward()');
});
