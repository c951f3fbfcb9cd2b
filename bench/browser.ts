/**
 * The page's own figures, by Playwright in Chromium against a built app served by `vite preview`:
 * time from navigation to Python ready and to a cell's first output, cold (a fresh browser profile)
 * and warm (a reload, with the Python snapshot kept by the first load); time to a shared snapshot's
 * graph on screen; frame times while a 300-node backward pass plays and while a 2,000-node graph is
 * zoomed and panned.
 *
 *   npx tsx bench/browser.ts [--repeats 3] [--dist /tmp/built-dist] [--port 4390] [--graph-only]
 *
 * --graph-only measures only the frame times (and logs what made each long frame); --port (or
 * $BENCH_BROWSER_PORT) picks vite preview's port.
 *
 * Without --dist (or $BENCH_DIST_DIR) the app is built first into a temporary folder. Each row's
 * peer column is what the figure is held against: the cold start, or issue #11's target.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { encodeSnapshotLink } from '../engine/trace/snapshot-codec.ts';
import type { Snapshot } from '../engine/trace/snapshot.ts';
import { codeLinkHash } from '../app/core/share/code-link.ts';
import type { Comparison } from './comparisons.ts';
import { INSTALL_LONG_TASKS, trainInPage } from './browser-training.ts';
import { median } from './harness.ts';
import { formatTable, rowFrom, type Row } from './report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_PORT = Number(process.env.BENCH_BROWSER_PORT ?? 4390);
const originOf = (port: number): string => `http://localhost:${port}`;
const FRAME_BUDGET_MS = 1000 / 60;
const TARGET = { firstOutputWarmMs: 1500, snapshotGraphMs: 500 };
const HELLO = 'print("hello")';

export interface BrowserBenchOptions {
  readonly repeats: number;
  /** A built app (`npx vite build --outDir DIR`); built into a temporary folder when absent. */
  readonly distDir?: string;
  readonly log?: (text: string) => void;
  /** Port for `vite preview` (BENCH_BROWSER_PORT, else 4390): helpers sharing a machine each need their own. */
  readonly port?: number;
  /** Only the graph's frame times (skips the Python start-up rows, which take minutes under load). */
  readonly graphOnly?: boolean;
}

/** A program whose backward graph has about 3·n nodes: n leaves, n muls and n − 1 adds. */
const sumOfSquares = (n: number): string =>
  `import torch
ws = [torch.tensor(float(i % 7) / 7, requires_grad=True) for i in range(${n})]
total = ws[0] * ws[0]
for w in ws[1:]:
    total = total + w * w
total.backward()
`;

/**
 * Marks the first moment (performance.now(), from navigation start) each thing a person waits for is
 * on screen: the editor, Python ready, the first cell's output, a graph node. Installed before the
 * page's own scripts run, it watches the DOM rather than polling, so it costs the page nothing.
 * Page scripts are strings: tsx's transform of a function would call helpers the page lacks.
 */
