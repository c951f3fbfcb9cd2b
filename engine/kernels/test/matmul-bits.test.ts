/**
 * Replays scripts/goldens/matmul_bits.py: PyTorch's matrix products (mm, addmm, linear, mv, dot,
 * bmm, matmul; every operand layout; forward and both backward products), bit for bit.
 */
import { describe, it } from 'vitest';
import { expectPyTorchBits, golden, label } from './matmul-golden-cases.ts';

describe('matrix products round exactly as PyTorch (reference BLAS) does', () => {
  for (const c of golden.cases) {
    it(`gives PyTorch's bits for ${label(c)}, forward and backward`, () => expectPyTorchBits(c));
  }
});
