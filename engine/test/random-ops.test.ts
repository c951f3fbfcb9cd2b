import { describe, expect, it } from 'vitest';
import { callOp, manualSeed, rand, randint, randn, randperm, tensor, type Tensor } from '../index.ts';

const round4 = (t: Tensor): number[] => t.toArray().map((v) => Math.round(v * 1e4) / 1e4);

// Values printed by PyTorch 1.13 on x86 for the same calls after torch.manual_seed(0).
describe('random ops draw PyTorch’s numbers after manual_seed', () => {
  it('rand, randn, randint and randperm in sequence', () => {
    manualSeed(0);
    expect(round4(rand([3]))).toEqual([0.4963, 0.7682, 0.0885]);
    expect(round4(randn([2, 2]))).toEqual([0.3643, 0.1344, 0.1642, 0.3058]);
    expect(randint(0, 10, [4]).toArray()).toEqual([6, 6, 9, 8]);
    expect(randperm(5).toArray()).toEqual([1, 0, 2, 3, 4]);
  });

  it('dropout masks and rescales like F.dropout', () => {
    manualSeed(0);
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((callOp('dropout', x, 0.5, true) as Tensor).toArray()).toEqual([0, 0, 6, 0, 0, 0, 14, 16]);
    expect(callOp('dropout', x, 0.5, false)).toBe(x);
  });

  it('uniform_ fills in place', () => {
    manualSeed(0);
    const w = tensor([0, 0, 0, 0]);
    callOp('uniform_', w, -1, 1);
    expect(round4(w)).toEqual([-0.0075, 0.5364, -0.823, -0.7359]);
    expect(w.version).toBe(1);
  });
});
