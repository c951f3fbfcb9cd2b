// Tensor printing that matches PyTorch 2.x character for character.
export type { DType, PrintOptions, TensorView } from './types.ts';
export { defaultPrintOptions, getPrintOptions, setPrintOptions } from './options.ts';
export type { SetPrintOptionsArgs } from './options.ts';
export { formatTensor } from './format-tensor.ts';
export { formatFixed, formatScalarLikePython, formatScientific, pythonScalarKind } from './python-number.ts';
