/**
 * The Python layer's cost per op against native PyTorch: the same Python (bench/python/python_ops.py)
 * run in Gradscope's Pyodide session, as the CLI starts one, and in /usr/bin/python3 with PyTorch,
 * samples interleaved round by round; plus what recording a cell's trace costs against the same
 * cell unrecorded.
 *
 *   npx tsx bench/python-ops.ts [--repeats 9] [--only mul-operator,scalar-graph] [--wall]
 *
 * Figures are CPU time unless --wall: on a shared machine the wall clock mostly measures the neighbours.
 *
 * `pythonOpsRows` is what `npm run bench` calls to put these rows in its table.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createSessionRecording } from '../engine/worker/cell-recorder.ts';
import type { Comparison, Unit } from './comparisons.ts';
import { nativeTorchInstalled, startNativeTorch, type NativeTorch } from './native-torch.ts';
import { startBenchPython, type BenchPython } from './python-session.ts';
import { alternateRounds, cpuMs } from './harness.ts';
import { formatTable, rowFrom, type Row } from './report.ts';

const OPS_PER_RUN = 1000;
const WORKLOADS_SOURCE = readFileSync(new URL('./python/python_ops.py', import.meta.url), 'utf8');

interface PythonWorkload {
  readonly id: string;
  readonly title: string;
  readonly unit: Unit;
  /** Milliseconds per run → the figure. */
  readonly figure: (ms: number) => number;
}

const perOp = (ms: number): number => (ms * 1000) / OPS_PER_RUN;
const asMs = (ms: number): number => ms;

export const PYTHON_OP_WORKLOADS: readonly PythonWorkload[] = [
  { id: 'mul-operator', title: 'Python: x * y on [4], x requires grad (per op)', unit: 'µs', figure: perOp },
  { id: 'add-method', title: 'Python: x.add(y) on [4] (per op)', unit: 'µs', figure: perOp },
  { id: 'torch-mul', title: 'Python: torch.mul(x, y) on [4] (per op)', unit: 'µs', figure: perOp },
  { id: 'add-scalar', title: 'Python: x + 1.0 on [4] (per op)', unit: 'µs', figure: perOp },
  { id: 'tanh-method', title: 'Python: x.tanh() on [4] (per op)', unit: 'µs', figure: perOp },
  { id: 'sum-method', title: 'Python: x.sum() on [4] (per op)', unit: 'µs', figure: perOp },
  { id: 'scalar-graph', title: 'Python: 10,000-node scalar graph, build + backward', unit: 'ms', figure: asMs },
];

/** Installs the workload file into the session as the module `python_ops`, its inputs made (a recorded cell alone needs them too). */
export function installPythonOps(py: BenchPython): void {
  py.exec(
    `import sys, types\n_m = types.ModuleType("python_ops")\nsys.modules["python_ops"] = _m\n` +
      `exec(compile(${JSON.stringify(WORKLOADS_SOURCE)}, "python_ops.py", "exec"), _m.__dict__)\n` +
      `import python_ops as pops\ndel _m\npops._setup()`,
  );
}

function row(w: PythonWorkload, peerName: string, ours: number[], peer: number[], runsPerSample: readonly [number, number]): Row {
  const comparison: Pick<Comparison, 'id' | 'title' | 'unit' | 'peerName' | 'figure'> = { ...w, id: `python-op-${w.id}`, peerName };
  return rowFrom(comparison as Comparison, [
    { label: 'Gradscope', ms: ours, runsPerSample: runsPerSample[0] },
    { label: peerName, ms: peer, runsPerSample: runsPerSample[1] },
  ]);
}

/** One sample's milliseconds per run, by the wall clock and by the process's CPU time. */
interface Sample {
  readonly wall: number;
  readonly cpu: number;
}

/** A sample of our side: Python times the wall clock, Node the CPU time (Pyodide's process_time is a wall clock). */
function sampleOurs(py: BenchPython, id: string, count: number): Sample {
  const startCpu = cpuMs();
  const { wall } = py.json<Sample>(`pops.sample(${JSON.stringify(id)}, ${count})`);
  return { wall, cpu: (cpuMs() - startCpu) / count };
}

export type Clock = keyof Sample;

/** Our Pyodide session against native PyTorch, rounds alternating who goes first. */
async function againstNative(py: BenchPython, native: NativeTorch, w: PythonWorkload, repeats: number, clock: Clock): Promise<Row> {
  const oursCount = py.json<number>(`pops.calibrate(${JSON.stringify(w.id)})`);
  const nativeCount = await native.ask<number>({ op: 'calibrate', name: w.id });
  // Untimed samples first: CPU time counts V8's background compilers while the code tiers up.
  for (let i = 0; i < 2; i++) sampleOurs(py, w.id, oursCount);
  const ours: number[] = [];
  const peer: number[] = [];
  const takeOurs = (): void => void ours.push(sampleOurs(py, w.id, oursCount)[clock]);
  const takeNative = async (): Promise<void> => void peer.push((await native.ask<Sample>({ op: 'sample', name: w.id, count: nativeCount }))[clock]);
  await alternateRounds(repeats, takeOurs, takeNative);
  return row(w, `native PyTorch ${native.version}`, ours, peer, [oursCount, nativeCount]);
}

