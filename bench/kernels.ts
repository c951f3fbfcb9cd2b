/**
 * `npm run bench:kernels`: only the peer table of `npm run bench` (issue #11's workloads on
 * Gradscope's two kernel sets, TF.js CPU and WASM, js-pytorch and native PyTorch; bench/peer-table.ts).
 * Prints it by CPU time and by the wall clock and writes .test-artifacts/bench-kernels.json.
 *
 *   npm run bench:kernels                                  everything (5–10 minutes on a loaded machine)
 *   npm run bench:kernels -- --only matmul-ab,mlp-step --repeats 5
 */
import { parseArgs } from 'node:util';
import { loadWasmKernelsSync } from '../engine/kernels/wasm/index.ts';
import { buildWasm } from '../scripts/build-wasm.mjs';
import { machineInfo } from './machine.ts';
import { formatPeerTable, runPeerTable } from './peer-table.ts';
import { formatMachine, writeJson } from './report.ts';

const { values: flags } = parseArgs({ options: { only: { type: 'string' }, repeats: { type: 'string' } } });
const log = (text: string): void => void process.stderr.write(`${text}\n`);

await buildWasm();
const wasmKernels = loadWasmKernelsSync();
if (!wasmKernels) throw new Error('this Node has no WebAssembly SIMD');
const repeats = flags.repeats ? Math.max(3, Number(flags.repeats)) : 7;
const table = await runPeerTable({ wasmKernels, repeats, only: flags.only ? new Set(flags.only.split(',')) : null, log });
const machine = machineInfo();
process.stdout.write(
  `\n${formatMachine(machine, { repeats: String(repeats) })}\n\nBy CPU time:\n\n${formatPeerTable(table, 'cpu')}\n\nBy the wall clock:\n\n${formatPeerTable(table, 'wall')}\n`,
);
writeJson('.test-artifacts/bench-kernels.json', { machine, ...table });
log('\nwrote .test-artifacts/bench-kernels.json');
