/**
 * Start-up: `gradscope run hello.py` (`import torch`, then a print) against native `python -c "import torch"` (/usr/bin/python3),
 * each a fresh process, runs interleaved; then where our start-up goes, phase by phase (in a fresh
 * process of its own, bundled and started as the command is: startup-phases.ts).
 *
 *   npx tsx bench/startup.ts [--repeats 5]
 *
 * Figures are medians of the wall clock and of the child's CPU time (user + system, from
 * /proc/self/stat's children times on Linux): on a shared machine the CPU time is the steadier.
 * `startupRows` is what `npm run bench` calls to put these rows in its table.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { bundledCli } from '../bin/cli-bundle.mjs';
import type { Comparison } from './comparisons.ts';
import { median } from './harness.ts';
import { NATIVE_PYTHON, nativeTorchInstalled } from './native-torch.ts';
import { formatTable, rowFrom, type Row } from './report.ts';

const CLI = fileURLToPath(new URL('../bin/gradscope.mjs', import.meta.url));
const PHASES_SOURCE = fileURLToPath(new URL('./startup-phases.ts', import.meta.url));
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU milliseconds of this process's waited-for children so far (Linux), or NaN elsewhere. */
function childrenCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ", field 3 is index 0: cutime and cstime are fields 16 and 17.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

interface Timed {
  readonly wall: number;
  readonly cpu: number;
}

function timeProcess(command: string, args: readonly string[], expect: string): Timed {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const child = spawnSync(command, args, { encoding: 'utf8' });
  const wall = performance.now() - start;
  if (child.status !== 0 || !child.stdout.includes(expect)) {
    throw new Error(`${command} ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  }
  return { wall, cpu: childrenCpuMs() - cpu };
}

export interface StartupOptions {
  readonly repeats: number;
  readonly log?: (text: string) => void;
}

/** `gradscope run hello.py` against native `import torch`, then one row per phase of ours. */
export async function startupRows(options: StartupOptions): Promise<Row[]> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'gradscope-startup-'));
  const hello = join(dir, 'hello.py');
  // The same program on both sides: a course program starts with `import torch`.
  writeFileSync(hello, 'import torch\nprint("hello")\n');
  const native = nativeTorchInstalled();
  const ours: Timed[] = [];
  const peer: Timed[] = [];
  for (let round = 0; round < options.repeats; round++) {
    const runOurs = (): void => void ours.push(timeProcess(process.execPath, [CLI, 'run', hello], 'hello'));
    const runNative = (): void => void (native && peer.push(timeProcess(NATIVE_PYTHON, ['-c', 'import torch; print("hello")'], 'hello')));
    if (round % 2 === 0) {
      runOurs();
      runNative();
    } else {
      runNative();
      runOurs();
    }
    log(`  start-up round ${round + 1}: ours ${ours.at(-1)!.wall.toFixed(0)} ms${native ? `, native ${peer.at(-1)!.wall.toFixed(0)} ms` : ''}`);
  }
  const peerName = native ? 'native python -c "import torch"' : 'native PyTorch: not installed';
  const rows: Row[] = [];
  for (const clock of ['cpu', 'wall'] as const) {
    const comparison = {
      id: `startup-cli-${clock}`,
      title: `gradscope run hello.py, start to exit (${clock === 'cpu' ? 'CPU time' : 'wall clock'})`,
      unit: 'ms',
      peerName,
      figure: (ms: number) => ms,
    } as Comparison;
    rows.push(
      rowFrom(comparison, [
        { label: 'gradscope', ms: ours.map((t) => t[clock]), runsPerSample: 1 },
        { label: 'native', ms: native ? peer.map((t) => t[clock]) : [Number.NaN], runsPerSample: 1 },
      ]),
    );
  }
  // Phases: a fresh process each round; the peer column is the phase's share of the whole.
  // Bundled as the command is (built here, before any round, so no round pays for the build).
  const phasesBundle = await bundledCli(PHASES_SOURCE);
  const phaseRuns: Record<string, Timed>[] = [];
  for (let round = 0; round < options.repeats; round++) {
    const child = spawnSync(process.execPath, [phasesBundle], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`start-up phases failed: ${child.stderr}`);
    phaseRuns.push(JSON.parse(child.stdout) as Record<string, Timed>);
  }
  for (const name of Object.keys(phaseRuns[0] ?? {})) {
    const cpu = phaseRuns.map((p) => p[name]!.cpu);
    const wall = phaseRuns.map((p) => p[name]!.wall);
    const comparison = {
      id: `startup-phase-${name}`,
      title: `  start-up phase: ${name} (CPU time; peer column: wall clock)`,
      unit: 'ms',
      peerName: 'same phase, wall clock',
      figure: (ms: number) => ms,
    } as Comparison;
    rows.push(
      rowFrom(comparison, [
        { label: 'cpu', ms: cpu, runsPerSample: 1 },
        { label: 'wall', ms: wall, runsPerSample: 1 },
      ]),
    );
    log(`  phase ${name}: ${median(cpu).toFixed(0)} ms CPU, ${median(wall).toFixed(0)} ms wall`);
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeats: { type: 'string' } } });
  const repeats = values.repeats ? Math.max(1, Number(values.repeats)) : 5;
  const rows = await startupRows({ repeats, log: (text) => void process.stderr.write(`${text}\n`) });
  process.stdout.write(`\n${formatTable(rows)}\n`);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) await main();
