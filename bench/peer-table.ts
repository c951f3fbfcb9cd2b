/**
 * Issue #11's workloads side by side: Gradscope (WebAssembly SIMD kernels, and the plain
 * TypeScript kernels of hosts without SIMD), TF.js's CPU and WASM backends, js-pytorch and native
 * PyTorch (one thread). The JavaScript contenders of a workload run interleaved in this process,
 * round by round (A B C …, … C B A), each sample timed by the wall clock and by this process's
 * CPU time after a full GC; PyTorch runs the same workloads in its own process. Figures are medians with min–max;
 * the ratio is Gradscope-WASM's median time ÷ the peer's (below 1: Gradscope is faster).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// The union package's Node build registers the gradients TF.js's MLP step and conv2d backward need.
import '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { setKernels, type Kernels } from '../engine/index.ts';
import { jsKernels } from '../engine/kernels/js.ts';
import { mlpData, uniformValues } from './data.ts';
import { collectGarbage, cpuMs, median } from './harness.ts';
import { CONV, gradscopeLibrary, jsPytorchLibrary, tfLibrary, type KernelLibrary } from './workloads/kernel-peers.ts';

const N = 512;
/** The batched product: BATCH products of (N/2)² matrices, the same N² floats per operand as one N² product. */
const BATCH = 4;
const ELEMENTS = 1_000_000;
const SOFTMAX_ROWS = 1000;
const MLP_SIZES = [784, 128, 64, 10] as const;
const MLP_BATCH = 64;

export type PeerUnit = 'GFLOP/s' | 'ms' | 'GB/s';

interface Workload {
  readonly id: string;
  readonly title: string;
  readonly unit: PeerUnit;
  /** ms per run → the reported figure. */
  readonly figure: (ms: number) => number;
  readonly prepare: (lib: KernelLibrary) => (() => void) | null;
}

const gflops =
  (flops: number) =>
  (ms: number): number =>
    flops / (ms * 1e6);
/** Bytes read and written per run → GB/s. */
const bandwidth =
  (bytes: number) =>
  (ms: number): number =>
    bytes / (ms * 1e6);
const asMs = (ms: number): number => ms;

