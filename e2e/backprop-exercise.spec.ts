/**
 * The backprop exercise: a two-layer MLP's gradients written by hand and checked with
 * gradscope.check. The deliberately wrong one (b1: a mean where the batch's gradients must be
 * summed) is marked red, the right ones green, and the inspector shows both gradients and their
 * difference as heatmaps. The printed lines are the makemore lecture's cmp() lines, as PyTorch prints them.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';
import { ReplayPage } from './pages/replay-page.ts';

const GOLDEN = (JSON.parse(readFileSync(new URL('../app/core/library/test/examples-goldens.json', import.meta.url), 'utf8')) as Record<string, string[]>)[
  'backprop-exercise.json'
]!;

test('a wrong hand gradient is red, the right ones green, with heatmaps of yours, autograd’s and the difference', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  test.setTimeout(600_000);
  const library = new LibraryPage(page);
  const replay = new ReplayPage(page);
  await library.openExample('Backprop exercise: an MLP by hand');
  const wrong = page.locator('[data-node-id][data-hand-check="wrong"]');
  const right = page.locator('[data-node-id][data-hand-check="exact"], [data-node-id][data-hand-check="close"]');
  // The recorded graph already shows the verdicts.
  await expect(wrong).toHaveCount(1);

  // Run it for real: the same verdicts, and PyTorch's cmp() lines.
  await notebook.waitForKernelReady();
  const checksCell = 8;
  // The recorded outputs already hold the checks' lines, so what is read must wait for this run to
  // end. On a loaded Python it can end before a test could look: every run state is noted instead.
  await notebook.cell(checksCell).evaluate((cell) => {
    const states: string[] = [];
    (window as unknown as { checksCellStates: string[] }).checksCellStates = states;
    new MutationObserver((changes) => {
      for (const change of changes) states.push(change.oldValue ?? '', (change.target as HTMLElement).dataset.runState ?? '');
    }).observe(cell, { attributes: true, attributeFilter: ['data-run-state'], attributeOldValue: true });
  });
  await notebook.runAllButton.click();
  const checksCellStates = () => notebook.page.evaluate(() => (window as unknown as { checksCellStates: string[] }).checksCellStates);
  await expect.poll(checksCellStates, { timeout: 120_000 }).toContain('queued');
  await expect(notebook.cell(checksCell)).toHaveAttribute('data-run-state', 'idle', { timeout: 120_000 });
  await expect(notebook.output(checksCell)).toContainText('b1              | exact: False | approximate: False');
  expect(await notebook.stdoutOf(checksCell)).toBe(GOLDEN[3]);
  await expect(wrong).toHaveCount(1);
  await expect(wrong).toHaveAttribute('aria-label', /^leaf b1, .*your gradient: wrong/);
  await expect(wrong).toHaveClass(/is-check-wrong/);
  await expect(right).toHaveCount(13);
  await expect(right.first()).toHaveClass(/is-check-right/);
  const colours = await wrong.locator('rect.gs-shape').evaluate((rect) => getComputedStyle(rect).stroke);
  const rightColours = await right
    .first()
    .locator('rect.gs-shape')
    .evaluate((rect) => getComputedStyle(rect).stroke);
  expect(colours).toBe('rgb(201, 42, 42)');
  expect(rightColours).toBe('rgb(43, 138, 62)');

  // The inspector: yours, autograd's and the difference, the differing entries outlined.
  await wrong.click();
  const heatmaps = replay.inspector.getByRole('group', { name: "Your gradient and autograd's" });
  await expect(heatmaps).toContainText(/b1: wrong · \d entr(y differs|ies differ) · max diff 0\.2158/);
  for (const name of ['your gradient heatmap', "autograd's gradient heatmap", 'difference heatmap']) {
    await expect(heatmaps.getByRole('figure', { name })).toBeVisible();
    await expect(heatmaps.getByRole('figure', { name }).getByRole('cell')).toHaveCount(6);
  }
  await expect(heatmaps.getByRole('figure', { name: 'difference heatmap' }).locator('[data-mismatch="true"]').first()).toBeVisible();

  // A timeline step per check: stepping onto b1's check selects its node.
  await replay.stepTo('check b1: wrong', 400);
  await expect(replay.activeNode()).toHaveAttribute('data-hand-check', 'wrong');
});
