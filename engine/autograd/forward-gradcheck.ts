/**
 * gradcheck's forward-mode half (PyTorch's `check_forward_ad=True`): the Jacobian built column by
 * column from JVPs (one dual pass per input element, the unit tangent on that element) against
 * the same central finite differences as the reverse-mode check, with the same closeness test.
 */
import { zerosLike } from '../creation.ts';
import { Tensor } from '../tensor.ts';
import { enterDualLevel, exitDualLevel, makeDual, tangentOf } from './forward-ad.ts';
import { compareJacobians, differentiableOutputs, numericalSide, type GradcheckOptions, type GradcheckResult } from './gradcheck.ts';
import { enableGrad } from './grad-mode.ts';

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

/** [wrt input][output][input element][output element]: one JVP per input element. */
function forwardJacobians(fn: Fn, wrt: Tensor[], inputs: Tensor[], outCount: number): number[][][][] {
  return wrt.map((t) => {
    const perOutput: number[][][] = Array.from({ length: outCount }, () => []);
    const n = t.numel();
    for (let j = 0; j < n; j++) {
      const unit = zerosLike(t);
      unit.data[j] = 1;
      enterDualLevel();
      try {
        const args = inputs.map((x) => (x === t ? makeDual(x, unit) : x));
        const outs = enableGrad(() => differentiableOutputs(fn(...args)));
        outs.forEach((out, o) => {
          if (o >= outCount) return;
          const tangent = tangentOf(out);
          perOutput[o].push(tangent ? tangent.toArray() : new Array<number>(out.numel()).fill(0));
        });
      } finally {
        exitDualLevel();
      }
    }
    return perOutput;
  });
}

/** Finite-difference and forward-mode Jacobians of fn at inputs, compared pair by pair. */
export function forwardGradcheck(fn: Fn, inputs: Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const { outputs, wrt, numerical, tolerance } = numericalSide(fn, inputs, options);
  const analytical = forwardJacobians(fn, wrt, inputs, outputs.length);
  return compareJacobians(inputs, outputs, wrt, numerical, (_out, o) => analytical.map((perOutput) => perOutput[o]), tolerance);
}
