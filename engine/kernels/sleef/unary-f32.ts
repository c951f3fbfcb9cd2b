/**
 * float32 exp, log and sigmoid rounded as PyTorch 1.13's CPU kernels round them on an AVX2 machine.
 *
 * - exp and log go through ATen's vml (`vexp`/`vlog`: vec::map over whole and partial 8-wide
 *   vectors, no MKL in this build), so every element, contiguous or not, is SLEEF's u10 result.
 * - sigmoid is a `cpu_kernel_vec`: where the inner loop is contiguous, `vectorized_loop` handles
 *   blocks of 16 (two AVX2 vectors) with `(0 − x).exp() + 1` then `reciprocal()`, and the last
 *   n % 16 elements, or every element of a strided inner loop, with the scalar
 *   `1 / (1 + std::exp(−x))` (glibc's expf, which fround(Math.exp) matches but for ~1 in 2000).
 *
 * Multithreading: PyTorch splits tensors above 32768 elements across threads, which moves where
 * the 16-blocks start; the goldens come from a 1-thread PyTorch (torch.get_num_threads() == 1 on
 * the reference machine), so blocks start at the beginning of each contiguous inner loop.
 */
import { sleefExpf } from './expf.ts';
import { sleefLogf } from './logf.ts';

export type SleefUnaryOp = 'exp' | 'log' | 'sigmoid';

const fr = Math.fround;
/** Elements per `vectorized_loop` step: 2 × Vectorized<float>::size() on AVX2. */
const BLOCK = 16;

/**
 * out[start + i] = op(src[from + i]) for i < n (src may be out itself, for in place).
 * `contiguousLoop` says whether PyTorch's inner loop over these elements was contiguous (so the
 * 16-wide vector path applies to sigmoid).
 */
export function sleefUnary(op: SleefUnaryOp, src: Float32Array, from: number, out: Float32Array, start: number, n: number, contiguousLoop: boolean): void {
  const shift = from - start;
  const end = start + n;
  switch (op) {
    case 'exp':
      for (let i = start; i < end; i++) out[i] = sleefExpf(src[i + shift]!);
      return;
    case 'log':
      for (let i = start; i < end; i++) out[i] = sleefLogf(src[i + shift]!);
      return;
    case 'sigmoid': {
      const vecEnd = contiguousLoop ? start + (n - (n % BLOCK)) : start;
      for (let i = start; i < vecEnd; i++) out[i] = fr(1 / fr(sleefExpf(fr(0 - src[i + shift]!)) + 1));
      for (let i = vecEnd; i < end; i++) out[i] = fr(1 / fr(1 + fr(Math.exp(-src[i + shift]!))));
      return;
    }
  }
}

export const isSleefUnaryOp = (op: string): op is SleefUnaryOp => op === 'exp' || op === 'log' || op === 'sigmoid';
