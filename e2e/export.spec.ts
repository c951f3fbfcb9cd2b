import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, withoutPython } from './fixtures.ts';
import { SharePage } from './pages/share-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'gradscope-export-'));
const seedSnapshot = join(dir, 'seed_mean.json');

test.beforeAll(() => {
  execFileSync('node', ['bin/gradscope.mjs', 'run', 'engine/test/programs/seed_mean.py', '--snapshot', seedSnapshot], { stdio: 'pipe' });
});

test.beforeEach(async ({ page, notebook }) => {
  await withoutPython(page);
  await page.goto('/');
  await new SharePage(page).snapshotFileInput.setInputFiles(seedSnapshot);
  await expect(notebook.graphNodes('MeanBackward0')).toHaveCount(1);
});

test('the graph downloads as a standalone SVG with its node labels, and as a 2× PNG', async ({ page }) => {
  const share = new SharePage(page);
  const svgDownload = await share.download(() => share.exportGraphButton('SVG').click());
  expect(svgDownload.suggestedFilename()).toBe('graph.svg');
  const svgText = readFileSync((await svgDownload.path())!, 'utf8');
  // The file parses as SVG on its own (the page's stylesheet is not there) and keeps the labels.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      root: root.nodeName,
      error: doc.querySelector('parsererror')?.textContent ?? null,
      text: root.textContent ?? '',
      width: Number(root.getAttribute('width')),
    };
  }, svgText);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  for (const label of ['MulBackward0', 'AddBackward0', 'MeanBackward0', 'grad 1']) expect(parsed.text).toContain(label);
  expect(svgText).toContain('font-family:');
  expect(svgText).not.toContain('var(--');

  const pngDownload = await share.download(() => share.exportGraphButton('PNG').click());
  expect(pngDownload.suggestedFilename()).toBe('graph.png');
  const png = readFileSync((await pngDownload.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width at bytes 16..19, twice the SVG's width.
  expect(png.readUInt32BE(16)).toBe(parsed.width * 2);
  expect(png.length).toBeGreaterThan(1000);
});

for (const [format, item, extension] of [
  ['.py', 'Export as Python (.py)', 'py'],
  ['.ipynb', 'Export as Jupyter (.ipynb)', 'ipynb'],
] as const) {
  test(`the notebook exported as ${format} imports back with the same code`, async ({ page, notebook }) => {
    const share = new SharePage(page);
    const code = await notebook.codeOf(1);
    const download = await share.exportFromFileMenu(item);
    expect(download.suggestedFilename()).toBe(`notebook.${extension}`);
    const path = (await download.path())!;
    const text = readFileSync(path, 'utf8');
    if (extension === 'py') expect(text.startsWith('# %%\nimport torch\n')).toBe(true);
    else expect(JSON.parse(text)).toMatchObject({ nbformat: 4, nbformat_minor: 5, cells: [{ cell_type: 'code' }] });

    await share.notebookFileInput.setInputFiles({ name: `roundtrip.${extension}`, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await expect(share.banner).toContainText(`Imported roundtrip.${extension}: 1 cells`);
    // A new notebook: the recording of the old one is not carried over, the code is.
    await expect(notebook.graphNodes()).toHaveCount(0);
    // Blank lines at a cell's end separate cells in a .py file; everything else comes back as it was.
    expect((await notebook.codeOf(1)).trimEnd()).toBe(code.trimEnd());
  });
}

test('the snapshot saves as a .json file that opens again', async ({ page, notebook }) => {
  const share = new SharePage(page);
  const download = await share.exportFromFileMenu('Save snapshot (.json)');
  const path = (await download.path())!;
  expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ format: 'gradscope-snapshot', version: 1 });
  await page.goto('/');
  await share.snapshotFileInput.setInputFiles({ name: 'again.json', mimeType: 'application/json', buffer: readFileSync(path) });
  await expect(notebook.graphNodes('MeanBackward0')).toHaveCount(1);
});

test('a .ipynb dropped on the page opens as a new notebook', async ({ page, notebook }) => {
  const share = new SharePage(page);
  await share.dropFile('chain-rule.ipynb', readFileSync('app/core/share/test/fixtures/jupyter-nbformat.ipynb', 'utf8'), 'application/x-ipynb+json');
  await expect(share.banner).toContainText('Imported chain-rule.ipynb: 4 cells');
  await expect(page.getByRole('group', { name: 'Cell 2', exact: true })).toBeVisible();
  expect(await notebook.codeOf(2)).toContain('x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)');
});
