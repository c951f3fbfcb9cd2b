/**
 * Just enough double-double arithmetic (a value is hi + lo, ~106 bits) to compute log, sin and
 * cos correctly rounded. Each operation returns the high part and leaves the low part in `lo`,
 * so nothing is allocated per call.
 */

const SPLITTER = 134217729; // 2^27 + 1

/** Low part of the last result. */
export let lo = 0;

export function twoSum(a: number, b: number): number {
  const s = a + b;
  const virtualB = s - a;
  lo = a - (s - virtualB) + (b - virtualB);
  return s;
}

export function quickTwoSum(a: number, b: number): number {
  const s = a + b;
  lo = b - (s - a);
  return s;
}

export function twoProd(a: number, b: number): number {
  const p = a * b;
  const aSplit = SPLITTER * a;
  const aHigh = aSplit - (aSplit - a);
  const aLow = a - aHigh;
  const bSplit = SPLITTER * b;
  const bHigh = bSplit - (bSplit - b);
  const bLow = b - bHigh;
  lo = aHigh * bHigh - p + aHigh * bLow + aLow * bHigh + aLow * bLow;
  return p;
}

/** (ah + al) + (bh + bl), accurate even when the operands cancel. */
export function ddAdd(ah: number, al: number, bh: number, bl: number): number {
  let s = twoSum(ah, bh);
  let e = lo;
  const t = twoSum(al, bl);
  const f = lo;
  e += t;
  s = quickTwoSum(s, e);
  e = lo + f;
  return quickTwoSum(s, e);
}

/** (ah + al) * (bh + bl). */
export function ddMul(ah: number, al: number, bh: number, bl: number): number {
  const p = twoProd(ah, bh);
  const e = lo + (ah * bl + al * bh);
  return quickTwoSum(p, e);
}

/** (ah + al) / (bh + bl). */
export function ddDiv(ah: number, al: number, bh: number, bl: number): number {
  const q1 = ah / bh;
  const productHigh = twoProd(q1, bh);
  const productLow = lo + q1 * bl;
  const remainderHigh = ddAdd(ah, al, -productHigh, -productLow);
  const q2 = (remainderHigh + lo) / bh;
  return quickTwoSum(q1, q2);
}