const INSTALL_MARKS = `(() => {
  const marks = {};
  window.gradscopeMarks = marks;
  const mark = (name, seen) => { if (seen && marks[name] === undefined) marks[name] = performance.now(); };
  new MutationObserver(() => {
    // The editor is usable once either takes typing: the plain text area (before Monaco loads) or Monaco.
    mark('editor', document.querySelector('.monaco-editor, .cell-editor__plain') !== null);
    mark('monaco', document.querySelector('.monaco-editor') !== null);
    // Ready, or already running the cell queued before Python was (the "Ready" text may never show).
    mark('ready', ['idle', 'busy'].includes(document.querySelector('.kernel-status')?.dataset.state ?? ''));
    mark('output', (document.querySelector('[aria-label="Output of cell 1"]')?.textContent ?? '').includes('hello'));
    mark('graph', document.querySelector('[data-node-id]') !== null);
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * Intervals between animation frames (ms) for the given time, skipping the first (it has no
 * predecessor); and what made each long frame (the long-animation-frame entries over 50 ms: their
 * scripts' entry points, style and layout time), so a slow frame names its cause.
 */
const FRAME_INTERVALS = (durationMs: number): string => `new Promise((done) => {
  const intervals = [];
  const longFrames = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const scripts = (entry.scripts ?? [])
        .filter((script) => script.duration >= 5)
        .map((script) => \`\${script.invoker || script.name} \${Math.round(script.duration)} ms\`);
      const styleAndLayout = entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0;
      longFrames.push({ ms: Math.round(entry.duration), styleAndLayoutMs: Math.round(styleAndLayout), scripts });
    }
  });
  observer.observe({ type: 'long-animation-frame', buffered: false });
  let last = performance.now();
  const end = last + ${durationMs};
  const frame = (now) => {
    intervals.push(now - last);
    last = now;
    if (now < end) requestAnimationFrame(frame);
    else {
      observer.disconnect();
      done({ intervals: intervals.slice(1), longFrames });
    }
  };
  requestAnimationFrame(frame);
})`;

interface LongFrame {
  readonly ms: number;
  readonly styleAndLayoutMs: number;
  readonly scripts: readonly string[];
}

interface FrameRecord {
  readonly intervals: number[];
  readonly longFrames: readonly LongFrame[];
}

const describeLongFrames = (frames: readonly LongFrame[]): string =>
  frames.length === 0
    ? 'no long animation frames'
    : frames
        .slice()
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 5)
        .map((frame) => `${frame.ms} ms (style+layout ${frame.styleAndLayoutMs} ms${frame.scripts.length > 0 ? `; ${frame.scripts.join(', ')}` : ''})`)
        .join(' | ');

async function marksOf(page: Page, names: readonly string[], timeoutMs = 300_000): Promise<Record<string, number>> {
  const seen = (): Promise<Record<string, number>> => page.evaluate(() => (window as unknown as { gradscopeMarks: Record<string, number> }).gradscopeMarks);
  await page
    .waitForFunction(
      (wanted) => {
        const marks = (window as unknown as { gradscopeMarks?: Record<string, number> }).gradscopeMarks ?? {};
        return wanted.every((name) => marks[name] !== undefined);
      },
      names,
      { timeout: timeoutMs, polling: 100 },
    )
    .catch(async (error: unknown) => {
      throw new Error(`waited for ${names.join(', ')} on ${page.url().slice(0, 80)}; seen: ${JSON.stringify(await seen())}`, { cause: error });
    });
  return seen();
}

/** Intervals between animation frames for `ms`, while `drive` acts on the page (or nothing, when it only watches). */
async function frameIntervals(page: Page, ms: number, drive: () => Promise<void> = async () => {}): Promise<FrameRecord> {
  const collected = page.evaluate(FRAME_INTERVALS(ms)) as Promise<FrameRecord>;
  await drive();
  return collected;
}

function buildApp(log: (text: string) => void): string {
  const outDir = mkdtempSync(join(tmpdir(), 'gradscope-bench-dist-'));
  log(`  building the app into ${outDir}`);
  execFileSync('npx', ['vite', 'build', '--outDir', outDir], { cwd: ROOT, stdio: 'pipe' });
  return outDir;
}

async function startServer(distDir: string, port: number): Promise<ChildProcess> {
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--outDir', distDir], { cwd: ROOT, stdio: 'ignore', detached: true });
  for (let tries = 0; tries < 600; tries++) {
    try {
      if ((await fetch(originOf(port))).ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 100));
  }
  throw new Error(`vite preview did not answer on ${originOf(port)}`);
}

/** The snapshot file of `program` as the CLI records it (`gradscope run --snapshot`). */
function recordSnapshot(program: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradscope-bench-snapshot-'));
  writeFileSync(join(dir, 'program.py'), program);
  execFileSync(process.execPath, [join(ROOT, 'bin/gradscope.mjs'), 'run', join(dir, 'program.py'), '--snapshot', join(dir, 'out.json')], { stdio: 'pipe' });
  return join(dir, 'out.json');
}

/** A `#snapshot=` link to the recording of `program`, as Share makes it. */
async function snapshotLink(program: string): Promise<string> {
  const link = await encodeSnapshotLink(JSON.parse(readFileSync(recordSnapshot(program), 'utf8')) as Snapshot);
  if (!link.ok) throw new Error('the benchmark snapshot is too big for a link');
  return `/#snapshot=${link.payload}`;
}

/** A page showing the recording of `program`, opened as a file (a big graph does not fit in a link), without Python. */
async function openRecorded(page: Page, program: string): Promise<void> {
  const file = recordSnapshot(program);
  await page.route('**/pyodide/**', (route) => route.abort());
  await page.goto('/');
  await page.getByLabel('Snapshot file', { exact: true }).setInputFiles(file);
  await marksOf(page, ['graph']);
}

interface StartTimes {
  readonly editor: number;
  readonly ready: number;
  readonly output: number;
  readonly firstPaint: number;
}

/** Opens the app at a code link, presses Run all at once (the run waits for Python) and times the marks. */
async function timeStart(page: Page): Promise<StartTimes> {
  await page.goto(`/${codeLinkHash(HELLO)}`);
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  const marks = await marksOf(page, ['editor', 'ready', 'output']);
  const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
  return { editor: marks.editor!, ready: marks.ready!, output: marks.output!, firstPaint };
}

async function snapshotKept(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const cache = await caches.open('gradscope-python-snapshot');
      return (await cache.keys()).length > 0;
    },
    undefined,
    { timeout: 300_000, polling: 500 },
  );
}

