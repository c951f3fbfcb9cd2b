/**
 * Interleaved timing: contenders run in the same process, round by round, so drift in the
 * machine (other processes, thermal state, JIT tiers) lands on all of them alike. Each round
 * alternates who goes first (A B, B A, ...) so neither always pays the other's garbage.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface Contender {
  readonly label: string;
  readonly run: () => void;
  /** Run once before timing, instead of `run` (e.g. a smaller size when one full run takes seconds). */
  readonly warmup?: () => void;
}

export interface TimingOptions {
  /** Untimed rounds first, for the JIT and caches. */
  readonly warmupRounds: number;
  /** Timed rounds; the figure is their median. */
  readonly repeats: number;
  /** A sample lasts at least this long: fast workloads run many times per sample and report the mean. */
  readonly minSampleMs: number;
}

export interface Samples {
  readonly label: string;
  /** Milliseconds per run, one entry per timed round. */
  readonly ms: number[];
  /** Runs per sample (1 unless the workload is shorter than minSampleMs). */
  readonly runsPerSample: number;
}

export const DEFAULT_TIMING: TimingOptions = { warmupRounds: 2, repeats: 7, minSampleMs: 50 };

/**
 * A full collection before each sample, so no contender pays for the garbage of the one before.
 * `npm run bench` starts Node without --expose-gc; V8 lets the flag be set at run time.
 */
function exposeGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const gc = exposeGc();

/** A full collection (when V8 allows it): called before each sample so no contender pays for another's garbage. */
export const collectGarbage = (): void => gc?.();

function timeRuns(run: () => void, count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) run();
  return (performance.now() - start) / count;
}

/** How many runs make one sample last at least `minMs`; the fastest of three probes, so one GC pause cannot decide it. */
function calibrate(run: () => void, minMs: number): number {
  let count = 1;
  for (;;) {
    let perRun = timeRuns(run, count);
    // Runs far longer than a sample need no second opinion (a matmul takes a second).
    if (perRun * count < 4 * minMs) perRun = Math.min(perRun, timeRuns(run, count), timeRuns(run, count));
    if (perRun * count >= minMs || count >= 1 << 20) return count;
    count = Math.min(1 << 20, Math.max(count * 2, Math.ceil((minMs * 1.2) / Math.max(perRun, 1e-6))));
  }
}

export function measureInterleaved(contenders: readonly Contender[], options: TimingOptions = DEFAULT_TIMING): Samples[] {
  for (let round = 0; round < options.warmupRounds; round++) {
    for (const c of contenders) (c.warmup ?? c.run)();
  }
  // A contender with its own warm-up is one whose single run is long: one run per sample.
  const runsPerSample = contenders.map((c) => (c.warmup ? 1 : calibrate(c.run, options.minSampleMs)));
  const ms: number[][] = contenders.map(() => []);
  for (let round = 0; round < options.repeats; round++) {
    const order = contenders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      gc?.();
      ms[i].push(timeRuns(contenders[i].run, runsPerSample[i]));
    }
  }
  return contenders.map((c, i) => ({ label: c.label, ms: ms[i], runsPerSample: runsPerSample[i] }));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Half the interquartile range over the median: how noisy the samples were. */
export function relativeSpread(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
  const m = median(values);
  return m > 0 ? (q(0.75) - q(0.25)) / 2 / m : 0;
}

/** Takes one sample of each side per round, the order alternating (A B, B A, …) so neither always goes first. */
export async function alternateRounds(rounds: number, ours: () => void | Promise<void>, peer: () => void | Promise<void>): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [ours, peer] : [peer, ours];
    for (const take of order) await take();
  }
}

/** This process's CPU time so far (user + system), in milliseconds: steadier than the wall clock on a shared machine. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
