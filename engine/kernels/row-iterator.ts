import type { Shape } from '../shape.ts';

/**
 * Walks an N-d index space one innermost row at a time, keeping one running offset per operand.
 * Kernels call a tight per-row loop for each step, so the per-element work is a multiply-add on
 * plain numbers: no allocation, no closure, no index arithmetic beyond the row stride.
 */
export class RowIterator {
  readonly rowLength: number;
  readonly rows: number;
  readonly offsets: number[];
  private readonly counters: number[];

  constructor(
    private readonly shape: Shape,
    private readonly strides: readonly Shape[],
    starts: readonly number[],
  ) {
    const nd = shape.length;
    this.rowLength = nd === 0 ? 1 : shape[nd - 1]!;
    let rows = 1;
    for (let d = 0; d < nd - 1; d++) rows *= shape[d]!;
    this.rows = this.rowLength === 0 ? 0 : rows;
    this.offsets = [...starts];
    this.counters = new Array<number>(Math.max(nd - 1, 0)).fill(0);
  }

  /** The innermost stride of operand i (0 for 0-d). */
  rowStride(i: number): number {
    const s = this.strides[i]!;
    return s.length === 0 ? 0 : s[s.length - 1]!;
  }

  /** Advance every operand's offset to the next row. */
  next(): void {
    const { shape, strides, offsets, counters } = this;
    for (let d = counters.length - 1; d >= 0; d--) {
      counters[d]!++;
      for (let i = 0; i < offsets.length; i++) offsets[i]! += strides[i]![d]!;
      if (counters[d]! < shape[d]!) return;
      for (let i = 0; i < offsets.length; i++) offsets[i]! -= strides[i]![d]! * shape[d]!;
      counters[d] = 0;
    }
  }
}
