/**
 * The 32-bit Mersenne Twister exactly as ATen's `at::mt19937` (aten/src/ATen/core/MT19937RNGEngine.h).
 *
 * Seeding keeps the full 64-bit seed for `initial_seed()` but initialises the state from its low
 * 32 bits, like `std::mt19937`. `left`/`next` follow ATen's bookkeeping (not std's index) so that
 * a state snapshot lays out exactly like `torch.get_rng_state()`.
 */

export const MT_STATE_SIZE = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class Mt19937 {
  /** The 624 words of twister state. */
  readonly state = new Uint32Array(MT_STATE_SIZE);
  /** Draws left before the next twist, counting down to 0 (ATen's `left_`). */
  left = 1;
  /** Index of the next word to temper (ATen's `next_`). */
  next = 0;
  /** The seed as given, kept whole (ATen's `seed_`). */
  seed = 0n;

  constructor(seed: bigint = 5489n) {
    this.reseed(seed);
  }

  reseed(seed: bigint): void {
    this.seed = BigInt.asUintN(64, seed);
    const state = this.state;
    state[0] = Number(this.seed & 0xffffffffn);
    for (let j = 1; j < MT_STATE_SIZE; j++) {
      const prev = state[j - 1];
      // 1812433253 * (prev ^ (prev >>> 30)) + j, all modulo 2^32.
      state[j] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  /** One uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    if (--this.left === 0) this.twist();
    let y = this.state[this.next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const state = this.state;
    this.left = MT_STATE_SIZE;
    this.next = 0;
    let i = 0;
    for (; i < MT_STATE_SIZE - MT_M; i++) {
      const y = (state[i] & UPPER_MASK) | (state[i + 1] & LOWER_MASK);
      state[i] = state[i + MT_M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < MT_STATE_SIZE - 1; i++) {
      const y = (state[i] & UPPER_MASK) | (state[i + 1] & LOWER_MASK);
      state[i] = state[i + MT_M - MT_STATE_SIZE] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (state[MT_STATE_SIZE - 1] & UPPER_MASK) | (state[0] & LOWER_MASK);
    state[MT_STATE_SIZE - 1] = state[MT_M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
  }
}