function workloads(): Workload[] {
  const a = uniformValues(N * N, 1),
    b = uniformValues(N * N, 2);
  const x = uniformValues(ELEMENTS, 3, -5, 5),
    y = uniformValues(ELEMENTS, 4, -5, 5);
  const positive = uniformValues(ELEMENTS, 5, 0.01, 10);
  const mlp = mlpData(MLP_SIZES, MLP_BATCH);
  const convX = uniformValues(CONV.batch * CONV.inChannels * CONV.size ** 2, 6);
  const convW = uniformValues(CONV.outChannels * CONV.inChannels * CONV.kernel ** 2, 7);
  const convFlops = 2 * CONV.batch * CONV.outChannels * CONV.size ** 2 * CONV.inChannels * CONV.kernel ** 2;
  const layouts = [
    ['ab', 'A·B', false, false],
    ['abt', 'A·Bᵀ', false, true],
    ['atb', 'Aᵀ·B', true, false],
    ['atbt', 'Aᵀ·Bᵀ', true, true],
  ] as const;
  return [
    ...layouts.map(([id, name, ta, tb]): Workload => ({
      id: `matmul-${id}`,
      title: `float32 matmul ${N}², ${name}`,
      unit: 'GFLOP/s',
      figure: gflops(2 * N ** 3),
      prepare: (lib) => lib.matmul(N, a, b, ta, tb),
    })),
    {
      id: 'matmul-batched',
      title: `float32 batched matmul [${BATCH}, ${N / 2}, ${N / 2}]²`,
      unit: 'GFLOP/s',
      figure: gflops(2 * BATCH * (N / 2) ** 3),
      prepare: (lib) => lib.batchedMatmul(BATCH, N / 2, a, b),
    },
    { id: 'mlp-step', title: `MLP ${MLP_SIZES.join('-')} step, batch ${MLP_BATCH}`, unit: 'ms', figure: asMs, prepare: (lib) => lib.mlpStep(mlp) },
    { id: 'copy-1m', title: 'memory copy, 1M floats (bandwidth reference)', unit: 'GB/s', figure: bandwidth(8 * ELEMENTS), prepare: (lib) => lib.copy(x) },
    {
      id: 'fresh-copy-1m',
      title: 'the same copy into a fresh 1M-float buffer (what each op result costs)',
      unit: 'GB/s',
      figure: bandwidth(8 * ELEMENTS),
      prepare: (lib) => lib.freshCopy(x),
    },
    { id: 'add-1m', title: 'a + b, 1M floats', unit: 'GB/s', figure: bandwidth(12 * ELEMENTS), prepare: (lib) => lib.binary('add', x, y) },
    { id: 'mul-1m', title: 'a · b, 1M floats', unit: 'GB/s', figure: bandwidth(12 * ELEMENTS), prepare: (lib) => lib.binary('mul', x, y) },
    { id: 'exp-1m', title: 'exp, 1M floats', unit: 'ms', figure: asMs, prepare: (lib) => lib.unary('exp', x) },
    { id: 'log-1m', title: 'log, 1M floats', unit: 'ms', figure: asMs, prepare: (lib) => lib.unary('log', positive) },
    { id: 'tanh-1m', title: 'tanh, 1M floats', unit: 'ms', figure: asMs, prepare: (lib) => lib.unary('tanh', x) },
    { id: 'sigmoid-1m', title: 'sigmoid, 1M floats', unit: 'ms', figure: asMs, prepare: (lib) => lib.unary('sigmoid', x) },
    {
      id: 'softmax-1m',
      title: `softmax over rows, [${SOFTMAX_ROWS}, ${ELEMENTS / SOFTMAX_ROWS}]`,
      unit: 'ms',
      figure: asMs,
      prepare: (lib) => lib.softmax(SOFTMAX_ROWS, x),
    },
    {
      id: 'conv2d',
      title: `conv2d [${CONV.batch},${CONV.inChannels},${CONV.size},${CONV.size}] * [${CONV.outChannels},${CONV.inChannels},${CONV.kernel},${CONV.kernel}]`,
      unit: 'GFLOP/s',
      figure: gflops(convFlops),
      prepare: (lib) => lib.conv2d(convX, convW, false),
    },
    {
      id: 'conv2d-backward',
      title: 'the conv2d forward + backward (input and weight grads)',
      unit: 'ms',
      figure: asMs,
      prepare: (lib) => lib.conv2d(convX, convW, true),
    },
  ];
}

/** One contender: a library, and what must be selected before it runs (kernels, TF.js backend). */
interface Peer {
  readonly name: string;
  readonly lib: KernelLibrary;
  readonly select: () => void;
}

/** Milliseconds per run, one entry per timed round. */
interface Samples {
  readonly wall: number[];
  readonly cpu: number[];
}

export interface Stat {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}
export type Cell = { readonly wall: Stat; readonly cpu: Stat; readonly msMedian: { wall: number; cpu: number } } | 'n/a' | 'not installed';

export interface PeerTableRow {
  readonly id: string;
  readonly title: string;
  readonly unit: PeerUnit;
  readonly cells: Record<string, Cell>;
}

export interface PeerTable {
  readonly columns: readonly string[];
  readonly rows: readonly PeerTableRow[];
  readonly repeats: number;
}

/** A run slower than this is timed once, not repeated (TF.js CPU's conv2d backward takes about 50 s here). */
const TOO_SLOW_MS = 5000;

