/**
 * The graph drawing against a golden SVG, as Observable Plot tests its marks: the seed program's
 * recorded graph is drawn by the real app (layout, d3 drawing, embedded style) and exported, and
 * the file must equal e2e/goldens/seed-graph.svg. A change to how the graph is drawn fails here;
 * when the change is meant, `UPDATE_GOLDENS=1 npx playwright test e2e/graph-golden.spec.ts`
 * rewrites the golden, and the diff of the .svg shows what changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, withoutPython } from './fixtures.ts';
import { SharePage } from './pages/share-page.ts';

const GOLDEN = fileURLToPath(new URL('./goldens/seed-graph.svg', import.meta.url));
const seedSnapshot = join(mkdtempSync(join(tmpdir(), 'gradscope-golden-')), 'seed_mean.json');

test.beforeAll(() => {
  execFileSync('node', ['bin/gradscope.mjs', 'run', 'engine/test/programs/seed_mean.py', '--snapshot', seedSnapshot], { stdio: 'pipe' });
});

test('the seed program’s graph is drawn exactly as the golden SVG', async ({ page, notebook }) => {
  await withoutPython(page);
  await page.goto('/');
  const share = new SharePage(page);
  await share.snapshotFileInput.setInputFiles(seedSnapshot);
  await expect(notebook.graphNodes('MeanBackward0')).toHaveCount(1);
  const download = await share.download(() => share.exportGraphButton('SVG').click());
  // One element per line, so a change shows in the golden's diff as the elements it touched.
  const svg = readFileSync((await download.path())!, 'utf8').replace(/></g, '>\n<');
  if (process.env.UPDATE_GOLDENS) writeFileSync(GOLDEN, svg);
  expect(svg).toBe(readFileSync(GOLDEN, 'utf8'));
});
