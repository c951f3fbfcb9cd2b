/**
 * PyTorch's cascade sum of one 2-D slice (../../cascade-sum.ts's sumSlice, step for step), in the
 * output's dtype T (f32 or f64): T's own additions are the rounding cascade-sum.ts does with fround.
 * The dims are ordered and coalesced in TypeScript; this is the per-slice arithmetic.
 * Pointers are byte addresses; strides are in elements.
 */

const NUM_LEVELS: i32 = 4;
const ILP: i32 = 4;

/** utils::CeilLog2 (1 for x ≤ 2). */
// @ts-ignore: decorator
@inline
function ceilLog2(x: i32): i32 {
  return x <= 2 ? 1 : 32 - clz<i32>(x - 1);
}

/** multi_row_sum for one row of `size` elements `stride` apart. */
function cascade<T>(p: usize, stride: isize, size: i32): T {
  const levelPower = max(4, ceilLog2(size) / NUM_LEVELS);
  const levelStep = 1 << levelPower, levelMask = levelStep - 1;
  const step = stride * sizeof<T>();
  let a0: T = 0, a1: T = 0, a2: T = 0, a3: T = 0;
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) {
      a0 += load<T>(p);
      p += step;
    }
    a1 += a0;
    a0 = 0;
    if (((i >> levelPower) & levelMask) != 0) continue;
    a2 += a1;
    a1 = 0;
    if (((i >> (2 * levelPower)) & levelMask) != 0) continue;
    a3 += a2;
    a2 = 0;
  }
  for (; i < size; i++) {
    a0 += load<T>(p);
    p += step;
  }
  a0 += a1;
  a0 += a2;
  a0 += a3;
  return a0;
}

/** row_sum: the row as (size/4, 4), a cascade per column, then the tail and the columns added in. */
function rowSum<T>(p: usize, stride: isize, size: i32): T {
  const sizeIlp = size / ILP;
  const step = stride * sizeof<T>();
  let p0 = cascade<T>(p, stride * ILP, sizeIlp);
  const p1 = cascade<T>(p + step, stride * ILP, sizeIlp);
  const p2 = cascade<T>(p + 2 * step, stride * ILP, sizeIlp);
  const p3 = cascade<T>(p + 3 * step, stride * ILP, sizeIlp);
  for (let i = sizeIlp * ILP; i < size; i++) p0 += load<T>(p + <usize>(<isize>i * step));
  p0 += p1;
  p0 += p2;
  p0 += p3;
  return p0;
}

// @ts-ignore: decorator
@inline
function addTo<T>(out: usize, v: T): void {
  store<T>(out, load<T>(out) + v);
}

/** sumSlice of cascade-sum.ts: the slice's sums added into out (in and out strides in elements). */
function sumSlice<T>(
  data: usize, size0: i32, size1: i32, in0: isize, in1: isize,
  out: usize, out0: isize, out1: isize, lanes: i32,
): void {
  const e = <isize>sizeof<T>();
  if (out0 != 0 && out1 == 0) {
    const s = size0; size0 = size1; size1 = s;
    const i = in0; in0 = in1; in1 = i;
    const o = out0; out0 = out1; out1 = o;
  }
  if (out0 != 0 && out1 != 0) {
    for (let j = 0; j < size1; j++) {
      for (let i = 0; i < size0; i++) {
        addTo<T>(out + <usize>((<isize>j * out1 + <isize>i * out0) * e), load<T>(data + <usize>((<isize>j * in1 + <isize>i * in0) * e)));
      }
    }
    return;
  }
  if (in0 == 1 && size0 >= lanes) {
    const vecSize = size0 / lanes;
    for (let j = 0; j < size1; j++) {
      const row = data + <usize>(<isize>j * in1 * e);
      let total: T = 0;
      for (let k = vecSize * lanes; k < size0; k++) total += load<T>(row + <usize>(<isize>k * e));
      for (let l = 0; l < lanes; l++) total += rowSum<T>(row + <usize>(<isize>l * e), lanes, vecSize);
      addTo<T>(out + <usize>(<isize>j * out1 * e), total);
    }
    return;
  }
  if (in1 == 1 && size1 >= lanes) {
    const blocked = size1 / (ILP * lanes) * ILP * lanes;
    for (let j = 0; j < size1; j++) {
      const col = data + <usize>(<isize>j * e);
      addTo<T>(out + <usize>(<isize>j * out1 * e), j < blocked ? cascade<T>(col, in0, size0) : rowSum<T>(col, in0, size0));
    }
    return;
  }
  if (in0 < in1) {
    for (let j = 0; j < size1; j++) addTo<T>(out + <usize>(<isize>j * out1 * e), rowSum<T>(data + <usize>(<isize>j * in1 * e), in0, size0));
    return;
  }
  const grouped = size1 / ILP * ILP;
  for (let j = 0; j < size1; j++) {
    const col = data + <usize>(<isize>j * in1 * e);
    addTo<T>(out + <usize>(<isize>j * out1 * e), j < grouped ? cascade<T>(col, in0, size0) : rowSum<T>(col, in0, size0));
  }
}

export function sumSliceF32(data: usize, size0: i32, size1: i32, in0: isize, in1: isize, out: usize, out0: isize, out1: isize): void {
  sumSlice<f32>(data, size0, size1, in0, in1, out, out0, out1, 8);
}

export function sumSliceF64(data: usize, size0: i32, size1: i32, in0: isize, in1: isize, out: usize, out0: isize, out1: isize): void {
  sumSlice<f64>(data, size0, size1, in0, in1, out, out0, out1, 4);
}
