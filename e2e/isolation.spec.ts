import { expect, test, withoutPython } from './fixtures.ts';

test('the served page is cross-origin isolated, so Stop can interrupt Python', async ({ notebook, page }) => {
  // The headers are what matter; Python itself is not needed to read them.
  await withoutPython(page);
  await notebook.open();
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
});
