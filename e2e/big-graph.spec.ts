import { expect, PYTHON_LOAD_TIMEOUT, test } from './fixtures.ts';

const OPS = 100_000;

// Issue #12: a 100,000-op chain froze the page for ~43 s and the graph said "Graph layout failed:
// Maximum call stack size exceeded". Now the run of repeated muls is one ×N node, and the page answers.
test('a 100,000-op chain draws as one collapsed run, keeps the page responsive, and the next cell runs', async ({ freshNotebook: notebook }) => {
  test.setTimeout(900_000);
  const page = notebook.page;
  // Every main-thread task longer than 50 ms from here on (the Long Tasks API).
  await page.evaluate(() => {
    const longest = { ms: 0 };
    (window as unknown as { longestTask: typeof longest }).longestTask = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });

  const cell = await notebook.appendCell();
  await notebook.pasteIntoCell(cell, `import torch\ny = torch.ones(1, requires_grad=True)\nfor _ in range(${OPS}):\n    y = y * 1.0\ny.backward()`);
  await notebook.runCellAndAdvance(cell);
  await expect(notebook.executionCount(cell)).toHaveText(/^\[\d+\]$/, { timeout: PYTHON_LOAD_TIMEOUT * 3 });

  const graphNote = page.getByRole('note', { name: 'Graph simplified' });
  // The recorder keeps 50,000 events of a run in detail: the leaf and 49,999 muls; the rest it counts.
  await expect(graphNote).toContainText('49,999 repeated `mul` ops on line 4 collapsed', { timeout: 300_000 });
  await expect(page.getByRole('note', { name: 'Steps not recorded' })).toContainText('Only the first 50,000 events of a run are steps');
  await expect(page.getByRole('slider', { name: 'Timeline' })).toHaveAttribute('max', '49999');
  await expect(page.getByText('Graph layout failed')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /Laying out/ })).toHaveCount(0, { timeout: 120_000 });
  await expect(notebook.graph.locator('[data-group-key^="run:"]')).toHaveCount(1);

  // The following cell runs and prints.
  const next = await notebook.appendCell();
  await notebook.typeIntoCell(next, 'print(1)');
  await notebook.runCellAndAdvance(next);
  await expect(notebook.output(next)).toHaveText('1', { timeout: 300_000 });

  const longest = await page.evaluate(() => (window as unknown as { longestTask: { ms: number } }).longestTask.ms);
  console.log(`longest main-thread task: ${Math.round(longest)} ms`);
  // The run's events arrive and are indexed 250 per task, the graph is built and folded ~12 ms per
  // task while the panel says "Preparing the graph…" (prepared-graph.ts), the inspector makes only
  // its node, and the stored trace is written 250 events per task (trace-parts.ts). What is left
  // is ~15-30 ms tasks that a loaded machine stretches: on this 2-core machine no task reached
  // 55 ms at load average 8-10 (the build before: 201 ms), but 187-458 ms at 10-16 and 335-703 ms
  // at 20-24 (a minor GC in a task waits on its starved helper threads: 166 ms once). The issue's
  // 100 ms holds on a quiet machine; CI shares its cores.
  // Before the slicing this spec allowed 5,000 ms (1.0-2.4 s measured at load average 8-15).
  expect(longest).toBeLessThan(1_000);
});
