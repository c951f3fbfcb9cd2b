/**
 * The linear memory the kernels compute in, owned by JavaScript and imported by the module
 * (`env.memory`). Operands are copied in, the kernel runs, the result is copied out: tensors live
 * in ordinary typed arrays, so a kernel call costs two or three memcpys besides its arithmetic.
 * The memory only grows (WebAssembly memories cannot shrink); calls needing more than
 * MAX_BYTES are left to the JavaScript kernels instead.
 */
const PAGE = 65536;
/** The largest working set (operands, result and scratch) a call may grow the memory to. */
export const MAX_BYTES = 1 << 30;

export class KernelMemory {
  readonly memory = new WebAssembly.Memory({ initial: 16 });
  private f32View = new Float32Array(this.memory.buffer);
  private f64View = new Float64Array(this.memory.buffer);

  /** Makes sure bytes [0, end) exist; false when that would pass MAX_BYTES. */
  reserve(end: number): boolean {
    if (end > MAX_BYTES) return false;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      this.memory.grow(Math.ceil((end - have) / PAGE));
      this.f32View = new Float32Array(this.memory.buffer);
      this.f64View = new Float64Array(this.memory.buffer);
    }
    return true;
  }

  /** Views over the whole memory (renewed whenever it grows). */
  get f32(): Float32Array {
    return this.f32View;
  }
  get f64(): Float64Array {
    return this.f64View;
  }
}

/** Rounds a byte address up to a 16-byte boundary (one v128). */
export const align16 = (at: number): number => (at + 15) & ~15;