/** Interleaved samples of each run; a sample repeats a short run until it lasts 50 ms; a run over 1 s gets 3 rounds. */
function measure(runs: readonly { select: () => void; run: () => void }[], repeats: number): Samples[] {
  const counts = runs.map(({ select, run }) => {
    select();
    run();
    let count = 1;
    for (;;) {
      const start = performance.now();
      for (let i = 0; i < count; i++) run();
      const ms = performance.now() - start;
      if (ms >= 50 || count >= 1 << 14) return { count, long: ms / count > 1000 };
      count *= 2;
    }
  });
  const out: Samples[] = runs.map(() => ({ wall: [], cpu: [] }));
  for (let round = 0; round < repeats; round++) {
    const order = runs.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      if (counts[i]!.long && round >= 3) continue;
      const { select, run } = runs[i]!;
      select();
      collectGarbage();
      const start = performance.now(),
        startCpu = cpuMs();
      for (let r = 0; r < counts[i]!.count; r++) run();
      out[i]!.wall.push((performance.now() - start) / counts[i]!.count);
      out[i]!.cpu.push((cpuMs() - startCpu) / counts[i]!.count);
    }
  }
  return out;
}

function stat(ms: readonly number[], figure: (ms: number) => number): Stat {
  const values = ms.map(figure);
  return { median: figure(median(ms)), min: Math.min(...values), max: Math.max(...values) };
}

function cellOf(s: Samples, figure: (ms: number) => number): Cell {
  return { wall: stat(s.wall, figure), cpu: stat(s.cpu, figure), msMedian: { wall: median(s.wall), cpu: median(s.cpu) } };
}

