import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, withoutPython } from './fixtures.ts';
import { NotebookPage } from './pages/notebook-page.ts';
import { ReplayPage } from './pages/replay-page.ts';
import { SharePage } from './pages/share-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradscope-html-'));
const snapshotPath = join(dir, 'seed_myrelu.json');

test.beforeAll(() => {
  execFileSync('node', ['bin/gradscope.mjs', 'run', 'engine/test/programs/seed_myrelu.py', '--snapshot', snapshotPath], { stdio: 'pipe' });
});

test('a graph downloaded as a web page opens from disk with no network, and shows the same graph and steps', async ({ notebook, page, context }) => {
  await withoutPython(page);
  await page.goto('/');
  const share = new SharePage(page);
  await share.snapshotFileInput.setInputFiles(snapshotPath);
  await expect(notebook.graphNodes('MyReLUBackward')).toHaveCount(1);
  const appStatus = await new ReplayPage(page).status.textContent();
  const appSvg = readFileSync((await (await share.download(() => share.exportGraphButton('SVG').click())).path())!, 'utf8');
  await test.info().attach('app', { body: await page.screenshot(), contentType: 'image/png' });

  const download = await share.exportFromFileMenu('Download as web page (.html)');
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toBe('notebook.html');

  const viewer = await context.newPage();
  const requests: string[] = [];
  viewer.on('request', (request) => requests.push(request.url()));
  await viewer.goto(pathToFileURL(file).href);
  const viewerNotebook = new NotebookPage(viewer);
  const viewerReplay = new ReplayPage(viewer);
  await expect(viewerNotebook.graphNodes('MyReLUBackward')).toHaveCount(1);
  await expect(viewer.getByRole('figure', { name: 'Cell 1' })).toContainText('class MyReLU(torch.autograd.Function):');
  await expect(viewer.getByRole('figure', { name: 'Cell 1' })).toContainText('tensor([0., 0., 1., 1.])');
  await expect(viewerReplay.status).toHaveText(appStatus!);
  await test.info().attach('viewer', { body: await viewer.screenshot(), contentType: 'image/png' });

  // The same drawing: the graph's SVG export is identical, byte for byte.
  const viewerShare = new SharePage(viewer);
  const viewerSvg = readFileSync((await (await viewerShare.download(() => viewerShare.exportGraphButton('SVG').click())).path())!, 'utf8');
  expect(viewerSvg).toBe(appSvg);

  // And it replays: back to the first step, then forward into the custom Function's node.
  await viewerReplay.scrubTo(0);
  await expect(viewerReplay.status).toContainText('· leaf');
  await viewerReplay.stepForward.click();
  await expect(viewerReplay.activeNode()).toHaveAttribute('data-op', 'MyReLUBackward');

  // Nothing but the file itself was ever requested.
  expect(requests).toEqual([pathToFileURL(file).href]);
});