/** Our Pyodide session alone (no native PyTorch on this machine): the peer column stays empty. */
function withoutNative(py: BenchPython, w: PythonWorkload, repeats: number, clock: Clock): Row {
  const count = py.json<number>(`pops.calibrate(${JSON.stringify(w.id)})`);
  const ours = Array.from({ length: repeats }, () => sampleOurs(py, w.id, count)[clock]);
  return row(w, 'native PyTorch: not installed', ours, [Number.NaN], [count, 0]);
}

/**
 * A user's cell, recorded as the worker records it, against the same cell run without a recorder:
 * the loop is written in the cell so the recorder asks Python for the user's line as it does in the app.
 */
const RECORDED_CELLS: ReadonlyArray<{ id: string; title: string; unit: Unit; figure: (ms: number) => number; code: string }> = [
  {
    id: 'mul-operator',
    title: 'Python: x * y on [4] in a recorded cell (per op)',
    unit: 'µs',
    figure: perOp,
    code: `x, y = pops._state["x"], pops._state["y"]\nfor _ in range(${OPS_PER_RUN}):\n    x * y\n`,
  },
  {
    id: 'scalar-graph',
    title: 'Python: 10,000-node scalar graph in a recorded cell',
    unit: 'ms',
    figure: asMs,
    code: 'pops.scalar_graph()\n',
  },
];

function recordingCost(py: BenchPython, cells: typeof RECORDED_CELLS, repeats: number, clock: Clock): Row[] {
  const recording = createSessionRecording(py.session);
  return cells.map((cell) => {
    const run = (): void => {
      const outcome = py.session.run(cell.code, 'bench_cell.py');
      if (!outcome.ok) throw new Error(outcome.error?.traceback ?? 'bench cell failed');
    };
    const recorded = (): void => {
      const { result } = recording.record('bench', 'bench_cell.py', () => py.session.run(cell.code, 'bench_cell.py'));
      if (!result.ok) throw new Error(result.error?.traceback ?? 'bench cell failed');
    };
    const time = (f: () => void, count: number): number => {
      const start = clock === 'cpu' ? cpuMs() : performance.now();
      for (let i = 0; i < count; i++) f();
      return ((clock === 'cpu' ? cpuMs() : performance.now()) - start) / count;
    };
    recorded();
    run();
    const count = Math.max(1, Math.ceil(50 / time(recorded, 1)));
    const on: number[] = [];
    const off: number[] = [];
    for (let round = 0; round < repeats; round++) {
      if (round % 2 === 0) {
        on.push(time(recorded, count));
        off.push(time(run, count));
      } else {
        off.push(time(run, count));
        on.push(time(recorded, count));
      }
    }
    const w = { ...cell, id: `recorded-${cell.id}` };
    return row(w, 'same cell, not recorded', on, off, [count, count]);
  });
}

export interface PythonOpsOptions {
  readonly repeats: number;
  readonly only?: ReadonlySet<string>;
  /** Which time the figures are: CPU time (default: steadier on a shared machine) or the wall clock. */
  readonly clock?: Clock;
  readonly log?: (text: string) => void;
}

/** Every row of this bench: per-op and scalar-graph against native PyTorch, then the recorder's cost. */
export async function pythonOpsRows(py: BenchPython, options: PythonOpsOptions): Promise<Row[]> {
  const log = options.log ?? (() => {});
  const clock = options.clock ?? 'cpu';
  installPythonOps(py);
  const native = nativeTorchInstalled() ? await startNativeTorch('python_ops.py') : undefined;
  const rows: Row[] = [];
  try {
    for (const w of PYTHON_OP_WORKLOADS) {
      if (options.only && !options.only.has(w.id)) continue;
      const r = native ? await againstNative(py, native, w, options.repeats, clock) : withoutNative(py, w, options.repeats, clock);
      log(`  ${r.id}: ${r.ours.toPrecision(3)} vs ${r.peer.toPrecision(3)} ${r.unit}`);
      rows.push(r);
    }
  } finally {
    native?.close();
  }
  const cells = RECORDED_CELLS.filter((cell) => !options.only || options.only.has(`recorded-${cell.id}`));
  for (const r of recordingCost(py, cells, options.repeats, clock)) {
    log(`  ${r.id}: ${r.ours.toPrecision(3)} vs ${r.peer.toPrecision(3)} ${r.unit}`);
    rows.push(r);
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeats: { type: 'string' }, only: { type: 'string' }, wall: { type: 'boolean', default: false } } });
  const repeats = values.repeats ? Math.max(3, Number(values.repeats)) : 7;
  const log = (text: string): void => void process.stderr.write(`${text}\n`);
  const started = performance.now();
  const py = await startBenchPython();
  log(`Pyodide session loaded in ${(py.loadMs / 1000).toFixed(1)} s`);
  const clock: Clock = values.wall ? 'wall' : 'cpu';
  const rows = await pythonOpsRows(py, { repeats, log, clock, ...(values.only ? { only: new Set(values.only.split(',')) } : {}) });
  process.stdout.write(`\n${formatTable(rows)}\n`);
  log(`medians of ${repeats} interleaved samples, ${clock === 'cpu' ? 'CPU time' : 'wall clock'}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) await main();
