import { expect, SEED_PROGRAM, test } from './fixtures.ts';

test('the app runs the seed program under its Content-Security-Policy with no violation', async ({ notebook, page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });

  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("default-src 'self'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).not.toContain("'unsafe-eval'");
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /script-src 'self' 'wasm-unsafe-eval'/);

  await notebook.waitForKernelReady();
  await notebook.typeIntoCell(1, SEED_PROGRAM);
  await notebook.runCellByButton(1);
  await expect(notebook.output(1)).toContainText('tensor([0.6667, 0.6667, 0.6667])');
  await expect(notebook.graphNodes('MeanBackward0')).toHaveCount(1);

  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expect(problems).toEqual([]);
});
