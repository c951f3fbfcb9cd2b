import { expect, PYTHON_LOAD_TIMEOUT, SEED_PROGRAM, test } from './fixtures.ts';

test('the seed program prints x.grad and draws its graph', async ({ freshNotebook: notebook }) => {
  await notebook.typeIntoCell(1, SEED_PROGRAM);
  await notebook.runCellAndAdvance(1);

  await expect(notebook.output(1)).toHaveText('tensor([0.6667, 0.6667, 0.6667])', { timeout: PYTHON_LOAD_TIMEOUT });
  await expect(notebook.executionCount(1)).toHaveText('[1]');
  // Shift+Enter on the last cell made a new one and moved there.
  await expect(notebook.cell(2)).toBeVisible();
  await expect(notebook.editorOf(2)).toContainClass('focused');

  for (const op of ['leaf', 'MulBackward0', 'AddBackward0', 'MeanBackward0']) {
    await expect(notebook.graphNodes(op).first(), `a graph node with data-op="${op}"`).toBeAttached();
  }
  // The leaf is x, and it carries x.grad.
  await expect(notebook.graphNodes('leaf')).toHaveCount(1);
  await expect(notebook.graphNodes('leaf').first()).toHaveAttribute('aria-label', /^leaf x, shape \[3\], grad \[0\.6667, 0\.6667, 0\.6667\]/);
  await expect(notebook.graphNodes('leaf').first()).toContainText('0.6667');
});
