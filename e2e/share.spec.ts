import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeJsonPayload } from '../engine/trace/snapshot-codec.ts';
import { expect, test, withoutPython } from './fixtures.ts';
import { NotebookPage } from './pages/notebook-page.ts';
import { ReplayPage } from './pages/replay-page.ts';
import { SharePage } from './pages/share-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradscope-share-'));
const seedSnapshot = join(dir, 'seed_mean.json');

test.beforeAll(() => {
  execFileSync('node', ['bin/gradscope.mjs', 'run', 'engine/test/programs/seed_mean.py', '--snapshot', seedSnapshot], { stdio: 'pipe' });
});

test('a share link made in one browser opens in another with the graph and step, and never loads Python', async ({ page, browser, baseURL }) => {
  // The sender opens a recorded run (no Python needed to make a link either) and picks a step.
  await withoutPython(page);
  await page.goto('/');
  const sender = new SharePage(page);
  const senderReplay = new ReplayPage(page);
  await sender.snapshotFileInput.setInputFiles(seedSnapshot);
  await expect(new NotebookPage(page).graphNodes('MeanBackward0')).toHaveCount(1);
  await senderReplay.scrubTo(2);
  const senderStatus = await senderReplay.status.textContent();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  const url = await sender.makeLink();
  await expect(sender.shareDialog).toContainText('Link copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  expect(url).toMatch(/#snapshot=[A-Za-z0-9_-]+$/);
  expect(url.length).toBeLessThan(4096);

  // The receiver: another browser context, no shared storage; every request and worker is watched.
  const context = await browser.newContext();
  const receiver = await context.newPage();
  const requests: string[] = [];
  const workers: string[] = [];
  receiver.on('request', (request) => requests.push(request.url()));
  receiver.on('worker', (worker) => workers.push(worker.url()));
  await receiver.goto(url);
  const notebook = new NotebookPage(receiver);
  const replay = new ReplayPage(receiver);
  await expect(receiver.locator('.banner')).toContainText('Shared snapshot — nothing has run. Run to re-execute');
  // The graph up to the shared step: the leaf, then mul and add, so far.
  await expect(notebook.graphNodes('leaf')).toHaveCount(1);
  await expect(notebook.graphNodes('MulBackward0')).toHaveCount(1);
  await expect(replay.status).toHaveText(senderStatus!);
  expect(await notebook.codeOf(1)).toContain('y = x * 2');
  // The steps are all there: the end of the trace has the backward pass.
  await replay.scrubTo(100);
  await expect(notebook.graphNodes('MeanBackward0')).toContainText('grad 1');
  await expect(notebook.executionCount(1)).not.toHaveText(/\[\d+\]/);
  await receiver.waitForTimeout(500);
  expect(requests.filter((u) => /pyodide/i.test(u))).toEqual([]);
  expect(workers.filter((u) => !/layout/i.test(u))).toEqual([]);
  // The status says so instead of promising a load that never comes.
  await expect(notebook.kernelStatus).toHaveText(/Python not started/);
  await context.close();
});

test('a damaged share link says why, and the notebook is as it was', async ({ page }) => {
  await withoutPython(page);
  await page.goto('/#snapshot=AAAA_not_deflate');
  await expect(page.locator('.banner[data-tone="error"]')).toContainText('Not a Gradscope snapshot: the link’s data is damaged');
  await expect(new NotebookPage(page).graphNodes()).toHaveCount(0);
});

test('#code= links keep working beside #snapshot= links', async ({ notebook, page }) => {
  await withoutPython(page);
  await notebook.openFresh('#code=cHJpbnQoJ2hpJyk');
  expect(await notebook.codeOf(1)).toBe("print('hi')");
});

test('markup in a shared variable name or cell shows as text and runs nothing', async ({ page }) => {
  const attack = '<img src=x onerror="window.__pwned=1">';
  const snapshot = JSON.parse(readFileSync(seedSnapshot, 'utf8')) as { cells: { source: string }[]; trace: { events: Record<string, unknown>[] } };
  snapshot.cells[0]!.source = `# ${attack}\n${snapshot.cells[0]!.source}`;
  (snapshot.cells[0] as { outputs?: unknown[] }).outputs = [{ kind: 'stream', stream: 'stdout', text: `${attack}\n` }];
  for (const event of snapshot.trace.events) if (event.name === 'x') event.name = attack;
  await withoutPython(page);
  await page.goto(`/#snapshot=${await encodeJsonPayload(snapshot)}`);
  const notebook = new NotebookPage(page);
  // The label is clipped to the box, but what shows is the markup's own characters.
  await expect(notebook.graphNodes('leaf')).toContainText('<img src=x onerror=');
  expect(await notebook.codeOf(1)).toContain(attack);
  await expect(notebook.output(1)).toHaveText(attack);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
