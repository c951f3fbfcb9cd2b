// Behaviour the 1.13 oracle cannot produce goldens for (PyTorch 2.x changes) and the
// contract of the print-options state.

import { afterEach, describe, expect, it } from 'vitest';
import { defaultPrintOptions, formatScalarLikePython, formatTensor, getPrintOptions, pythonScalarKind, setPrintOptions } from '../index.ts';
import type { DType, TensorView } from '../index.ts';

function view(shape: number[], values: number[], dtype: DType = 'float32', extra: Partial<TensorView> = {}): TensorView {
  return { shape, dtype, values, requiresGrad: false, gradFnName: null, ...extra };
}

function arange(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

afterEach(() => setPrintOptions({ profile: 'default' }));

describe('print options', () => {
  it('start at PyTorch defaults: precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode None', () => {
    expect(defaultPrintOptions).toEqual({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null });
    expect(getPrintOptions()).toEqual(defaultPrintOptions);
  });

  it('reset sci_mode to None on every call, as torch.set_printoptions does', () => {
    setPrintOptions({ sciMode: true });
    setPrintOptions({ precision: 2 });
    expect(getPrintOptions()).toMatchObject({ precision: 2, sciMode: null });
  });

  it('apply a profile first and explicit options on top', () => {
    setPrintOptions({ profile: 'full', edgeitems: 1 });
    expect(getPrintOptions()).toEqual({ precision: 4, threshold: Infinity, edgeitems: 1, linewidth: 80, sciMode: null });
  });

  it('are used when formatTensor is not given options', () => {
    setPrintOptions({ precision: 2 });
    expect(formatTensor(view([2], [1.12345, 2.5]))).toBe('tensor([1.12, 2.50])');
    setPrintOptions({ threshold: 5 });
    expect(formatTensor(view([10], arange(10), 'int64'))).toBe('tensor([0, 1, 2,  ..., 7, 8, 9])');
  });

  it('returned by getPrintOptions are a copy the caller cannot use to change printing', () => {
    const options = getPrintOptions();
    options.precision = 9;
    expect(getPrintOptions().precision).toBe(4);
  });
});

describe('PyTorch 2.x printing with edgeitems=0', () => {
  it('shows only "..." for a summarised vector and adds its size', () => {
    setPrintOptions({ edgeitems: 0 });
    expect(formatTensor(view([2000], arange(2000), 'int64'))).toBe('tensor([...], size=(2000,))');
  });

  it('shows only "..." for a summarised matrix and adds its size', () => {
    setPrintOptions({ edgeitems: 0 });
    expect(formatTensor(view([40, 50], arange(2000)))).toBe('tensor([...], size=(40, 50))');
  });

  it('still prints small tensors in full, with the size suffix', () => {
    setPrintOptions({ edgeitems: 0 });
    expect(formatTensor(view([3], [1, 2, 3]))).toBe('tensor([1., 2., 3.], size=(3,))');
  });
});

describe('inputs from the engine', () => {
  it('rounds float32 data given as unrounded doubles to what float32 stores', () => {
    // float32(0.1) is 0.100000001490116..., which prints like 0.1 at precision 4 but not at 10.
    expect(formatTensor(view([1], [0.1]), { ...defaultPrintOptions, precision: 10 })).toBe('tensor([0.1000000015])');
    expect(formatTensor(view([1], [0.1], 'float64'), { ...defaultPrintOptions, precision: 10 })).toBe('tensor([0.1000000000], dtype=torch.float64)');
  });

  it('accepts typed arrays as values', () => {
    expect(formatTensor(view([2, 2], Array.from(new Int32Array([1, -2, 3, 4])), 'int32'))).toBe('tensor([[ 1, -2],\n        [ 3,  4]], dtype=torch.int32)');
    expect(formatTensor({ ...view([2], []), values: new Uint8Array([1, 0]), dtype: 'bool' })).toBe('tensor([ True, False])');
  });

  it('prefers grad_fn over requires_grad, as a non-leaf prints', () => {
    expect(formatTensor(view([], [2], 'float32', { requiresGrad: true, gradFnName: 'MulBackward0' }))).toBe('tensor(2., grad_fn=<MulBackward0>)');
  });

  it('prints a parameter with its "Parameter containing:" header', () => {
    expect(formatTensor(view([2], [1, 1], 'float32', { requiresGrad: true, isParameter: true }))).toBe(
      'Parameter containing:\ntensor([1., 1.], requires_grad=True)',
    );
  });
});

describe('pythonScalarKind', () => {
  it('names the Python type .item() returns for each dtype', () => {
    expect(formatScalarLikePython(2, pythonScalarKind('int32'))).toBe('2');
    expect(formatScalarLikePython(2, pythonScalarKind('float32'))).toBe('2.0');
    expect(formatScalarLikePython(1, pythonScalarKind('bool'))).toBe('True');
    expect(pythonScalarKind('float64')).toBe('float');
    expect(pythonScalarKind('int64')).toBe('int');
  });
});
