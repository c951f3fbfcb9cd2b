/**
 * Forward mode drawn: a make_dual/unpack_dual program replays its tangents step by step, forward
 * along the edges, and every number on screen is PyTorch's (app/core/trace/test/forward-mode/goldens.json,
 * from scripts/goldens/forward_tangents.py). The forward-vs-reverse example counts its passes.
 */
import { readFileSync } from 'node:fs';
import { expect, test, withoutPython } from './fixtures.ts';
import { LibraryPage } from './pages/library-page.ts';
import { ReplayPage } from './pages/replay-page.ts';

const PROGRAM = readFileSync(new URL('../app/core/trace/test/forward-mode/make-dual.py', import.meta.url), 'utf8').trimEnd();
const GOLDEN = (
  JSON.parse(readFileSync(new URL('../app/core/trace/test/forward-mode/goldens.json', import.meta.url), 'utf8')) as Record<
    string,
    { stdout: string; tangents: Record<string, number[]> }
  >
)['make-dual']!;

/** A tangent as the panel and the graph write it: four decimals at most, one number for a scalar. */
function shown(values: readonly number[]): string {
  const numbers = values.map((value) => String(Number(value.toFixed(4))));
  return numbers.length === 1 ? numbers[0]! : `[${numbers.join(', ')}]`;
}

test('a make_dual program replays its tangents forward, op by op, with PyTorch’s numbers', async ({ freshNotebook: notebook }) => {
  const page = notebook.page;
  const replay = new ReplayPage(page);
  await notebook.runInFirstCell(PROGRAM);
  expect(await notebook.stdoutOf(1)).toBe(GOLDEN.stdout);

  // make_dual: the tangent starts at dx (a leaf forward mode made; nothing requires grad here).
  await replay.stepTo('make_dual: a tangent starts');
  await expect(replay.chainRule).toContainText(`ṫ(dx) = ${shown(GOLDEN.tangents.dx!)}`);
  await expect(replay.activeNode()).toHaveAttribute('aria-label', new RegExp(`^leaf dx, .*tangent ${escape(shown(GOLDEN.tangents.dx!))}`));

  // Each op: the tangent travels forward along the edges that fed it (a teal dot per edge), the
  // node shows its tangent, and the panel writes ẏ = ∂y/∂x · ẋ with the numbers.
  const ops = [
    ['mul', 'y', 'ẏ', 2],
    ['sin', 'z', 'ż', 1],
    ['mul', 'u', 'u̇', 1],
    ['sum', 's', 'ṡ', 1],
  ] as const;
  for (const [op, name, symbol, edges] of ops) {
    await replay.pressKey('ArrowRight');
    await expect(replay.status).toContainText(`tangent through ${op}`);
    const expected = shown(GOLDEN.tangents[name]!);
    await expect(replay.chainRule).toContainText(`${symbol.normalize('NFC')} = ∂${name}/∂`);
    await expect(replay.chainRule).toContainText(`= ${expected}`);
    await expect(replay.activeNode()).toHaveAttribute('aria-label', new RegExp(`output ${name}, .*tangent ${escape(expected)}`));
    await expect(replay.activeNode().locator('text.gs-op-tangent')).toContainText('ṫ ');
    await expect(page.locator('path.gs-edge.is-tangent')).toHaveCount(edges);
    await expect(page.locator('circle.gs-tangent-pulse')).toHaveCount(edges);
  }
  await expect(replay.chainRule).toContainText(`ṡ = ∂s/∂u · u̇ = ${shown(GOLDEN.tangents.s!)}`.normalize('NFC'));

  // ← replays backwards: the sum's tangent is gone again, sin's is back on screen.
  await replay.pressKey('ArrowLeft');
  await replay.pressKey('ArrowLeft');
  await expect(replay.status).toContainText('tangent through sin');
  await expect(replay.chainRule).toContainText(`= ${shown(GOLDEN.tangents.z!)}`);
  await expect(page.locator('[data-node-id].has-tangent')).toHaveCount(3);
});

test('the forward-vs-reverse example counts three forward-mode passes and one backward pass', async ({ notebook, page }) => {
  await withoutPython(page);
  const library = new LibraryPage(page);
  const replay = new ReplayPage(page);
  await notebook.open();
  await library.openExample('Forward vs reverse mode');
  // Recorded with the example: the counter stands at the end of the run before anything runs.
  const counter = page.getByLabel('Passes so far');
  await expect(counter).toHaveText('forward-mode passes: 3 · backward passes: 1');
  await replay.stepTo('backward()', 200);
  await expect(counter).toHaveText('forward-mode passes: 3 · backward passes: 1');
  await replay.pressKey('ArrowLeft');
  await expect(counter).toHaveText('forward-mode passes: 3 · backward passes: 0');
  await replay.scrubTo(0);
  await expect(counter).toHaveText('forward-mode passes: 1 · backward passes: 0');
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
