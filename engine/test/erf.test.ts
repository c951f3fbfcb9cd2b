/**
 * torch.erf against PyTorch (goldens by scripts/goldens/erf.py): float64 to a few units in the last
 * place across every range of the kernel, float32 to the last place PyTorch's own kernel keeps.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, gradcheck, gradgradcheck, type DType, type Tensor } from '../index.ts';

interface Points {
  readonly x: number[];
  readonly erf: number[];
}
const golden = JSON.parse(readFileSync(new URL('./goldens/erf.json', import.meta.url), 'utf8')) as Record<'float64' | 'float32', Points>;

const erf = (x: Tensor): Tensor => callOp('erf', x) as Tensor;
const erfOf = (values: readonly number[], dtype: DType): number[] => erf(fromArray([...values], [values.length], dtype)).toArray();

/** Distance in units of the last place of `expected` (float64: 2⁻⁵², float32: 2⁻²³), subnormals aside. */
function ulps(actual: number, expected: number, mantissaBits: number, tiniest: number): number {
  const scale = Math.max(Math.abs(expected), tiniest) * 2 ** -mantissaBits;
  return Math.abs(actual - expected) / scale;
}

describe('torch.erf', () => {
  it('is exactly zero at zero and odd in float64', () => {
    const [zero, negZero, a, b] = erfOf([0, -0, 0.3, -0.3], 'float64');
    expect(Object.is(zero, 0)).toBe(true);
    expect(Object.is(negZero, -0)).toBe(true);
    expect(b).toBe(-a);
  });

  it('agrees with PyTorch to within 2 units in the last place in float64, from 1e-300 to 27', () => {
    const ours = erfOf(golden.float64.x, 'float64');
    const worst = Math.max(...ours.map((v, i) => ulps(v, golden.float64.erf[i], 52, 2 ** -1022)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('rounds float32 results to within one unit in the last place of what PyTorch prints', () => {
    const ours = erfOf(golden.float32.x, 'float32');
    const worst = Math.max(...ours.map((v, i) => ulps(v, golden.float32.erf[i], 23, 2 ** -126)));
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('has first and second derivatives that match finite differences, zero included', () => {
    const x = fromArray([0, -1e-3, 0.2, -0.46875, 0.9, 2.5, -3.7, 4.2], [8], 'float64', true);
    expect(gradcheck(erf, [x]).ok).toBe(true);
    expect(gradgradcheck(erf, [x]).ok).toBe(true);
  });
});
