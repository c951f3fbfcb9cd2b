/** constant_pad_nd (F.pad's constant mode): pads (or, with negative pads, crops) the last dims. */
import { runtimeError } from '../errors.ts';
import { kernels } from '../kernels/index.ts';
import type { Tensor } from '../tensor.ts';
import { callOp } from './dispatch.ts';
import { castInto, filled } from './tensor-utils.ts';
import { defineOp } from './types.ts';
import { c, self } from './gradcheck-case.ts';

/** Per dim: [before, after] padding; pad lists pairs from the last dim backwards, as PyTorch. */
function padsByDim(ndim: number, pad: readonly number[]): [number, number][] {
  if (pad.length % 2 !== 0) throw runtimeError('Length of pad must be even but instead it equals ' + pad.length);
  if (pad.length / 2 > ndim) {
    throw runtimeError(
      `Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length} while the input has ${ndim} dimensions.`,
    );
  }
  const pads: [number, number][] = Array.from({ length: ndim }, () => [0, 0]);
  for (let k = 0; k < pad.length / 2; k++) pads[ndim - 1 - k] = [pad[2 * k], pad[2 * k + 1]];
  return pads;
}

/** The part of `t` kept along every dim: [start, length] after cropping by negative pads. */
function narrowAll(t: Tensor, ranges: readonly [number, number][]): Tensor {
  return ranges.reduce((view, [start, length], d) => callOp('narrow', view, d, start, length) as Tensor, t);
}

export const constantPadNdOp = defineOp({
  name: 'constant_pad_nd',
  signature: 'constant_pad_nd(Tensor self, int[] pad, Scalar value=0) -> Tensor',
  method: false,
  function: true,
  display: { symbol: 'pad', formula: 'gradient of the unpadded region passes through' },
  gradFn: 'ConstantPadNdBackward0',
  infer: (a) => {
    const x = a.self;
    const pads = padsByDim(x.dim(), a.pad);
    const shape = x.shape.map((s, d) => s + pads[d][0] + pads[d][1]);
    if (shape.some((s) => s < 0)) {
      throw runtimeError(
        `The input size ${x.shape.join(', ')}, plus negative padding ${a.pad.join(', ')} resulted in a negative output size, which is invalid. Check dimension ${shape.findIndex((s) => s < 0)} of your input.`,
      );
    }
    return { shape, dtype: x.dtype };
  },
  forward: (a, spec) => {
    const x = a.self.detach();
    const pads = padsByDim(x.dim(), a.pad);
    const out = filled(spec.shape, spec.dtype, Number(a.value));
    const kept = pads.map(([before, after], d): [number, number] => [Math.max(0, -before), x.shape[d] + Math.min(0, before) + Math.min(0, after)]);
    const placed = pads.map(([before], d): [number, number] => [Math.max(0, before), kept[d][1]]);
    if (kept.every(([, length]) => length > 0)) kernels().scatter(narrowAll(out, placed), castInto(narrowAll(x, kept), spec.dtype));
    return out;
  },
  // Padding by −pad undoes padding by pad: the gradient is the grad's unpadded region.
  backward: (ctx, g) => [
    callOp(
      'constant_pad_nd',
      g,
      ctx.args.pad.map((p) => -p),
      0,
    ) as Tensor,
  ],
  gradcheck: [c([[2, 3]], self([1, 2], 0.5))],
});
