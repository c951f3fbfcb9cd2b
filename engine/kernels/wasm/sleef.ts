/**
 * SLEEF's float32 exp, log, tanh and PyTorch's vectorised sigmoid in WebAssembly
 * (assembly/sleef-f32.ts): the same bits as the TypeScript emulations in ../sleef/, for contiguous
 * float32 spans. Those are also what the JavaScript kernels run on a contiguous float32 tensor.
 */
import { sleefUnary } from '../sleef/unary-f32.ts';
import type { KernelExports } from './exports.ts';
import { align16, type KernelMemory } from './memory.ts';

/** Op codes of assembly/sleef-f32.ts. */
const SLEEF_F32 = { exp: 0, log: 1, tanh: 2, sigmoid: 3, oneMinusSquare: 4 } as const;
export type SleefF32Op = keyof typeof SLEEF_F32;

/** PyTorch's sigmoid takes its vector path 16 floats at a time; the rest is scalar (../sleef/unary-f32.ts). */
const SIGMOID_BLOCK = 16;

/** out[i] = op(src[from + i]) for i < n; false (nothing done) when memory cannot hold it. */
export function wasmSleefUnary(wasm: KernelExports, mem: KernelMemory, op: SleefF32Op, src: Float32Array, from: number, out: Float32Array, n: number): boolean {
  const vector = op === 'sigmoid' ? n - (n % SIGMOID_BLOCK) : n;
  const at = align16(wasm.heapBase());
  if (!mem.reserve(at + vector * 4)) return false;
  mem.f32.set(src.subarray(from, from + vector), at / 4);
  wasm.sleefF32(SLEEF_F32[op], vector, at, at);
  out.set(mem.f32.subarray(at / 4, at / 4 + vector));
  if (vector < n) sleefUnary('sigmoid', src, from + vector, out, vector, n - vector, false);
  return true;
}
