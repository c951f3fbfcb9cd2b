/**
 * `npm run bench:kernels`: the matrix-product kernels. A 512×512 float32 matmul in each of the four
 * layouts and one MLP training step (784-128-64-10, batch 64), on Gradscope's engine with the
 * plain JavaScript kernels and with the WebAssembly SIMD kernels, on TF.js's WebAssembly backend
 * (XNNPACK, SIMD, one thread in Node) and on native PyTorch (/usr/bin/python3, one thread, when
 * installed). Medians of interleaved repeats, by the wall clock and by CPU time (on a shared
 * machine the CPU-time figure is the one that says what the code does when it has a core);
 * writes .test-artifacts/bench-kernels.json.
 *
 *   npm run bench:kernels                 everything (about a minute)
 *   npm run bench:kernels -- --repeats 9 --no-torch
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
// The union package's Node build registers the gradients TF.js's MLP step needs.
import '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { fromArray, setKernels, type Kernels, type Tensor } from '../engine/index.ts';
import { jsKernels } from '../engine/kernels/js.ts';
import { loadWasmKernelsSync } from '../engine/kernels/wasm/index.ts';
import { buildWasm } from '../scripts/build-wasm.mjs';
import { mlpData, uniformValues } from './data.ts';
import { median, type Contender } from './harness.ts';
import { SIZES } from './comparisons.ts';
import { machineInfo } from './machine.ts';
import { oursSuite } from './workloads/ours.ts';
import { createTfSuite } from './workloads/tfjs.ts';
import type { EngineSuite } from './workloads/types.ts';

const { values: flags } = parseArgs({
  options: { repeats: { type: 'string' }, 'no-torch': { type: 'boolean', default: false } },
});
const repeats = flags.repeats ? Math.max(3, Number(flags.repeats)) : 7;
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const n = SIZES.matmul;
const LAYOUTS = [['A·B', false, false], ['A·Bᵀ', false, true], ['Aᵀ·B', true, false], ['Aᵀ·Bᵀ', true, true]] as const;
type Layout = (typeof LAYOUTS)[number][0];

await buildWasm();
const wasmKernels = loadWasmKernelsSync();
if (!wasmKernels) throw new Error('this Node has no WebAssembly SIMD');

/** TF.js on its WebAssembly backend, its .wasm files read from node_modules. */
async function startTfWasm(): Promise<{ name: string; suite: EngineSuite }> {
  // The main bench's TF.js workloads (production mode), then its WebAssembly backend under them.
  const suite = await createTfSuite();
  const require = createRequire(import.meta.url);
  setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js could not start its WebAssembly backend');
  await tf.ready();
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  return { name: `TF.js ${tf.version_core} WASM${simd ? ' SIMD' : ''}${threads ? ' threaded' : ', one thread'}`, suite };
}

/** Our engine on one kernel set (installed before each run, so contenders can interleave). */
function ours(label: string, kernels: Kernels, run: () => void): Contender {
  return { label, run: () => { setKernels(kernels); run(); } };
}

function oursMatmul(ta: boolean, tb: boolean): () => Tensor {
  const A = fromArray(uniformValues(n * n, 1), [n, n]), B = fromArray(uniformValues(n * n, 2), [n, n]);
  const left = ta ? A.t() : A, right = tb ? B.t() : B;
  return () => left.matmul(right);
}

function tfMatmul(ta: boolean, tb: boolean): () => void {
  const A = tf.tensor2d(uniformValues(n * n, 1), [n, n]), B = tf.tensor2d(uniformValues(n * n, 2), [n, n]);
  // dataSync: TF.js's WASM kernels are synchronous, but this keeps the result materialised as ours is.
  return () => { const c = tf.matMul(A, B, ta, tb); c.dataSync(); c.dispose(); };
}

interface Timing { wall: number; cpu: number }

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Median ms per run of each contender, by wall clock and by this process's CPU time; contenders
 * alternate round by round (A B C, C B A, ...); a sample runs a fast workload until it lasts 50 ms.
 */
function measure(contenders: readonly Contender[], warmupRounds: number): Timing[] {
  for (let r = 0; r < warmupRounds; r++) for (const c of contenders) c.run();
  const counts = contenders.map((c) => {
    let count = 1;
    for (;;) {
      const start = performance.now();
      for (let i = 0; i < count; i++) c.run();
      if (performance.now() - start >= 50 || count >= 1 << 16) return count;
      count *= 2;
    }
  });
  const wall: number[][] = contenders.map(() => []), cpu: number[][] = contenders.map(() => []);
  for (let round = 0; round < repeats; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const start = performance.now(), startCpu = cpuMs();
      for (let r = 0; r < counts[i]!; r++) contenders[i]!.run();
      wall[i]!.push((performance.now() - start) / counts[i]!);
      cpu[i]!.push((cpuMs() - startCpu) / counts[i]!);
    }
  }
  return contenders.map((_, i) => ({ wall: median(wall[i]!), cpu: median(cpu[i]!) }));
}

