/**
 * `npm run bench`: first the peer table (issue #11's kernel workloads on Gradscope's two kernel
 * sets, TF.js CPU and WASM, js-pytorch and native PyTorch; bench/peer-table.ts), then our engine
 * against TF.js's CPU backend in one process, interleaved round by round; the trace recorder's
 * cost; and the Python layer's overhead in one Pyodide session. Prints the tables with the
 * machine they ran on and writes .test-artifacts/bench.json.
 *
 *   npm run bench                      everything (about 10 minutes)
 *   npm run bench -- --only mlp-step,chain --repeats 9 --no-python
 *   npm run bench -- --no-peers       skip the peer table (npm run bench:kernels runs only it)
 *   npm run bench -- --js-kernels     our engine on the plain TypeScript kernels, not WebAssembly SIMD
 *   npm run bench -- --no-browser     skip the page's figures (Playwright in Chromium; bench/browser.ts)
 *   npm run bench -- --dist DIR       measure the page from an app already built into DIR
 */
import { parseArgs } from 'node:util';
import { engineComparisons, pythonComparisons, type Comparison } from './comparisons.ts';
import { DEFAULT_TIMING, measureInterleaved } from './harness.ts';
import { machineInfo } from './machine.ts';
import { startBenchPython } from './python-session.ts';
import { loadWasmKernelsSync } from '../engine/kernels/wasm/index.ts';
import { setKernels } from '../engine/index.ts';
import { formatPeerTable, runPeerTable, type PeerTable } from './peer-table.ts';
import { buildWasm } from '../scripts/build-wasm.mjs';
import { differenceRow, formatMachine, formatTable, rowFrom, writeJson, type Row } from './report.ts';
import { oursSuite } from './workloads/ours.ts';
import { pythonOpsRows } from './python-ops.ts';
import { MAKEMORE_ROW, makemoreRows } from './makemore-step.ts';
import { startupRows } from './startup.ts';
import { browserRows, describeSpread } from './browser.ts';
import { createTfSuite } from './workloads/tfjs.ts';

const RESULTS_PATH = '.test-artifacts/bench.json';

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    repeats: { type: 'string' },
    'no-python': { type: 'boolean', default: false },
    'js-kernels': { type: 'boolean', default: false },
    'no-peers': { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
    dist: { type: 'string' },
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
  await buildWasm();
  const wasmKernels = loadWasmKernelsSync();
  let peerTable: PeerTable | null = null;
  if (wasmKernels && !flags['no-peers'] && (only === null || [...only].some((id) => !id.startsWith('python-')))) {
    log('peer table: Gradscope, TF.js CPU and WASM, js-pytorch, native PyTorch');
    peerTable = await runPeerTable({ wasmKernels, repeats, only, log });
  }
  const kernels = !flags['js-kernels'] && wasmKernels ? 'WebAssembly SIMD kernels' : 'TypeScript kernels';
  setKernels(flags['js-kernels'] ? null : wasmKernels);
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
    // Ops called from Python against native PyTorch's, and the command line's start against `import torch`.
    rows.push(...(await pythonOpsRows(py, { repeats, only: only ?? undefined, log })));
    rows.push(...(await startupRows({ repeats: 3, log })));
    if (only === null || only.has(MAKEMORE_ROW.id)) rows.push(...(await makemoreRows(py, { repeats, log })));
  }

  if (!flags['no-browser'] && (only === null || [...only].some((id) => id.startsWith('browser-')))) {
    log('the page in Chromium: start-up, first output, snapshot open, frame times');
    const browser = await browserRows({ repeats: 3, distDir: flags.dist ?? process.env.BENCH_DIST_DIR, log });
    log(describeSpread(browser));
    rows.push(...browser);
  }

  const totalSeconds = (performance.now() - started) / 1000;
  extra['bench time'] =
    `${totalSeconds.toFixed(0)} s; medians of ${repeats} interleaved repeats; * = difference of two medians; noise = half the interquartile range over the median (ours / peer)`;
  const peers =
    peerTable && peerTable.rows.length > 0
      ? `Peer table (Gradscope-WASM time ÷ each peer's), by CPU time:\n\n${formatPeerTable(peerTable, 'cpu')}\n\nBy the wall clock:\n\n${formatPeerTable(peerTable, 'wall')}\n\n`
      : '';
  process.stdout.write(`\n${formatMachine(machine, extra)}\n\n${peers}${formatTable(rows)}\n`);
  writeJson(RESULTS_PATH, { machine, peer: peer.name, repeats, totalSeconds, peerTable, rows });
  log(`\nwrote ${RESULTS_PATH}`);
}

await main();
