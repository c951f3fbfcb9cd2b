/**
 * Issue #11's training target: the makemore MLP's step (bench/python/makemore_step.py) in Gradscope's
 * Pyodide session with the trace recorder on, as the app's worker runs a cell, against the same
 * Python under native PyTorch, samples interleaved round by round. Time per step.
 *
 *   npx tsx bench/makemore-step.ts [--repeats 7] [--wall]
 *
 * `makemoreRows` is what `npm run bench` calls to put the row in its table.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { enableWasmKernelsSync } from '../engine/kernels/wasm/loader.ts';
import { createSessionRecording } from '../engine/worker/cell-recorder.ts';
import { alternateRounds, cpuMs } from './harness.ts';
import { nativeTorchInstalled, startNativeTorch } from './native-torch.ts';
import type { Clock } from './python-ops.ts';
import { startBenchPython, type BenchPython } from './python-session.ts';
import { formatTable, rowFrom, type Row } from './report.ts';

/** Steps per timed sample: a sample lasts ~0.1–1 s on either side. */
export const STEPS_PER_SAMPLE = 40;
const SOURCE = readFileSync(new URL('./python/makemore_step.py', import.meta.url), 'utf8');

export const MAKEMORE_ROW = {
  id: 'python-makemore-step',
  title: 'Python: makemore MLP step (emb 27×10, hidden 200, batch 32), recorded',
  unit: 'ms' as const,
  figure: (ms: number): number => ms,
};

/** Puts the workload module into the session and runs its SETUP (data and parameters) in the cells' namespace. */
export function installMakemore(py: BenchPython): void {
  py.exec(
    `import sys, types\n_m = types.ModuleType("makemore_step")\nexec(compile(${JSON.stringify(SOURCE)}, "makemore_step.py", "exec"), _m.__dict__)\nsys.modules["makemore_step"] = _m\ndel _m`,
  );
  py.exec(py.json<string>('__import__("json").dumps(__import__("makemore_step").SETUP)'));
}

/** The cell that takes `steps` training steps. */
export const makemoreCell = (py: BenchPython, steps: number): string =>
  py.json<string>(`__import__("json").dumps(__import__("makemore_step").loop_code(${steps}))`);

/** Ours: the step loop as one recorded cell; a fresh recording per sample, as each run of a cell gets. */
function oursSampler(py: BenchPython): (steps: number) => { wall: number; cpu: number } {
  installMakemore(py);
  return (steps) => {
    const code = makemoreCell(py, steps);
    const recording = createSessionRecording(py.session);
    const startCpu = cpuMs();
    const startWall = performance.now();
    const { result, events } = recording.record('bench', 'makemore_cell.py', () => py.session.run(code, 'makemore_cell.py'));
    const wall = (performance.now() - startWall) / steps;
    const cpu = (cpuMs() - startCpu) / steps;
    if (!result.ok) throw new Error(result.error?.traceback ?? 'makemore step failed');
    // Each step is one pass of the trace (the last few kept in full, the others summarized).
    const passes = events.filter((event) => event.kind === 'pass-summary').length;
    if (passes !== steps) throw new Error(`the recorder saw ${passes} passes for ${steps} steps`);
    return { wall, cpu };
  };
}

export async function makemoreRows(py: BenchPython, options: { repeats: number; clock?: Clock; log?: (text: string) => void }): Promise<Row[]> {
  const clock = options.clock ?? 'cpu';
  const sampleOurs = oursSampler(py);
  // Untimed: V8 tiers up the kernels and the bridge.
  sampleOurs(STEPS_PER_SAMPLE);
  sampleOurs(STEPS_PER_SAMPLE);
  const native = nativeTorchInstalled() ? await startNativeTorch('makemore_step.py') : undefined;
  const ours: number[] = [];
  const peer: number[] = [];
  try {
    const takeOurs = (): void => void ours.push(sampleOurs(STEPS_PER_SAMPLE)[clock]);
    const takeNative = async (): Promise<void> => {
      if (native) peer.push((await native.ask<{ wall: number; cpu: number }>({ op: 'sample', steps: STEPS_PER_SAMPLE }))[clock]);
    };
    if (native) await takeNative();
    await alternateRounds(options.repeats, takeOurs, takeNative);
  } finally {
    native?.close();
  }
  const peerName = native ? `native PyTorch ${native.version}, not recorded` : 'native PyTorch: not installed';
  const row = rowFrom({ ...MAKEMORE_ROW, peerName } as Parameters<typeof rowFrom>[0], [
    { label: 'Gradscope', ms: ours, runsPerSample: STEPS_PER_SAMPLE },
    { label: peerName, ms: native ? peer : [Number.NaN], runsPerSample: STEPS_PER_SAMPLE },
  ]);
  options.log?.(`  ${row.id}: ${row.ours.toPrecision(3)} vs ${row.peer.toPrecision(3)} ms per step`);
  return [row];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeats: { type: 'string' }, wall: { type: 'boolean', default: false } } });
  const repeats = values.repeats ? Math.max(3, Number(values.repeats)) : 7;
  const log = (text: string): void => void process.stderr.write(`${text}\n`);
  // As the app's worker and `gradscope run` do (npm run bench sets the kernels itself).
  enableWasmKernelsSync();
  const py = await startBenchPython();
  const rows = await makemoreRows(py, { repeats, log, clock: values.wall ? 'wall' : 'cpu' });
  process.stdout.write(`\n${formatTable(rows)}\n`);
  log(`medians of ${repeats} interleaved samples of ${STEPS_PER_SAMPLE} steps, ${values.wall ? 'wall clock' : 'CPU time'}`);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) await main();
