/**
 * Deterministic inputs shared by both engines: each workload feeds the same float32 values to
 * ours and to the peer, so their results can be compared number for number.
 */

/** mulberry32: a tiny seeded PRNG; good enough for benchmark inputs, and identical everywhere. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` values uniform in [lo, hi), rounded to float32. */
export function uniformValues(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = seededRandom(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
  return out;
}

/** One-hot rows for `batch` labels drawn from `classes`. */
export function oneHotValues(batch: number, classes: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  const out = new Float32Array(batch * classes);
  for (let i = 0; i < batch; i++) out[i * classes + Math.floor(next() * classes)] = 1;
  return out;
}

/** The MLP's parameters and batch, initialised as nn.Linear does (uniform ±1/√fan_in). */
export interface MlpData {
  readonly sizes: readonly number[];
  readonly batch: number;
  /** weights[i] is [sizes[i], sizes[i+1]] row-major, so the forward is x @ W + b. */
  readonly weights: readonly Float32Array[];
  readonly biases: readonly Float32Array[];
  readonly input: Float32Array;
  readonly target: Float32Array;
  readonly learningRate: number;
}

export function mlpData(sizes: readonly number[], batch: number, seed = 1): MlpData {
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    const bound = 1 / Math.sqrt(sizes[i]);
    weights.push(uniformValues(sizes[i] * sizes[i + 1], seed * 100 + 2 * i, -bound, bound));
    biases.push(uniformValues(sizes[i + 1], seed * 100 + 2 * i + 1, -bound, bound));
  }
  return {
    sizes,
    batch,
    weights,
    biases,
    input: uniformValues(batch * sizes[0], seed * 100 + 99, 0, 1),
    target: oneHotValues(batch, sizes[sizes.length - 1], seed * 100 + 98),
    learningRate: 0.05,
  };
}

/** The scalar graph's leaves: multipliers near 1 and small addends keep values bounded over long chains. */
export interface ScalarGraphData {
  readonly start: number;
  readonly multipliers: Float32Array;
  readonly addends: Float32Array;
  /** Number of mul+add pairs; the graph has 2 × steps op nodes. */
  readonly steps: number;
}

export function scalarGraphData(nodes: number, leaves = 100, seed = 7): ScalarGraphData {
  return {
    start: 0.5,
    multipliers: uniformValues(leaves, seed, 0.9, 1.0),
    addends: uniformValues(leaves, seed + 1, -0.1, 0.1),
    steps: Math.floor(nodes / 2),
  };
}