/** Native PyTorch's figures (ms), or null when /usr/bin/python3 has no torch. */
function torchTimes(): { version: string; ms: Record<string, Timing> } | null {
  if (flags['no-torch'] || !existsSync('/usr/bin/python3')) return null;
  const script = new URL('./python/torch_kernels.py', import.meta.url).pathname;
  const run = spawnSync('/usr/bin/python3', [script, String(repeats), '1'], { encoding: 'utf8' });
  if (run.status !== 0) {
    log(`native PyTorch skipped: ${run.stderr.trim().split('\n').pop() ?? ''}`);
    return null;
  }
  const parsed = JSON.parse(run.stdout) as { torch: string; threads: Record<string, Record<string, Timing>> };
  return { version: parsed.torch, ms: parsed.threads['1']! };
}

const gflops = (ms: number): number => (2 * n ** 3) / (ms * 1e6);
const columns = ['Gradscope JS', 'Gradscope WASM', 'TF.js WASM', 'PyTorch'] as const;
const rows: { workload: string; unit: string; values: (number | null)[] }[] = [];
/** A workload's row twice: by the wall clock and by CPU time. */
function addRows(workload: string, unit: string, figure: (ms: number) => number, timings: (Timing | null)[]): void {
  for (const clock of ['wall', 'cpu'] as const) {
    const values = timings.map((t) => (t ? figure(t[clock]) : null));
    rows.push({ workload: `${workload} (${clock === 'wall' ? 'wall clock' : 'CPU time'})`, unit, values });
    log(`  ${workload}, ${clock}: ${values.map((v) => v?.toFixed(2) ?? '—').join(' / ')} ${unit}`);
  }
}

const { name: tfName, suite: tfWasm } = await startTfWasm();
log(`${tfName}; ${repeats} interleaved repeats each`);

// The WebAssembly product must be the JavaScript product, bit for bit, before its speed counts.
for (const [name, ta, tb] of LAYOUTS) {
  const product = oursMatmul(ta, tb);
  setKernels(jsKernels);
  const plain = product().contiguousValues();
  setKernels(wasmKernels);
  const fast = product().contiguousValues();
  if (plain.some((v, i) => !Object.is(v, fast[i]))) throw new Error(`${name}: the WebAssembly product differs from the JavaScript product`);
}

const torch = torchTimes();
for (const [name, ta, tb] of LAYOUTS) {
  const product = oursMatmul(ta, tb);
  const timings = measure([
    ours('js', jsKernels, () => void product()),
    ours('wasm', wasmKernels, () => void product()),
    { label: 'tf', run: tfMatmul(ta, tb) },
  ], 1);
  addRows(`matmul ${n}² ${name}`, 'GFLOP/s', gflops, [...timings, torch?.ms[name as Layout] ?? null]);
}

{
  const data = mlpData(SIZES.mlp, SIZES.mlpBatch);
  const oursStep = oursSuite.mlpStep(data), tfStep = tfWasm.mlpStep(data);
  const timings = measure([
    ours('js', jsKernels, oursStep.run),
    ours('wasm', wasmKernels, oursStep.run),
    { label: 'tf', run: tfStep.run },
  ], 2);
  oursStep.dispose();
  tfStep.dispose();
  addRows(`MLP ${SIZES.mlp.join('-')} step, batch ${SIZES.mlpBatch}`, 'ms', (ms) => ms, [...timings, torch?.ms['mlp-step'] ?? null]);
}
setKernels(null);

const machine = machineInfo();
const header = ['workload', 'unit', ...columns.map((c) => (c === 'PyTorch' && torch ? `PyTorch ${torch.version} (1 thread)` : c === 'TF.js WASM' ? tfName : c))];
const table = [header, ...rows.map((r) => [r.workload, r.unit, ...r.values.map((v) => (v === null ? '—' : v.toPrecision(3)))])];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
process.stdout.write(`\n${machine.cpuModel}, ${machine.logicalCpus} logical CPUs, load ${machine.loadAverage.map((l) => l.toFixed(1)).join(' ')}, Node ${machine.node}; medians of ${repeats} repeats\n\n`);
process.stdout.write(`${table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n')}\n`);
mkdirSync('.test-artifacts', { recursive: true });
writeFileSync('.test-artifacts/bench-kernels.json', `${JSON.stringify({ machine, repeats, columns: header.slice(2), rows }, null, 2)}\n`);
log('\nwrote .test-artifacts/bench-kernels.json');
