import { defineConfig } from '@playwright/test';

// Specs run against the built app (`npx vite build` first) served by `vite preview`, in Debian's Chromium.
const port = Number(process.env.PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // Two workers, each a browser of its own taking spec files in turn (a file's tests run in order,
  // sharing its worker's booted notebook page): Python's start is mostly one core's work, so one
  // worker leaves the other core idle while the page waits on it.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Pyodide takes ~10 s to load on an idle machine and several times that on a busy one; a test
  // may load it more than once (Restart).
  timeout: 300_000,
  expect: { timeout: 30_000 },
  // scripts/test.mjs asks for a JSON report (PLAYWRIGHT_JSON_OUTPUT_NAME) to count results in its
  // closing line; the HTML report (packing every failure's trace) is for runs by hand.
  reporter: [
    ['list'],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ['json']] : []),
    ...(process.env.CI || process.env.PLAYWRIGHT_JSON_OUTPUT_NAME
      ? []
      : [['html', { open: 'never', outputFolder: 'playwright-report' }] as ['html', { open: 'never'; outputFolder: string }]]),
  ],
  use: {
    baseURL: `http://localhost:${port}`,
    viewport: { width: 1400, height: 900 },
    // The page's endless animations (loading, running, gradient pulses) stand still, as for a person
    // who asks for less motion: nothing checks them, and repainting them costs Chromium seconds of
    // CPU per Python boot on this 2-core machine.
    reducedMotion: 'reduce',
    // A failed test keeps its trace (DOM snapshots of every action, network, console). Without the
    // screencast: recording it makes Chromium paint frames all through every test, CPU that the
    // tests' own Python boots need; `screenshot` below still keeps the page as it was at a failure.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        // Pyodide's 9.6 MB WebAssembly: with only the baseline compiler, Python is ready in ~5 s
        // instead of ~10 s on this 2-core machine (the optimizing tier competes with the page for
        // the cores while every spec boots Python afresh). Behaviour is the same; only CI time drops.
        '--js-flags=--liftoff-only',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // DIST_DIR: serve a build made elsewhere (`npx vite build --outDir /tmp/me-dist`), so parallel runs don't share dist/.
    command: `npx vite preview --port ${port} --strictPort${process.env.DIST_DIR ? ` --outDir ${process.env.DIST_DIR}` : ''}`,
    url: `http://localhost:${port}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
