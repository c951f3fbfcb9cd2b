/**
 * Every float32 input in [from, to) (bit patterns) through the WebAssembly kernel and the TypeScript
 * emulation (../../sleef/), reporting any input whose bits differ. It backs tanh-f32x4.ts's
 * unchecked fused multiply-adds; re-run it when a SLEEF sequence in assembly/ changes.
 *
 *   npx tsx engine/kernels/wasm/bench/exhaustive-sleef.ts tanh 0 0x410b0000
 */
import { jsKernels } from '../../js.ts';
import type { UnaryOp } from '../../types.ts';
import { loadWasmKernelsSync } from '../loader.ts';

const [op, from, to] = [process.argv[2] as UnaryOp, Number(process.argv[3]), Number(process.argv[4])];
const wasm = loadWasmKernelsSync({ elementwiseMinSize: 0 })!;
const CHUNK = 1 << 20;
const x = new Float32Array(CHUNK);
const bits = new Uint32Array(x.buffer);
const ours = new Float32Array(CHUNK);
const reference = new Float32Array(CHUNK);
const same = (a: number, b: number): boolean => Object.is(a, b) || (a !== a && b !== b);
let differing = 0;
for (let start = from; start < to; start += CHUNK) {
  const n = Math.min(CHUNK, to - start);
  for (let i = 0; i < n; i++) bits[i] = start + i;
  const view = { data: x.subarray(0, n), shape: [n], strides: [1], offset: 0 };
  wasm.unary(op, view, ours, 0, 0);
  jsKernels.unary(op, view, reference, 0, 0);
  for (let i = 0; i < n; i++) {
    if (same(ours[i]!, reference[i]!)) continue;
    if (++differing <= 20) console.log(`0x${(start + i).toString(16)} (${x[i]}): ${ours[i]} where the emulation gives ${reference[i]}`);
  }
}
console.log(`${op}: ${differing} of ${to - from} inputs differ`);
process.exitCode = differing === 0 ? 0 : 1;
