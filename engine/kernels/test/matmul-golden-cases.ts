/**
 * PyTorch's matrix products from scripts/goldens/matmul_bits.py (mm, addmm, linear, mv, dot, bmm,
 * matmul; every operand layout; forward and both backward products), and the check that replays one
 * on whatever kernels are installed, bit for bit.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { callOpKw, fromArray, type Tensor } from '../../index.ts';

interface Operand {
  shape: number[];
  transposed: boolean;
  bits: string;
}
export interface Case {
  op: string;
  dtype: 'float32' | 'float64';
  args: Record<string, number>;
  inputs: Operand[];
  upstream: string;
  output: { shape: number[]; bits: string };
  grads: string[];
}

export const golden: { cases: Case[] } = JSON.parse(readFileSync(new URL('./goldens/matmul-bits.json', import.meta.url), 'utf8'));

/** Exact values from the golden's base64 bytes (little-endian float32 or float64). */
function decode(b64: string, dtype: Case['dtype']): Float32Array | Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

/** The first few positions whose values differ in any bit (Object.is tells -0 from 0). */
function differences(got: ArrayLike<number>, want: ArrayLike<number>): string[] {
  if (got.length !== want.length) return [`length ${got.length}, want ${want.length}`];
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < 4; i++) {
    if (!Object.is(got[i], want[i])) out.push(`[${i}] ${got[i]} want ${want[i]}`);
  }
  return out;
}

export const label = (c: Case): string =>
  `${c.op} ${c.dtype} ${c.inputs.map((x) => `${x.shape.join('×')}${x.transposed ? 'ᵀ' : ''}`).join(', ')}` +
  (Object.keys(c.args).length ? ` ${JSON.stringify(c.args)}` : '');

/** Runs case `c` forward and backward and expects PyTorch's bits for the output and every gradient. */
export function expectPyTorchBits(c: Case): void {
  const leaves = c.inputs.map((x) => fromArray(decode(x.bits, c.dtype), x.shape, c.dtype, true));
  const views = leaves.map((leaf, i) => (c.inputs[i]!.transposed ? leaf.transpose(leaf.dim() - 2, leaf.dim() - 1) : leaf));
  const result = callOpKw(c.op, views, c.args) as Tensor;
  expect(result.shape).toEqual(c.output.shape);
  expect(differences(result.contiguousValues(), decode(c.output.bits, c.dtype))).toEqual([]);
  result.backward(fromArray(decode(c.upstream, c.dtype), c.output.shape, c.dtype));
  leaves.forEach((leaf, i) => {
    expect(differences(leaf.grad!.contiguousValues(), decode(c.grads[i]!, c.dtype)), `gradient of input ${i}`).toEqual([]);
  });
}
