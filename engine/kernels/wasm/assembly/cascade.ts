/**
 * PyTorch's cascade sum of one 2-D slice (../../cascade-sum.ts's sumSlice, step for step), in the
 * output's dtype T (f32 or f64): T's own additions are the rounding cascade-sum.ts does with fround.
 * Where PyTorch vectorises (contiguous inner rows: one cascade per vector lane; contiguous outer
 * columns: one cascade per column) the lanes run as f32x4 / f64x2 pairs, each lane adding exactly
 * what the scalar cascade adds for it.
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

/** Lane-wise add of 32 bytes' worth of T (one half of them). */
// @ts-ignore: decorator
@inline
function vadd<T>(a: v128, b: v128): v128 {
  return sizeof<T>() == 4 ? f32x4.add(a, b) : f64x2.add(a, b);
}

/**
 * `cascade` for 32 adjacent bytes at a time (8 floats or 4 doubles): each lane is its own row,
 * rows `step` bytes apart per element, all of the same size, so they share cascade's control flow
 * and every lane adds exactly what cascade adds for its row. The 32-byte result goes to dst.
 */
function cascadeVec<T>(p: usize, step: usize, size: i32, dst: usize): void {
  const levelPower = max(4, ceilLog2(size) / NUM_LEVELS);
  const levelStep = 1 << levelPower, levelMask = levelStep - 1;
  const zero = i32x4.splat(0);
  let a0l = zero, a0h = zero, a1l = zero, a1h = zero, a2l = zero, a2h = zero, a3l = zero, a3h = zero;
  let i = 0;
  while (i + levelStep <= size) {
    for (let j = 0; j < levelStep; j++, i++) {
      a0l = vadd<T>(a0l, v128.load(p));
      a0h = vadd<T>(a0h, v128.load(p, 16));
      p += step;
    }
    a1l = vadd<T>(a1l, a0l); a1h = vadd<T>(a1h, a0h);
    a0l = zero; a0h = zero;
    if (((i >> levelPower) & levelMask) != 0) continue;
    a2l = vadd<T>(a2l, a1l); a2h = vadd<T>(a2h, a1h);
    a1l = zero; a1h = zero;
    if (((i >> (2 * levelPower)) & levelMask) != 0) continue;
    a3l = vadd<T>(a3l, a2l); a3h = vadd<T>(a3h, a2h);
    a2l = zero; a2h = zero;
  }
  for (; i < size; i++) {
    a0l = vadd<T>(a0l, v128.load(p));
    a0h = vadd<T>(a0h, v128.load(p, 16));
    p += step;
  }
  a0l = vadd<T>(a0l, a1l); a0h = vadd<T>(a0h, a1h);
  a0l = vadd<T>(a0l, a2l); a0h = vadd<T>(a0h, a2h);
  a0l = vadd<T>(a0l, a3l); a0h = vadd<T>(a0h, a3h);
  v128.store(dst, a0l);
  v128.store(dst, a0h, 16);
}

/** Scratch for rowSumVec's four partial sums (4 × 32 bytes). */
const PARTIALS = memory.data(128, 16);

/** `rowSum` for 32 adjacent bytes at a time, as cascadeVec is `cascade`'s; result at dst. */
function rowSumVec<T>(p: usize, step: usize, size: i32, dst: usize): void {
  const sizeIlp = size / ILP;
  for (let k = 0; k < ILP; k++) cascadeVec<T>(p + <usize>k * step, step * ILP, sizeIlp, PARTIALS + (<usize>k << 5));
  let l = v128.load(PARTIALS), h = v128.load(PARTIALS, 16);
  for (let i = sizeIlp * ILP; i < size; i++) {
    l = vadd<T>(l, v128.load(p + <usize>i * step));
    h = vadd<T>(h, v128.load(p + <usize>i * step, 16));
  }
  for (let k = 1; k < ILP; k++) {
    l = vadd<T>(l, v128.load(PARTIALS + (<usize>k << 5)));
    h = vadd<T>(h, v128.load(PARTIALS + (<usize>k << 5), 16));
  }
  v128.store(dst, l);
  v128.store(dst, h, 16);
}

/** Where the vector paths leave their 32 bytes of per-lane sums. */
const LANE_SUMS = memory.data(32, 16);

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
      // The lanes' row sums, all at once (lanes · e = 32 bytes), then added in lane order.
      rowSumVec<T>(row, 32, vecSize, LANE_SUMS);
      for (let l = 0; l < lanes; l++) total += load<T>(LANE_SUMS + <usize>(<isize>l * e));
      addTo<T>(out + <usize>(<isize>j * out1 * e), total);
    }
    return;
  }
  if (in1 == 1 && size1 >= lanes) {
    const blocked = size1 / (ILP * lanes) * ILP * lanes;
    // Blocked columns a vector (32 bytes of adjacent columns) at a time, each lane its column's cascade.
    for (let j = 0; j < blocked; j += lanes) {
      cascadeVec<T>(data + <usize>(<isize>j * e), <usize>(in0 * e), size0, LANE_SUMS);
      for (let l = 0; l < lanes; l++) addTo<T>(out + <usize>(<isize>(j + l) * out1 * e), load<T>(LANE_SUMS + <usize>(<isize>l * e)));
    }
    for (let j = blocked; j < size1; j++) {
      addTo<T>(out + <usize>(<isize>j * out1 * e), rowSum<T>(data + <usize>(<isize>j * e), in0, size0));
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
