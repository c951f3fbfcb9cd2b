/**
 * _unique2: the distinct values of a tensor, sorted, with where each element went (inverse) and
 * how often each value occurs (counts). torch.unique (Python) picks the outputs it was asked for.
 * PyTorch 2.x sorts on CPU whatever `sorted=` says, so this does too; NaNs are never equal, so
 * each one is its own value, after every number.
 */
import { allocate } from '../dtype.ts';
import { Tensor } from '../tensor.ts';
import { defineOp } from './types.ts';

export const unique2Op = defineOp({
  name: '_unique2',
  signature: '_unique2(Tensor self, bool sorted=True, bool return_inverse=False, bool return_counts=False) -> (Tensor, Tensor, Tensor)',
  method: false,
  function: true,
  display: { symbol: 'unique', formula: 'not differentiable (a set of values)' },
  forward: (a) => {
    const x = a.self;
    const values = Array.from(x.contiguousValues(), Number);
    const order = values.map((_, i) => i);
    order.sort((p, q) => {
      const vp = values[p],
        vq = values[q];
      const isNanP = vp !== vp,
        isNanQ = vq !== vq;
      if (isNanP || isNanQ) return isNanP === isNanQ ? p - q : isNanP ? 1 : -1;
      return vp - vq || p - q;
    });
    const distinct: number[] = [];
    const counts: number[] = [];
    const inverse = allocate('int64', values.length);
    for (const i of order) {
      const v = values[i];
      if (distinct.length === 0 || distinct[distinct.length - 1] !== v) {
        distinct.push(v);
        counts.push(0);
      }
      counts[counts.length - 1]++;
      inverse[i] = distinct.length - 1;
    }
    const output = allocate(x.dtype, distinct.length);
    distinct.forEach((v, i) => {
      output[i] = v;
    });
    const countsOut = allocate('int64', a.return_counts ? counts.length : 0);
    counts.forEach((n, i) => {
      if (a.return_counts) countsOut[i] = n;
    });
    // Outputs nobody asked for are empty, as PyTorch returns them.
    return [
      Tensor.fromData(output, [distinct.length], x.dtype),
      a.return_inverse ? Tensor.fromData(inverse, x.shape, 'int64') : Tensor.fromData(allocate('int64', 0), [0], 'int64'),
      Tensor.fromData(countsOut, [countsOut.length], 'int64'),
    ];
  },
});
