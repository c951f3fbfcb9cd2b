/**
 * im2col / col2im over one contiguous [C, H, W] plane stack: the patch matrix a convolution
 * multiplies its weight with. Row (c, ki, kj) of the [C·kh·kw, oh·ow] matrix holds, for every
 * output position, the input value under kernel tap (ki, kj) of channel c (0 in the padding).
 * The loops walk the output row by row with the input offset computed once per row, so they
 * allocate nothing and touch each value once.
 */
import type { NumericArray } from '../dtype.ts';

/** Sizes of a 2-D sliding window over a [C, H, W] input. */
export interface WindowGeometry {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly padding: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly outHeight: number;
  readonly outWidth: number;
}

/** PyTorch's output length of a window along one dim (floor mode). */
export function slidingOutputSize(size: number, kernel: number, stride: number, padding: number, dilation: number): number {
  return Math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** Copy the patches of src[srcOffset…] (one [C, H, W] sample) into cols[colsOffset…] ([C·kh·kw, oh·ow]). */
export function im2col(src: NumericArray, srcOffset: number, g: WindowGeometry, cols: NumericArray, colsOffset: number): void {
  const { channels, height, width, outHeight, outWidth } = g;
  const [kh, kw] = g.kernel,
    [sh, sw] = g.stride,
    [ph, pw] = g.padding,
    [dh, dw] = g.dilation;
  const plane = height * width,
    positions = outHeight * outWidth;
  let row = colsOffset;
  for (let c = 0; c < channels; c++) {
    const channelOffset = srcOffset + c * plane;
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++, row += positions) {
        let o = row;
        for (let oy = 0; oy < outHeight; oy++) {
          const y = oy * sh - ph + ki * dh;
          if (y < 0 || y >= height) {
            cols.fill(0, o, o + outWidth);
            o += outWidth;
            continue;
          }
          const rowOffset = channelOffset + y * width;
          for (let ox = 0, x = kj * dw - pw; ox < outWidth; ox++, x += sw, o++) {
            cols[o] = x >= 0 && x < width ? src[rowOffset + x]! : 0;
          }
        }
      }
    }
  }
}

/** Add each patch value of cols[colsOffset…] back onto its input position in dst[dstOffset…] (the adjoint of im2col). */
export function col2im(cols: NumericArray, colsOffset: number, g: WindowGeometry, dst: NumericArray, dstOffset: number): void {
  const { channels, height, width, outHeight, outWidth } = g;
  const [kh, kw] = g.kernel,
    [sh, sw] = g.stride,
    [ph, pw] = g.padding,
    [dh, dw] = g.dilation;
  const plane = height * width,
    positions = outHeight * outWidth;
  let row = colsOffset;
  for (let c = 0; c < channels; c++) {
    const channelOffset = dstOffset + c * plane;
    for (let ki = 0; ki < kh; ki++) {
      for (let kj = 0; kj < kw; kj++, row += positions) {
        let o = row;
        for (let oy = 0; oy < outHeight; oy++) {
          const y = oy * sh - ph + ki * dh;
          if (y < 0 || y >= height) {
            o += outWidth;
            continue;
          }
          const rowOffset = channelOffset + y * width;
          for (let ox = 0, x = kj * dw - pw; ox < outWidth; ox++, x += sw, o++) {
            if (x >= 0 && x < width) dst[rowOffset + x] += cols[o]!;
          }
        }
      }
    }
  }
}
