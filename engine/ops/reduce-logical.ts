/** all / any: whether every (some) element is non-zero, over everything or along one dim. */
import { allocate } from '../dtype.ts';
import { normalizeDim, numelOf } from '../shape.ts';
import { Tensor } from '../tensor.ts';
import type { OpDef, ParamsArgs } from './types.ts';

function logicalReduce(name: 'all' | 'any'): OpDef<ParamsArgs<'Tensor self, int? dim=None, bool keepdim=False'>> {
  const isAll = name === 'all';
  return {
    name,
    signature: `${name}(Tensor self, int? dim=None, bool keepdim=False) -> Tensor`,
    method: true,
    function: true,
    display: { symbol: isAll ? '∀' : '∃', formula: 'not differentiable (bool result)' },
    infer: (a) => {
      const x = a.self;
      if (a.dim === null || x.dim() === 0) return { shape: [], dtype: 'bool' };
      const d = normalizeDim(a.dim, x.dim());
      return { shape: x.shape.flatMap((s, i) => (i !== d ? [s] : a.keepdim ? [1] : [])), dtype: 'bool' };
    },
    forward: (a, spec) => {
      const x = a.self;
      const values = x.contiguousValues();
      const whole = a.dim === null || x.dim() === 0;
      const d = whole ? 0 : normalizeDim(a.dim, x.dim());
      const size = whole ? x.numel() : x.shape[d];
      const inner = whole ? 1 : numelOf(x.shape.slice(d + 1));
      const outer = whole ? 1 : numelOf(x.shape.slice(0, d));
      const out = allocate('bool', outer * inner);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          // An empty reduction: all() is true, any() is false.
          let result = isAll;
          for (let j = 0; j < size; j++) {
            const nonZero = values[(o * size + j) * inner + i] !== 0;
            if (nonZero !== isAll) {
              result = !isAll;
              break;
            }
          }
          out[o * inner + i] = result ? 1 : 0;
        }
      }
      return Tensor.fromData(out, spec.shape, 'bool');
    },
  };
}

export const allOp = logicalReduce('all');
export const anyOp = logicalReduce('any');
