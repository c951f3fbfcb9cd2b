/**
 * CPU time per call of the float32 SLEEF kernels (exp, log, tanh, sigmoid, tanh_backward's 1 − y²)
 * in WebAssembly, beside native PyTorch (/usr/bin/python3, one thread) timing the same ops on the
 * same sizes in the same run. CPU time (process.cpuUsage / time.process_time), medians over
 * repeated batches, so a loaded machine inflates the figures less than wall-clock time would.
 *
 *   npx tsx engine/kernels/wasm/bench/sleef-cpu.ts [--no-torch]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import type { UnaryOp } from '../../types.ts';
import { loadWasmKernelsSync } from '../loader.ts';

const OPS = ['tanh', 'exp', 'log', 'sigmoid', 'oneMinusSquare'] as const satisfies readonly UnaryOp[];
const TORCH_EXPR: Record<(typeof OPS)[number], string> = {
  tanh: 'torch.tanh(x)',
  exp: 'torch.exp(x)',
  log: 'torch.log(p)',
  sigmoid: 'torch.sigmoid(x)',
  oneMinusSquare: 'torch.ops.aten.tanh_backward(o, x)',
};
const SIZES = [6400, 1 << 20];
const BATCHES = 15;

/** Inputs like a hidden layer's pre-activations: spread over [−4, 4), positive ones for log. */
function inputs(n: number, positive: boolean): Float32Array {
  const x = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = positive ? (s / 2 ** 32) * 8 + 1e-3 : (s / 2 ** 32) * 8 - 4;
  }
  return x;
}

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;

function wasmMicros(op: UnaryOp, n: number): number {
  const k = loadWasmKernelsSync()!;
  const x = inputs(n, op === 'log');
  const out = new Float32Array(n);
  const view = { data: x, shape: [n], strides: [1], offset: 0 };
  const reps = Math.max(1, Math.round(2e6 / n));
  const samples: number[] = [];
  for (let b = 0; b < BATCHES + 2; b++) {
    const t0 = process.cpuUsage();
    for (let r = 0; r < reps; r++) k.unary(op, view, out, 0, 0);
    const t = process.cpuUsage(t0);
    if (b >= 2) samples.push((t.user + t.system) / reps);
  }
  return median(samples);
}

const TORCH_SCRIPT = `
import json, sys, time, torch
torch.set_num_threads(1)
out = {}
for n in ${JSON.stringify(SIZES)}:
    g = torch.Generator().manual_seed(0)
    x = torch.rand(n, generator=g) * 8 - 4
    p = torch.rand(n, generator=g) * 8 + 1e-3
    o = torch.ones(n)
    reps = max(1, round(2e6 / n))
    for name, expr in ${JSON.stringify(TORCH_EXPR)}.items():
        f = eval('lambda: ' + expr)
        samples = []
        for b in range(${BATCHES} + 2):
            t0 = time.process_time()
            for r in range(reps): f()
            t = time.process_time() - t0
            if b >= 2: samples.append(t / reps * 1e6)
        out[f'{name}/{n}'] = sorted(samples)[len(samples) // 2]
print(json.dumps(out))
`;

function torchMicros(): Record<string, number> | null {
  if (process.argv.includes('--no-torch')) return null;
  const run = spawnSync('/usr/bin/python3', ['-c', TORCH_SCRIPT], { encoding: 'utf8' });
  if (run.status !== 0) return null;
  return JSON.parse(run.stdout) as Record<string, number>;
}

const torch = torchMicros();
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('op              n        wasm µs   torch µs   ratio');
for (const n of SIZES) {
  for (const op of OPS) {
    const ours = wasmMicros(op, n);
    const theirs = torch?.[`${op}/${n}`];
    const ratio = theirs ? (ours / theirs).toFixed(1) : '–';
    console.log(
      `${op.padEnd(15)} ${String(n).padEnd(8)} ${ours.toFixed(1).padStart(8)} ${theirs?.toFixed(1).padStart(10) ?? 'n/a'.padStart(10)} ${ratio.padStart(7)}`,
    );
  }
}
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
