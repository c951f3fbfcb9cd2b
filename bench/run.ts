/**
 * `npm run bench`: our engine against TF.js's CPU backend in one process, interleaved round by
 * round; the trace recorder's cost; and the Python layer's overhead in one Pyodide session.
 * Prints a table with the machine it ran on and writes .test-artifacts/bench.json.
 *
 *   npm run bench                      everything (about 2–3 minutes)
 *   npm run bench -- --only mlp-step,chain --repeats 9 --no-python
 *   npm run bench -- --js-kernels     our engine on the plain TypeScript kernels, not WebAssembly SIMD
 *
 * (npm run bench:kernels compares the two kernel sets, TF.js's WASM backend and native PyTorch.)
 */
import { parseArgs } from 'node:util';
import { engineComparisons, pythonComparisons, type Comparison } from './comparisons.ts';
import { DEFAULT_TIMING, measureInterleaved } from './harness.ts';
import { machineInfo } from './machine.ts';
import { startBenchPython } from './python-session.ts';
import { enableWasmKernelsSync } from '../engine/kernels/wasm/index.ts';
import { buildWasm } from '../scripts/build-wasm.mjs';
import { differenceRow, formatMachine, formatTable, rowFrom, writeJson, type Row } from './report.ts';
import { oursSuite } from './workloads/ours.ts';
import { createTfSuite } from './workloads/tfjs.ts';

const RESULTS_PATH = '.test-artifacts/bench.json';

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    repeats: { type: 'string' },
    'no-python': { type: 'boolean', default: false },
    'js-kernels': { type: 'boolean', default: false },
  },
});
const only = flags.only ? new Set(flags.only.split(',')) : null;
const repeats = flags.repeats ? Math.max(3, Number(flags.repeats)) : DEFAULT_TIMING.repeats;
const log = (text: string): void => void process.stderr.write(`${text}\n`);

function measure(c: Comparison): Row {
  const started = performance.now();
  const pair = c.prepare();
  try {
    const timing = { ...DEFAULT_TIMING, repeats, ...c.timing };
    const row = rowFrom(c, measureInterleaved([pair.ours, pair.peer], timing));
    log(`  ${c.id}: ${row.ours.toPrecision(3)} vs ${row.peer.toPrecision(3)} ${c.unit} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return row;
  } finally {
    pair.dispose();
  }
}

const wanted = (c: Comparison): boolean => only === null || only.has(c.id);

async function main(): Promise<void> {
  const started = performance.now();
  // Our engine as the app runs it: on the WebAssembly SIMD kernels (built from source if needed).
  const kernels = !flags['js-kernels'] && (await buildWasm(), enableWasmKernelsSync()) ? 'WebAssembly SIMD kernels' : 'TypeScript kernels';
  const machine = machineInfo();
  const peer = await createTfSuite();
  log(`measuring ${oursSuite.name} against ${peer.name}, ${repeats} interleaved repeats each`);

  const rows: Row[] = [];
  for (const c of engineComparisons(oursSuite, peer).filter(wanted)) rows.push(measure(c));
  const whole = rows.find((r) => r.id === 'elementwise-forward-backward');
  const forward = rows.find((r) => r.id === 'elementwise-forward');
  if (whole && forward) {
    rows.splice(rows.indexOf(whole) + 1, 0, differenceRow('elementwise-backward', 'one recorded x*y on [4]: backward', whole, forward));
  }

  const extra: Record<string, string> = { peer: peer.name, kernels };
  const pythonWanted = !flags['no-python'] && (only === null || [...only].some((id) => id.startsWith('python-')));
  if (pythonWanted) {
    log('starting Pyodide');
    const py = await startBenchPython();
    extra.pyodide = `Python ${py.pythonVersion}, session loaded in ${(py.loadMs / 1000).toFixed(1)} s`;
    for (const c of pythonComparisons(py, oursSuite).filter(wanted)) rows.push(measure(c));
  }

  const totalSeconds = (performance.now() - started) / 1000;
  extra['bench time'] = `${totalSeconds.toFixed(0)} s; medians of ${repeats} interleaved repeats; * = difference of two medians; noise = half the interquartile range over the median (ours / peer)`;
  process.stdout.write(`\n${formatMachine(machine, extra)}\n\n${formatTable(rows)}\n`);
  writeJson(RESULTS_PATH, { machine, peer: peer.name, repeats, totalSeconds, rows });
  log(`\nwrote ${RESULTS_PATH}`);
}

await main();
