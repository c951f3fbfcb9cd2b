// Python's number spellings, reproduced exactly: '{:.4f}', '{:.4e}' and repr().
//
// JS's toFixed/toExponential round exact ties away from zero (0.125 -> '0.13'), while
// Python rounds the exact binary value half-to-even ('0.12'). So fixed and scientific
// formatting work on the exact decimal expansion of the double, held in a BigInt
// (fixed point takes toFixed's fast path wherever no tie is possible).

import type { DType } from './types.ts';

/** |x| = digits / 10^scale, exactly. */
interface ExactDecimal {
  isNegative: boolean;
  digits: bigint;
  scale: number;
}

const bitsView = new DataView(new ArrayBuffer(8));

function exactDecimal(x: number): ExactDecimal {
  bitsView.setFloat64(0, x);
  const hi = bitsView.getUint32(0);
  const lo = bitsView.getUint32(4);
  const isNegative = hi >>> 31 === 1;
  const biasedExponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biasedExponent === 0) {
    exponent = -1074; // subnormal
  } else {
    mantissa |= 1n << 52n;
    exponent = biasedExponent - 1075;
  }
  if (exponent >= 0) return { isNegative, digits: mantissa << BigInt(exponent), scale: 0 };
  // m * 2^-k = m * 5^k / 10^k
  return { isNegative, digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** Divides by 10^drop and rounds half to even, as Python's correctly rounded dtoa does. */
function roundDropDigits(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * 10n ** BigInt(-drop);
  const divisor = 10n ** BigInt(drop);
  const quotient = digits / divisor;
  const twiceRemainder = (digits % divisor) * 2n;
  if (twiceRemainder > divisor) return quotient + 1n;
  if (twiceRemainder < divisor) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return 'nan'; // Python drops the sign of a NaN
  return x > 0 ? 'inf' : '-inf';
}

function padStart(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
}

/**
 * x × 10^precision lies exactly halfway between two integers iff the lowest set bit of x
 * is 2^-(precision+1) (5^precision is odd), i.e. x × 2^(precision+1) is an odd integer.
 */
function isFixedTie(x: number, precision: number): boolean {
  const shifted = x * 2 ** (precision + 1); // exact: a power-of-two scaling
  return Number.isInteger(shifted) && Math.abs(shifted % 2) === 1;
}

/** Python's `'{:{width}.{precision}f}'.format(x)`. */
export function formatFixed(x: number, precision: number, width = 0): string {
  if (!Number.isFinite(x)) return padStart(nonFinite(x), width);
  // toFixed is exact except on ties (it rounds them up) and -0 (it drops the sign);
  // everything else takes the fast path.
  if (Math.abs(x) < 1e21 && precision <= 100 && !Object.is(x, -0) && !isFixedTie(x, precision)) {
    return padStart(x.toFixed(precision), width);
  }
  return padStart(formatFixedExact(x, precision), width);
}

/** formatFixed by exact decimal expansion; the reference the fast path must agree with. */
export function formatFixedExact(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const { isNegative, digits, scale } = exactDecimal(x);
  const scaled = roundDropDigits(digits, scale - precision)
    .toString()
    .padStart(precision + 1, '0');
  const intPart = scaled.slice(0, scaled.length - precision);
  const text = precision > 0 ? `${intPart}.${scaled.slice(scaled.length - precision)}` : intPart;
  return (isNegative ? '-' : '') + text;
}

function exponentSuffix(exponent: number): string {
  return `e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** Python's `'{:{width}.{precision}e}'.format(x)`. */
export function formatScientific(x: number, precision: number, width = 0): string {
  if (!Number.isFinite(x)) return padStart(nonFinite(x), width);
  const { isNegative, digits, scale } = exactDecimal(x);
  let significand: string;
  let exponent: number;
  if (digits === 0n) {
    significand = '0'.repeat(precision + 1);
    exponent = 0;
  } else {
    const all = digits.toString();
    exponent = all.length - 1 - scale;
    significand = roundDropDigits(digits, all.length - (precision + 1)).toString();
    if (significand.length > precision + 1) {
      // Rounding carried into a new digit (9.99995 -> 10.0000): it is a power of ten.
      significand = significand.slice(0, precision + 1);
      exponent += 1;
    }
  }
  const mantissa = precision > 0 ? `${significand[0]}.${significand.slice(1)}` : significand;
  return padStart(`${isNegative ? '-' : ''}${mantissa}${exponentSuffix(exponent)}`, width);
}

/** Shortest round-trip digits of |x| (finite, nonzero) and decpt: |x| = 0.DIGITS × 10^decpt. */
function shortestDigits(x: number): { digits: string; decpt: number } {
  // Number#toString is the shortest round-trip spelling with the closest-value tie
  // break, the same digits as Python's repr; only the layout differs.
  const [mantissa = '', exponentText] = String(Math.abs(x)).split('e');
  const pointAt = mantissa.indexOf('.');
  const intLength = pointAt === -1 ? mantissa.length : pointAt;
  const allDigits = mantissa.replace('.', '');
  const leadingZeros = allDigits.length - allDigits.replace(/^0+/, '').length;
  const digits = allDigits.slice(leadingZeros).replace(/0+$/, '');
  const decpt = intLength - leadingZeros + (exponentText === undefined ? 0 : Number(exponentText));
  return { digits, decpt };
}

/** Python's `repr(x)` for a float: 0.1, 1e-05, 1.0, 1e+16, inf, nan, -0.0. */
export function formatFloatRepr(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, decpt } = shortestDigits(x);
  if (decpt <= -4 || decpt > 16) {
    const rest = digits.slice(1);
    return `${sign}${digits[0]}${rest ? '.' + rest : ''}${exponentSuffix(decpt - 1)}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** Python's str of an int held in a double: every digit of the exact integer value. */
export function formatIntRepr(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  return BigInt(Math.trunc(x)).toString();
}

/** Which Python type `.item()` / `.tolist()` gives for a dtype. */
export function pythonScalarKind(dtype: DType): 'float' | 'int' | 'bool' {
  if (dtype === 'bool') return 'bool';
  return dtype === 'float32' || dtype === 'float64' ? 'float' : 'int';
}

/** Python's repr of a float, int or bool value: 0.1, 1e-05, 1.0, inf, nan, 3, True. */
export function formatScalarLikePython(x: number, kind: 'float' | 'int' | 'bool'): string {
  if (kind === 'bool') return x !== 0 ? 'True' : 'False';
  if (kind === 'int') return formatIntRepr(x);
  return formatFloatRepr(x);
}
