import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFixed, formatScalarLikePython, formatScientific } from '../index.ts';
import { formatFixedExact } from '../python-number.ts';
import { decodeNumber, goldens } from './goldens.ts';

describe("Python's '{:.Nf}' and '{:.Ne}'", () => {
  it.each(goldens.numbers.map((n) => [n.value, n.precision, n] as const))('%s with precision %s is spelled as Python spells it', (_value, _precision, n) => {
    expect(formatFixed(n.value, n.precision)).toBe(n.fixed);
    expect(formatScientific(n.value, n.precision)).toBe(n.scientific);
  });

  it('rounds exact binary ties half to even, unlike toFixed', () => {
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(2.5, 0)).toBe('2');
  });

  it('pads to a width and spells non-finite values as Python does', () => {
    expect(formatScientific(NaN, 4, 10)).toBe('       nan');
    expect(formatFixed(-Infinity, 4)).toBe('-inf');
    expect(formatScientific(-0, 4)).toBe('-0.0000e+00');
  });
});

describe('formatScalarLikePython matches repr()', () => {
  it.each(goldens.scalars.map((s) => [s.expected, s.kind, s] as const))('%s (%s)', (_expected, _kind, s) => {
    expect(formatScalarLikePython(decodeNumber(s.value), s.kind)).toBe(s.expected);
  });
});

describe('the toFixed fast path', () => {
  it('agrees with the exact decimal expansion for any double and precision', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), fc.integer({ min: 0, max: 12 }), (x, precision) => {
        expect(formatFixed(x, precision)).toBe(formatFixedExact(x, precision));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees on float32 values and on dyadic ties', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true }), fc.integer({ min: -2000, max: 2000 }), fc.integer({ min: 0, max: 8 }), (f, k, precision) => {
        expect(formatFixed(f, precision)).toBe(formatFixedExact(f, precision));
        const tie = (2 * k + 1) / 2 ** (precision + 1);
        expect(formatFixed(tie, precision)).toBe(formatFixedExact(tie, precision));
      }),
      { numRuns: 20_000 },
    );
  });
});
