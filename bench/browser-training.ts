/**
 * Issue #11's training target in the page: the makemore MLP's steps (bench/python/makemore_step.py)
 * typed into a cell and run in the app's worker with the trace recorder on, against the same program
 * under native PyTorch; and whether the page stays responsive meanwhile (the longest main-thread task,
 * by a `longtask` PerformanceObserver installed before the page's scripts).
 *
 * Each side times its own steps with `time.perf_counter()` inside the program (per chunk of steps, so
 * the warm-up shows apart), so neither the page's start nor Python's load is counted. The first
 * WARM_UP_CHUNKS chunks (75 steps) are dropped, as the Node bench runs 80 untimed steps: V8 and the
 * wasm still tier up over the first hundred steps.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { codeLinkHash } from '../app/core/share/code-link.ts';
import { NATIVE_PYTHON, nativeTorchInstalled } from './native-torch.ts';

const SOURCE = readFileSync(new URL('./python/makemore_step.py', import.meta.url), 'utf8');
const pythonString = (name: string): string => {
  const found = new RegExp(`^${name} = """([\\s\\S]*?)"""`, 'm').exec(SOURCE);
  if (!found) throw new Error(`makemore_step.py has no ${name}`);
  return found[1]!;
};

/** Chunks of steps timed separately; the first is warm-up (V8 tiering, first allocations). */
const CHUNKS = 8;
const WARM_UP_CHUNKS = 3;
const STEPS_PER_CHUNK = 25;
const MARKER = 'MS-PER-STEP';

/** The program a learner would run, plus the timing around each chunk of steps. */
export function timedMakemoreProgram(): string {
  const loop = pythonString('LOOP')
    .replace('STEPS', String(STEPS_PER_CHUNK))
    .replace(/^(?=.)/gm, '    ');
  return `${pythonString('SETUP').trim()}
import time
_ms_per_step = []
for _chunk in range(${CHUNKS}):
    _start = time.perf_counter()
${loop}
    _ms_per_step.append((time.perf_counter() - _start) * 1000 / ${STEPS_PER_CHUNK})
print("${MARKER}", [round(ms, 3) for ms in _ms_per_step], round(loss.item(), 4))
`;
}

/** Installed before the page's scripts: the longest main-thread task and how many passed 50 ms. */
export const INSTALL_LONG_TASKS = `(() => {
  const seen = { longest: 0, over50: 0 };
  window.gradscopeLongTasks = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      seen.longest = Math.max(seen.longest, entry.duration);
      if (entry.duration > 50) seen.over50 += 1;
    }
  }).observe({ type: 'longtask', buffered: true });
})()`;

export interface TrainingInPage {
  /** ms per step of each chunk after the warm-up. */
  readonly msPerStep: readonly number[];
  /** The same for native PyTorch (empty when it is not installed). */
  readonly nativeMsPerStep: readonly number[];
  /** The longest main-thread task while the steps ran (ms), and how many tasks passed 50 ms. */
  readonly longestTaskMs: number;
  readonly tasksOver50: number;
}

function parseTimes(printed: string): number[] {
  const line = printed.split('\n').find((text) => text.startsWith(MARKER));
  if (!line) throw new Error(`the makemore program printed no timings:\n${printed.slice(-2000)}`);
  const list = /\[([^\]]*)\]/.exec(line)![1]!;
  return list.split(',').map(Number).slice(WARM_UP_CHUNKS);
}

/** Runs the program in a page of the app (`page` has INSTALL_LONG_TASKS as an init script), then natively. */
export async function trainInPage(page: Page): Promise<TrainingInPage> {
  const program = timedMakemoreProgram();
  await page.goto(`/${codeLinkHash(program)}`);
  const output = page.locator('[aria-label="Output of cell 1"]');
  // Python must be up before the long-task window opens: the steps are what is measured, not the boot.
  await page.waitForFunction(() => ['idle'].includes(document.querySelector<HTMLElement>('.kernel-status')?.dataset.state ?? ''), undefined, {
    timeout: 300_000,
  });
  await page.evaluate(() => {
    const seen = (window as unknown as { gradscopeLongTasks: { longest: number; over50: number } }).gradscopeLongTasks;
    seen.longest = 0;
    seen.over50 = 0;
  });
  await page.getByRole('button', { name: 'Run all', exact: true }).click();
  await output.filter({ hasText: MARKER }).waitFor({ timeout: 600_000 });
  // What the page does with the finished run (its trace, the graph) counts as part of staying responsive.
  await page.waitForTimeout(2_000);
  const tasks = await page.evaluate(() => (window as unknown as { gradscopeLongTasks: { longest: number; over50: number } }).gradscopeLongTasks);
  const msPerStep = parseTimes((await output.textContent()) ?? '');
  const nativeMsPerStep = nativeTorchInstalled()
    ? parseTimes(execFileSync(NATIVE_PYTHON, ['-c', `import torch\ntorch.set_num_threads(1)\n${program}`], { encoding: 'utf8' }))
    : [];
  return { msPerStep, nativeMsPerStep, longestTaskMs: tasks.longest, tasksOver50: tasks.over50 };
}