/** TF.js's WASM backend, its .wasm files read from node_modules. */
async function startTfWasm(): Promise<string> {
  const require = createRequire(import.meta.url);
  setWasmPaths(`${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js could not start its WebAssembly backend');
  await tf.ready();
  const simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads = tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT');
  return `TF.js WASM${simd ? ' SIMD' : ''}${threads ? ' threaded' : ''}`;
}

/** Native PyTorch's samples per workload id, or why there are none. */
function torchSamples(ids: readonly string[], repeats: number): { version: string; ms: Record<string, Samples> } | 'not installed' {
  if (!existsSync('/usr/bin/python3')) return 'not installed';
  const script = new URL('./python/torch_peers.py', import.meta.url).pathname;
  const run = spawnSync('/usr/bin/python3', [script, String(repeats), ids.join(',')], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    if (/No module named 'torch'/.test(run.stderr)) return 'not installed';
    throw new Error(`native PyTorch failed:\n${run.stderr}`);
  }
  const parsed = JSON.parse(run.stdout) as { torch: string; ms: Record<string, Samples> };
  return { version: parsed.torch, ms: parsed.ms };
}

export interface PeerTableOptions {
  readonly wasmKernels: Kernels;
  readonly repeats: number;
  readonly only: ReadonlySet<string> | null;
  readonly log: (line: string) => void;
}

/** Runs every workload on every contender and returns the table (TF.js is left on its CPU backend). */
export async function runPeerTable({ wasmKernels, repeats, only, log }: PeerTableOptions): Promise<PeerTable> {
  tf.enableProdMode();
  const tfWasmName = await startTfWasm();
  await tf.setBackend('cpu');
  // Both TF.js backends are initialised, so setBackend switches synchronously.
  const tfBackend = (name: string) => (): void => void tf.setBackend(name);
  const jsPytorch = await jsPytorchLibrary();
  const peers: Peer[] = [
    { name: 'Gradscope WASM', lib: gradscopeLibrary, select: () => setKernels(wasmKernels) },
    { name: 'Gradscope TS', lib: gradscopeLibrary, select: () => setKernels(jsKernels) },
    { name: 'TF.js CPU', lib: tfLibrary('TF.js CPU'), select: tfBackend('cpu') },
    { name: tfWasmName, lib: tfLibrary(tfWasmName), select: tfBackend('wasm') },
    ...(jsPytorch ? [{ name: 'js-pytorch', lib: jsPytorch, select: () => {} }] : []),
  ];
  const chosen = workloads().filter((w) => only === null || only.has(w.id));
  log(`native PyTorch: ${chosen.length} workloads, ${repeats} repeats, one thread`);
  const torch = torchSamples(
    chosen.map((w) => w.id),
    repeats,
  );
  const torchName = typeof torch === 'string' ? 'PyTorch' : `PyTorch ${torch.version} (1 thread)`;
  const columns = [...peers.map((p) => p.name), ...(jsPytorch ? [] : ['js-pytorch']), torchName];

  const rows: PeerTableRow[] = [];
  for (const w of chosen) {
    const started = performance.now();
    const prepared = peers.map((p) => {
      p.select();
      return { peer: p, run: w.prepare(p.lib) };
    });
    const cells: Record<string, Cell> = {};
    for (const p of prepared) cells[p.peer.name] = 'n/a';
    // A trial run first: a library may list an op it cannot run (TF.js's WASM backend has no conv2d
    // filter gradient), and one that needs over TOO_SLOW_MS per run is reported from that run alone.
    const runs = (p: { peer: Peer; run: (() => void) | null }): p is { peer: Peer; run: () => void } => {
      if (p.run === null) return false;
      try {
        p.peer.select();
        const start = performance.now(),
          startCpu = cpuMs();
        p.run();
        const trial = { wall: [performance.now() - start], cpu: [cpuMs() - startCpu] };
        if (trial.wall[0]! < TOO_SLOW_MS) return true;
        cells[p.peer.name] = cellOf(trial, w.figure);
      } catch (e) {
        log(`  ${w.id}: ${p.peer.name} cannot run it (${e instanceof Error ? e.message : String(e)})`);
      }
      return false;
    };
    const runnable = prepared.filter(runs);
    const samples = measure(
      runnable.map((p) => ({ select: p.peer.select, run: p.run })),
      repeats,
    );
    runnable.forEach((p, i) => (cells[p.peer.name] = cellOf(samples[i]!, w.figure)));
    if (!jsPytorch) cells['js-pytorch'] = 'not installed';
    cells[torchName] = typeof torch === 'string' ? torch : torch.ms[w.id] ? cellOf(torch.ms[w.id]!, w.figure) : 'n/a';
    rows.push({ id: w.id, title: w.title, unit: w.unit, cells });
    log(`  ${w.id} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  setKernels(wasmKernels);
  await tf.setBackend('cpu');
  return { columns, rows, repeats };
}

const higherIsBetter = (unit: PeerUnit): boolean => unit !== 'ms';

/** Gradscope-WASM's median time ÷ the peer's (below 1: Gradscope is faster). */
export function timeRatio(row: PeerTableRow, column: string, clock: 'wall' | 'cpu'): number | null {
  const ours = row.cells['Gradscope WASM'],
    peer = row.cells[column];
  if (typeof ours !== 'object' || typeof peer !== 'object') return null;
  return ours.msMedian[clock] / peer.msMedian[clock];
}

const figureText = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2));

function cellText(cell: Cell | undefined, clock: 'wall' | 'cpu'): string {
  if (cell === undefined) return '—';
  if (typeof cell === 'string') return cell;
  const s = cell[clock];
  return `${figureText(s.median)} (${figureText(s.min)}–${figureText(s.max)})`;
}

/** The table as Markdown, by one clock: figures with min–max, then Gradscope-WASM's time ratio to each peer. */
export function formatPeerTable(table: PeerTable, clock: 'wall' | 'cpu'): string {
  const peers = table.columns.filter((c) => c !== 'Gradscope WASM');
  const header = ['workload', 'unit', ...table.columns, ...peers.map((p) => `÷ ${p}`)];
  const body = table.rows.map((r) => [
    r.title,
    `${r.unit}${higherIsBetter(r.unit) ? ' ↑' : ' ↓'}`,
    ...table.columns.map((c) => cellText(r.cells[c], clock)),
    ...peers.map((p) => {
      const ratio = timeRatio(r, p, clock);
      return ratio === null ? '—' : `${ratio.toFixed(2)}×`;
    }),
  ]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}
