/**
 * PyTorch's matrix-product bits (../../test/goldens/matmul-bits.json, from
 * scripts/goldens/matmul_bits.py) on both kernel sets: the JavaScript kernels (hosts without
 * WebAssembly SIMD) and the WebAssembly kernels with every product, even the smallest, run in
 * WebAssembly. Forward and both backward products.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOpKw, fromArray, type Tensor } from '../../../index.ts';
import { kernels, setKernels } from '../../index.ts';
import { jsKernels } from '../../js.ts';
import type { Kernels } from '../../types.ts';
import { loadWasmKernelsSync } from '../loader.ts';

interface Operand { shape: number[]; transposed: boolean; bits: string }
interface Case {
  op: string;
  dtype: 'float32' | 'float64';
  args: Record<string, number>;
  inputs: Operand[];
  upstream: string;
  output: { shape: number[]; bits: string };
  grads: string[];
}

const golden: { cases: Case[] } = JSON.parse(readFileSync(new URL('../../test/goldens/matmul-bits.json', import.meta.url), 'utf8'));

function decode(b64: string, dtype: Case['dtype']): Float32Array | Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

function differences(got: ArrayLike<number>, want: ArrayLike<number>): string[] {
  if (got.length !== want.length) return [`length ${got.length}, want ${want.length}`];
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < 4; i++) if (!Object.is(got[i], want[i])) out.push(`[${i}] ${got[i]} want ${want[i]}`);
  return out;
}

const kernelSets: [string, Kernels][] = [
  ['JavaScript kernels', jsKernels],
  ['WebAssembly kernels', loadWasmKernelsSync({ matmulMinWork: 0 })!],
];

for (const [name, set] of kernelSets) {
  describe(`${name}: matrix products round exactly as PyTorch does`, () => {
    let before: Kernels;
    beforeAll(() => {
      before = kernels();
      setKernels(set);
    });
    afterAll(() => setKernels(before));

    for (const c of golden.cases) {
      const label = `${c.op} ${c.dtype} ${c.inputs.map((x) => `${x.shape.join('×')}${x.transposed ? 'ᵀ' : ''}`).join(', ')} ${JSON.stringify(c.args)}`;
      it(label, () => {
        const leaves = c.inputs.map((x) => fromArray(decode(x.bits, c.dtype), x.shape, c.dtype, true));
        const views = leaves.map((leaf, i) => (c.inputs[i]!.transposed ? leaf.transpose(leaf.dim() - 2, leaf.dim() - 1) : leaf));
        const result = callOpKw(c.op, views, c.args) as Tensor;
        expect(differences(result.contiguousValues(), decode(c.output.bits, c.dtype))).toEqual([]);
        result.backward(fromArray(decode(c.upstream, c.dtype), c.output.shape, c.dtype));
        leaves.forEach((leaf, i) => {
          expect(differences(leaf.grad!.contiguousValues(), decode(c.grads[i]!, c.dtype)), `gradient of input ${i}`).toEqual([]);
        });
      });
    }
  });
}
