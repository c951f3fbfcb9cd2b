/**
 * PyTorch's default CPU generator (`CPUGeneratorImpl`): an mt19937 engine plus the cached second
 * Box–Muller sample that `normal_distribution<double>` leaves behind.
 */

import { Mt19937, MT_STATE_SIZE } from './mt19937.ts';

/** `default_rng_seed_val` in c10/core/GeneratorImpl.h: the seed a fresh process starts from. */
export const DEFAULT_SEED = 67280421310721n;

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * Byte layout of `torch.get_rng_state()` on CPU (`CPUGeneratorImplState`, which extends the legacy
 * TH generator struct), little-endian, 5056 bytes. Matching it byte for byte means a state saved
 * here looks like PyTorch's (`torch.get_rng_state().shape == torch.Size([5056])`).
 */
export const STATE_BYTES = 5056;
/** The older layout without the float cache (`THGeneratorState`), which PyTorch still accepts. */
const LEGACY_STATE_BYTES = 5048;
const OFFSET_INITIAL_SEED = 0;
const OFFSET_LEFT = 8;
const OFFSET_SEEDED = 12;
const OFFSET_NEXT = 16;
const OFFSET_STATE = 24; // 624 words, each stored as a uint64
const OFFSET_NORMAL_Y = OFFSET_STATE + MT_STATE_SIZE * 8 + 8; // after normal_x
const OFFSET_NORMAL_IS_VALID = OFFSET_NORMAL_Y + 16; // after normal_rho
const OFFSET_NEXT_FLOAT_NORMAL = OFFSET_NORMAL_IS_VALID + 8; // int + padding to 8
const OFFSET_NEXT_FLOAT_NORMAL_IS_VALID = OFFSET_NEXT_FLOAT_NORMAL + 4;

export class Generator {
  private readonly engine = new Mt19937(DEFAULT_SEED);
  /** The cached `r * sin(theta)` of the last scalar Box–Muller draw (`next_double_normal_sample_`). */
  private nextDoubleNormal: number | null = null;
  /**
   * `next_float_normal_sample_`: no CPU kernel uses `normal_distribution<float>` today, but the
   * slot is part of the saved state, so it round-trips.
   */
  private nextFloatNormal: number | null = null;

  /** `torch.manual_seed(seed)`: negative seeds wrap to their 64-bit two's complement, as in PyTorch. */
  manualSeed(seed: number | bigint): void {
    const big = typeof seed === 'bigint' ? seed : toBigIntSeed(seed);
    if (big < -(1n << 63n) || big >= 1n << 64n) {
      throw new RangeError(`Overflow when unpacking long: seed ${big} does not fit in 64 bits`);
    }
    this.engine.reseed(BigInt.asUintN(64, big));
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
  }

  /** `torch.initial_seed()`: the seed last set, as an unsigned 64-bit integer. */
  initialSeed(): bigint {
    return this.engine.seed;
  }

  /** `torch.seed()`: reseed from a non-deterministic source and return the new seed. */
  seed(): bigint {
    const words = new Uint32Array(2);
    globalThis.crypto.getRandomValues(words);
    const fresh = (BigInt(words[0]) << 32n) | BigInt(words[1]);
    this.manualSeed(fresh);
    return fresh;
  }

  /** `torch.get_rng_state()`: the whole generator as PyTorch lays it out (5056 bytes). */
  getState(): Uint8Array {
    const bytes = new Uint8Array(STATE_BYTES);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(OFFSET_INITIAL_SEED, this.engine.seed, true);
    view.setInt32(OFFSET_LEFT, this.engine.left, true);
    view.setInt32(OFFSET_SEEDED, 1, true);
    view.setBigUint64(OFFSET_NEXT, BigInt(this.engine.next), true);
    const words = this.engine.state;
    for (let i = 0; i < MT_STATE_SIZE; i++) view.setUint32(OFFSET_STATE + i * 8, words[i], true);
    if (this.nextDoubleNormal !== null) {
      view.setFloat64(OFFSET_NORMAL_Y, this.nextDoubleNormal, true);
      view.setInt32(OFFSET_NORMAL_IS_VALID, 1, true);
    }
    if (this.nextFloatNormal !== null) {
      view.setFloat32(OFFSET_NEXT_FLOAT_NORMAL, this.nextFloatNormal, true);
      bytes[OFFSET_NEXT_FLOAT_NORMAL_IS_VALID] = 1;
    }
    return bytes;
  }

