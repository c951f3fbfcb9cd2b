/**
 * What kernels.wasm exports (engine/kernels/wasm/assembly/), typed once here so the rest of the
 * TypeScript never touches `WebAssembly.Exports` untyped. Pointers are byte addresses in the
 * shared linear memory; strides are in elements.
 */
export interface KernelExports {
  heapBase(): number;
  gemmScratchBytes(): number;
  gemmF32(
    batch: number,
    m: number,
    k: number,
    n: number,
    a: number,
    aBatch: number,
    aRow: number,
    aCol: number,
    b: number,
    bBatch: number,
    bRow: number,
    bCol: number,
    c: number,
    startFromC: number,
    scratch: number,
  ): void;
  gemmF64(
    batch: number,
    m: number,
    k: number,
    n: number,
    a: number,
    aBatch: number,
    aRow: number,
    aCol: number,
    b: number,
    bBatch: number,
    bRow: number,
    bCol: number,
    c: number,
    startFromC: number,
    scratch: number,
  ): void;
  /** out[i] = op(a[i], b[i]); a step of 0 broadcasts the operand's one value. */
  binaryF32(op: number, n: number, a: number, aStep: number, b: number, bStep: number, out: number, alpha: number): void;
  binaryF64(op: number, n: number, a: number, aStep: number, b: number, bStep: number, out: number, alpha: number): void;
  unaryF32(op: number, n: number, x: number, out: number, s: number): void;
  unaryF64(op: number, n: number, x: number, out: number, s: number): void;
  /** One 2-D slice of PyTorch's cascade sum, added into out (strides in elements). */
  sumSliceF32(data: number, size0: number, size1: number, in0: number, in1: number, out: number, out0: number, out1: number): void;
  sumSliceF64(data: number, size0: number, size1: number, in0: number, in1: number, out: number, out0: number, out1: number): void;
  /** out[i] = op(x[i]) with SLEEF's float32 exp, log, tanh or PyTorch's vectorised sigmoid (x may be out). */
  sleefF32(op: number, n: number, x: number, out: number): void;
}

const FUNCTIONS: readonly (keyof KernelExports)[] = [
  'heapBase',
  'gemmScratchBytes',
  'gemmF32',
  'gemmF64',
  'binaryF32',
  'binaryF64',
  'unaryF32',
  'unaryF64',
  'sumSliceF32',
  'sumSliceF64',
  'sleefF32',
];

/** The instance's exports, checked to be the functions this build of the loader expects. */
export function kernelExports(instance: WebAssembly.Instance): KernelExports {
  const exports = instance.exports;
  for (const name of FUNCTIONS) {
    if (typeof exports[name] !== 'function') throw new Error(`kernels.wasm does not export ${name}(); rebuild it (node scripts/build-wasm.mjs)`);
  }
  return exports as unknown as KernelExports;
}
