import { afterEach, describe, expect, it } from 'vitest';
import { manualSeed, noGrad, randn, recordName, setRecorder, type Tensor } from '../../index.ts';
import { fullPasses } from '../compact.ts';
import { createTraceRecorder } from '../recorder.ts';
import { only } from './record.ts';

afterEach(() => setRecorder(null));

/**
 * Compaction runs every three passes, so 500 steps cut the detail back some 160 times; docs/trace.md's
 * figures are for 2,000 (BOUNDED_ITERATIONS=2000 npx vitest run engine/trace/test/bounded.test.ts).
 */
const ITERATIONS = Number(process.env.BOUNDED_ITERATIONS ?? 500);

/** A 4 → 16 → 1 MLP trained for `ITERATIONS` steps of SGD, with the recorder on throughout. */
function trainMlp(): { maxEvents: number; maxBytes: number; finalEvents: ReturnType<ReturnType<typeof createTraceRecorder>['drain']> } {
  manualSeed(0n);
  const x = randn([8, 4]);
  const y = randn([8, 1]);
  const params = { w1: randn([4, 16], null, true), b1: randn([16], null, true), w2: randn([16, 1], null, true), b2: randn([1], null, true) };
  const trace = createTraceRecorder();
  setRecorder(trace.recorder);
  for (const [name, p] of Object.entries(params)) recordName(p, name);
  let maxEvents = 0;
  let maxBytes = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const hidden = x.matmul(params.w1).add(params.b1).relu();
    const loss = hidden.matmul(params.w2).add(params.b2).sub(y).pow(2).mean();
    loss.backward();
    noGrad(() => {
      for (const p of Object.values(params)) {
        p.sub_(p.grad!.mul(0.01));
        (p as Tensor).grad = null;
      }
    });
    if (i % 100 === 99) {
      const events = trace.events();
      maxEvents = Math.max(maxEvents, events.length);
      maxBytes = Math.max(maxBytes, JSON.stringify(events.filter((e) => e.kind !== 'pass-summary')).length);
    }
  }
  setRecorder(null);
  return { maxEvents, maxBytes, finalEvents: trace.drain() };
}

describe('bounded traces for training loops', () => {
  it(`keeps a summary of every pass and the detail of only the last three in a ${ITERATIONS}-step MLP loop`, { timeout: 120_000 }, () => {
    const { maxBytes, finalEvents } = trainMlp();
    const summaries = only(finalEvents, 'pass-summary');
    expect(summaries).toHaveLength(ITERATIONS);
    expect(summaries.every((s) => typeof s.loss === 'number')).toBe(true);
    expect(summaries[0].gradNorms.map((g) => g.name)).toEqual(['b2', 'w2', 'b1', 'w1']);
    expect(summaries.at(-1)!.loss!).toBeLessThan(summaries[0].loss!);
    expect(fullPasses(finalEvents)).toEqual([ITERATIONS - 2, ITERATIONS - 1, ITERATIONS]);
    // Forward ops kept: those of the three kept passes only (8 ops per iteration: mm, add, relu, mm, add, sub, pow, mean).
    expect(only(finalEvents, 'op')).toHaveLength(3 * 8);
    // The detail never grows past six passes between compactions (docs/trace.md states the bound).
    expect(maxBytes).toBeLessThan(200_000);
    const summaryBytes = JSON.stringify(summaries).length;
    console.log(
      `trace bound: detail ≤ ${maxBytes} bytes; summaries ${summaryBytes} bytes for ${ITERATIONS} passes (${Math.round(summaryBytes / ITERATIONS)} bytes/pass); final ${finalEvents.length} events, ${JSON.stringify(finalEvents).length} bytes`,
    );
  });
});