  /** `torch.set_rng_state(state)`: accepts what `getState()` (or PyTorch, either layout) produced. */
  setState(state: Uint8Array): void {
    if (state.length !== STATE_BYTES && state.length !== LEGACY_STATE_BYTES) {
      throw new RangeError(
        `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_BYTES} or a CPUGeneratorImplState of size ${STATE_BYTES} but found the input RNG state size to be ${state.length}`,
      );
    }
    const view = new DataView(state.buffer, state.byteOffset, state.byteLength);
    const left = view.getInt32(OFFSET_LEFT, true);
    const next = Number(view.getBigUint64(OFFSET_NEXT, true));
    if (left < 1 || left > MT_STATE_SIZE || next < 0 || next > MT_STATE_SIZE) {
      throw new RangeError('The RNG state is corrupted: its position lies outside the twister state');
    }
    this.engine.seed = view.getBigUint64(OFFSET_INITIAL_SEED, true);
    this.engine.left = left;
    this.engine.next = next;
    for (let i = 0; i < MT_STATE_SIZE; i++) this.engine.state[i] = view.getUint32(OFFSET_STATE + i * 8, true);
    this.nextDoubleNormal = view.getInt32(OFFSET_NORMAL_IS_VALID, true) !== 0 ? view.getFloat64(OFFSET_NORMAL_Y, true) : null;
    const hasFloatNormal = state.length === STATE_BYTES && state[OFFSET_NEXT_FLOAT_NORMAL_IS_VALID] !== 0;
    this.nextFloatNormal = hasFloatNormal ? view.getFloat32(OFFSET_NEXT_FLOAT_NORMAL, true) : null;
  }

  /** `random()`: one 32-bit draw. */
  random(): number {
    return this.engine.nextUint32();
  }

  /**
   * `random64()` reduced to what every caller uses: the high word is drawn first.
   * Returns the high word and leaves the low word in `lastLow` (no allocation per draw).
   */
  random64High(): number {
    const high = this.engine.nextUint32();
    this.lastLow = this.engine.nextUint32();
    return high;
  }
  /** Low word of the last `random64High()` call. */
  lastLow = 0;

  /** `random64()` as a bigint, for the rare consumers that need all 64 bits (wide randint ranges). */
  random64(): bigint {
    const high = this.random64High();
    return (BigInt(high) << 32n) | BigInt(this.lastLow);
  }

  /** `uniform_real_distribution<double>(0, 1)`: the low 53 bits of `random64()` times 2^-53. */
  uniformDouble(): number {
    const high = this.random64High();
    return ((high & 0x1fffff) * TWO_POW_32 + this.lastLow) * TWO_POW_MINUS_53;
  }

  /** `uniform_real_distribution<float>(0, 1)`: the low 24 bits of `random()` times 2^-24. */
  uniformFloat(): number {
    return (this.engine.nextUint32() & 0xffffff) * (1 / 16777216);
  }

  /** Takes the cached second Box–Muller sample, or null when there is none. */
  takeNextDoubleNormal(): number | null {
    const cached = this.nextDoubleNormal;
    this.nextDoubleNormal = null;
    return cached;
  }

  setNextDoubleNormal(value: number): void {
    this.nextDoubleNormal = value;
  }
}

function toBigIntSeed(seed: number): bigint {
  if (!Number.isInteger(seed)) throw new TypeError(`manual_seed expected an integer seed but got ${seed}`);
  return BigInt(seed);
}

/** The generator behind `torch.manual_seed`, `torch.rand`, `torch.randn`, ... */
export const defaultGenerator = new Generator();
