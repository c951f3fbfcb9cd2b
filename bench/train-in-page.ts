/**
 * Only the in-page makemore training of bench/browser.ts (trainInPage), against an app already served:
 *
 *   npx vite build --outDir /tmp/dist-me && npx vite preview --outDir /tmp/dist-me --port 4617 &
 *   npx tsx bench/train-in-page.ts [--port 4617] [--rounds 3]
 *
 * Each round opens a fresh browser profile, so Python starts fresh and makes its memory snapshot, as
 * in `npm run bench`; then reloads, so Python starts from that snapshot, as on a learner's next visit.
 * Both starts are timed because they differ in what Python reaches JavaScript through.
 */
import { chromium } from '@playwright/test';
import { median } from './harness.ts';
import { INSTALL_LONG_TASKS, trainInPage } from './browser-training.ts';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4617' }, rounds: { type: 'string', default: '3' } } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const summary = (ms: readonly number[]): string => `median ${median(ms).toFixed(2)} ms per step (${ms.map((x) => x.toFixed(2)).join(', ')})`;
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    const context = await browser.newContext({ baseURL: `http://localhost:${values.port}`, reducedMotion: 'reduce' });
    context.setDefaultTimeout(300_000);
    await context.addInitScript(INSTALL_LONG_TASKS);
    const page = await context.newPage();
    const fresh = await trainInPage(page);
    // A real reload: the same link again would only change the hash.
    await page.goto('about:blank');
    const restored = await trainInPage(page);
    await context.close();
    process.stdout.write(
      `round ${round + 1}: fresh start ${summary(fresh.msPerStep)}; from snapshot ${summary(restored.msPerStep)}; native ${median(restored.nativeMsPerStep).toFixed(2)} ms\n`,
    );
  }
} finally {
  await browser.close();
}