const comparison = (id: string, title: string, peerName: string): Comparison => ({ id, title, unit: 'ms', peerName, figure: (ms) => ms }) as Comparison;
const samples = (label: string, ms: number[]) => ({ label, ms, runsPerSample: 1 });

export async function browserRows(options: BrowserBenchOptions): Promise<Row[]> {
  const log = options.log ?? (() => {});
  const distDir = options.distDir ?? buildApp(log);
  const port = options.port ?? DEFAULT_PORT;
  const server = await startServer(distDir, port);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const newPage = async (): Promise<Page> => {
      const context = await browser!.newContext({ baseURL: originOf(port), viewport: { width: 1400, height: 900 } });
      // A loaded machine takes far longer than Playwright's defaults to load a page.
      context.setDefaultTimeout(300_000);
      context.setDefaultNavigationTimeout(300_000);
      await context.addInitScript(INSTALL_MARKS);
      return context.newPage();
    };
    const cold: StartTimes[] = [];
    const warm: StartTimes[] = [];
    const startRounds = options.graphOnly ? 0 : options.repeats;
    for (let round = 0; round < startRounds; round++) {
      const page = await newPage();
      cold.push(await timeStart(page));
      await snapshotKept(page);
      // A real reload: the same link again would only change the hash.
      await page.goto('about:blank');
      warm.push(await timeStart(page));
      log(
        `  browser start-up round ${round + 1}: cold ready ${cold.at(-1)!.ready.toFixed(0)} ms, output ${cold.at(-1)!.output.toFixed(0)} ms; warm ready ${warm.at(-1)!.ready.toFixed(0)} ms, output ${warm.at(-1)!.output.toFixed(0)} ms`,
      );
      await page.context().close();
    }
    const pick = (runs: StartTimes[], key: keyof StartTimes): number[] => runs.map((run) => run[key]);

    log('  shared snapshot links: recording the graphs with the CLI');
    const small = await snapshotLink(sumOfSquares(3));
    const snapshotOpen: number[] = [];
    for (let round = 0; round < startRounds; round++) {
      const page = await newPage();
      await page.goto(small);
      snapshotOpen.push((await marksOf(page, ['graph'])).graph!);
      await page.context().close();
    }

    const animation = await newPage();
    await openRecorded(animation, sumOfSquares(100));
    const nodes300 = await animation.locator('[data-node-id]').count();
    const timeline = animation.getByRole('slider', { name: 'Timeline', exact: true });
    const lastStep = Number(await timeline.getAttribute('max'));
    // The backward pass is the second half of the steps: start it there and let it play.
    await timeline.fill(String(Math.floor(lastStep / 2)));
    await animation.getByRole('button', { name: 'Play', exact: true }).click();
    const playing = await frameIntervals(animation, 5_000);
    await animation.context().close();

    const big = await newPage();
    await openRecorded(big, sumOfSquares(667));
    const nodes2000 = await big.locator('[data-node-id]').count();
    const box = (await big.getByRole('region', { name: 'Computation graph' }).boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await big.mouse.move(centre.x, centre.y);
    const zooming = await frameIntervals(big, 3_000, async () => {
      for (let i = 0; i < 60; i++) await big.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
    });
    const panning = await frameIntervals(big, 3_000, async () => {
      await big.mouse.down();
      for (let i = 0; i < 60; i++) await big.mouse.move(centre.x + 150 * Math.sin(i / 6), centre.y + 100 * Math.cos(i / 6));
      await big.mouse.up();
    });
    await big.context().close();
    const budget = [FRAME_BUDGET_MS];
    log(`  graphs drawn: ${nodes300} nodes for the animation, ${nodes2000} for zoom and pan`);
    log(`  longest frames, backward animation: ${describeLongFrames(playing.longFrames)}`);
    log(`  longest frames, zooming: ${describeLongFrames(zooming.longFrames)}`);
    log(`  longest frames, panning: ${describeLongFrames(panning.longFrames)}`);
    const frameRows = [
      rowFrom(comparison('browser-backward-frames', `browser: frame time, backward animation (${nodes300} nodes)`, '60 fps budget'), [
        samples('frames', playing.intervals),
        samples('budget', budget),
      ]),
      rowFrom(comparison('browser-zoom-frames', `browser: frame time, zooming (${nodes2000} nodes)`, '60 fps budget'), [
        samples('frames', zooming.intervals),
        samples('budget', budget),
      ]),
      rowFrom(comparison('browser-pan-frames', `browser: frame time, panning (${nodes2000} nodes)`, '60 fps budget'), [
        samples('frames', panning.intervals),
        samples('budget', budget),
      ]),
    ];
    if (options.graphOnly) return frameRows;

    const trainingPage = await newPage();
    await trainingPage.context().addInitScript(INSTALL_LONG_TASKS);
    const training = await trainInPage(trainingPage);
    await trainingPage.context().close();
    log(`  makemore steps in the page: ${training.msPerStep.join(', ')} ms per step; longest main-thread task ${training.longestTaskMs.toFixed(0)} ms`);
    return [
      rowFrom(comparison('browser-ready-warm', 'browser: Python ready after load, warm (peer: cold)', 'cold start, fresh profile'), [
        samples('warm', pick(warm, 'ready')),
        samples('cold', pick(cold, 'ready')),
      ]),
      rowFrom(comparison('browser-output-warm', 'browser: first cell output after load, warm', 'target 1.5 s'), [
        samples('warm', pick(warm, 'output')),
        samples('target', [TARGET.firstOutputWarmMs]),
      ]),
      rowFrom(comparison('browser-output-cold', 'browser: first cell output after load, cold', 'target 1.5 s (warm)'), [
        samples('cold', pick(cold, 'output')),
        samples('target', [TARGET.firstOutputWarmMs]),
      ]),
      rowFrom(comparison('browser-editor-warm', 'browser: editor on screen after load, warm (peer: first paint)', 'first contentful paint'), [
        samples('editor', pick(warm, 'editor')),
        samples('first paint', pick(warm, 'firstPaint')),
      ]),
      rowFrom(comparison('browser-snapshot-graph', "browser: shared snapshot's graph on screen after load", 'target 0.5 s'), [
        samples('graph', snapshotOpen),
        samples('target', [TARGET.snapshotGraphMs]),
      ]),
      rowFrom(comparison('browser-makemore-step', 'browser: makemore MLP step in a cell, recorded (per step)', 'native PyTorch, same program'), [
        samples('page', [...training.msPerStep]),
        samples('native', training.nativeMsPerStep.length > 0 ? [...training.nativeMsPerStep] : [Number.NaN]),
      ]),
      rowFrom(
        comparison('browser-makemore-longest-task', `browser: longest main-thread task while training (${training.tasksOver50} over 50 ms)`, 'target 50 ms'),
        [samples('longest', [training.longestTaskMs]), samples('target', [50])],
      ),
      ...frameRows,
    ];
  } finally {
    await browser?.close();
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      // Already gone.
    }
  }
}

/** min–max beside each median; for frame times also the frames per second actually drawn (a long frame hides behind a median). */
export function describeSpread(rows: readonly Row[]): string {
  return rows
    .map((row) => {
      const ms = row.oursSamplesMs;
      const total = ms.reduce((sum, x) => sum + x, 0);
      const fps = row.id.endsWith('-frames') && total > 0 ? `, ${((ms.length * 1000) / total).toFixed(1)} fps overall` : '';
      return `${row.id}: median ${median([...ms]).toFixed(1)} ms, min–max ${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)} ms (${ms.length} samples)${fps}`;
    })
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { repeats: { type: 'string' }, dist: { type: 'string' }, port: { type: 'string' }, 'graph-only': { type: 'boolean' } },
  });
  const rows = await browserRows({
    ...(values.port !== undefined && { port: Number(values.port) }),
    graphOnly: values['graph-only'] ?? false,
    repeats: values.repeats ? Math.max(1, Number(values.repeats)) : 3,
    distDir: values.dist ?? process.env.BENCH_DIST_DIR,
    log: (text) => void process.stderr.write(`${text}\n`),
  });
  process.stdout.write(`\n${formatTable(rows)}\n\n${describeSpread(rows)}\n`);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) await main();
