/** The op table's signatures name their own op, so docs/api.md and argument binding stay truthful. */
import { describe, expect, it } from 'vitest';
import { opTable } from '../index.ts';

describe('op table signatures', () => {
  it('start with the op’s own name, in-place variants with digits in their names included (log1p_, expm1_)', () => {
    const misnamed = opTable()
      .filter((op) => !op.signature.startsWith(`${op.name}(`))
      .map((op) => `${op.name}: ${op.signature}`);
    expect(misnamed).toEqual([]);
  });

  it('mark self as written to in every in-place variant', () => {
    const log1p = opTable().find((op) => op.name === 'log1p_');
    expect(log1p?.signature).toBe('log1p_(Tensor(a!) self) -> Tensor(a!)');
    const unmarked = opTable()
      .filter((op) => op.inplaceOf && op.signature.includes('Tensor self'))
      .map((op) => op.name);
    expect(unmarked).toEqual([]);
  });
});
