/**
 * isclose: |self - other| <= atol + rtol·|other|, elementwise, as PyTorch's CompositeImplicit
 * at::isclose computes it (aten/src/ATen/native/TensorCompare.cpp), with its dtype rules: the
 * allowed error is float (a double scalar times the tensor), the actual error keeps an integer
 * dtype, bools compute in the default float dtype. torch.allclose is `isclose(...).all()` in Python.
 */
import { DEFAULT_FLOAT, isFloating, legacyTypeName } from '../dtype.ts';
import { runtimeError } from '../errors.ts';
import { withGradMode } from '../autograd/grad-mode.ts';
import { pauseRecording, resumeRecording } from '../trace/recorder-hooks.ts';
import type { Tensor } from '../tensor.ts';
import { abs, add, eq, le, logicalAnd, mul, sub, to } from './functional.ts';
import { callOp } from './dispatch.ts';
import { scalarTensor } from './tensor-utils.ts';
import type { Args, OpDef } from './types.ts';

const T = (v: unknown): Tensor => v as Tensor;
const logicalOr = (a: Tensor, b: Tensor): Tensor => callOp('logical_or', a, b) as Tensor;
const isnan = (a: Tensor): Tensor => callOp('isnan', a) as Tensor;
const isfinite = (a: Tensor): Tensor => callOp('isfinite', a) as Tensor;

function isclose(a: Args): Tensor {
  const self = T(a.self);
  const other = T(a.other);
  const rtol = a.rtol as number;
  const atol = a.atol as number;
  if (self.dtype !== other.dtype) {
    throw runtimeError(`${legacyTypeName(self.dtype)} did not match ${legacyTypeName(other.dtype)}`);
  }
  if (!(rtol >= 0)) throw runtimeError(`rtol must be greater than or equal to zero, but got ${formatDouble(rtol)}`);
  if (!(atol >= 0)) throw runtimeError(`atol must be greater than or equal to zero, but got ${formatDouble(atol)}`);

  let close = eq(self, other);
  if (a.equal_nan === true && isFloating(self.dtype)) close = logicalOr(close, logicalAnd(isnan(self), isnan(other)));
  // Zero tolerances degenerate to equality; the shortcut avoids inf - inf = nan false positives.
  if (rtol === 0 && atol === 0) return close;

  const castSelf = self.dtype === 'bool' ? to(self, DEFAULT_FLOAT) : self;
  const castOther = other.dtype === 'bool' ? to(other, DEFAULT_FLOAT) : other;
  // Double scalars as wrapped numbers: rtol·other is float32 for a float32 or integer tensor.
  const allowedError = add(scalarTensor(atol, 'float64'), abs(mul(scalarTensor(rtol, 'float64'), castOther)));
  const actualError = abs(sub(castSelf, castOther));
  return logicalOr(close, logicalAnd(isfinite(actualError), le(actualError, allowedError)));
}

/** A C++ double as PyTorch's error text prints it (`-1`, `-0.5`, `1e-05`). */
function formatDouble(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return String(v);
  const text = v.toPrecision(6).replace(/\.?0+(e|$)/, '$1');
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

export const iscloseOp: OpDef = {
  name: 'isclose',
  signature: 'isclose(Tensor self, Tensor other, float rtol=1e-05, float atol=1e-08, bool equal_nan=False) -> Tensor',
  method: true,
  function: true,
  display: { symbol: '≈', formula: 'not differentiable (bool result)' },
  // The intermediate ops are PyTorch's implementation detail: they neither record a graph nor a trace.
  composite: (a) => {
    const paused = pauseRecording();
    try {
      return withGradMode(false, () => isclose(a));
    } finally {
      resumeRecording(paused);
    }
  },
};
