/** Test helper: the trace of a real training loop run through the engine with the recorder on. */
import { manualSeed, noGrad, randn, recordName, setLocationProvider, type Tensor } from '../../../../engine/index.ts';
import type { TraceEvent } from '../../../../engine/trace/schema.ts';
import { record } from '../../../../engine/trace/test/record.ts';

/**
 * `steps` iterations of SGD on y = x·w + b (lines as in a notebook cell: forward on line 5,
 * backward on line 6), keeping the last `keepPasses` passes in detail as the app's recorder does.
 */
export function trainingLoopTrace(steps: number, keepPasses = 3): TraceEvent[] {
  let line = 1;
  return record(
    () => {
      setLocationProvider(() => ({ cell: 'cell-1', line }));
      manualSeed(0n);
      const x = randn([4, 2]);
      const w = randn([2, 1], null, true);
      const b = randn([1], null, true);
      recordName(w, 'w');
      recordName(b, 'b');
      for (let i = 0; i < steps; i++) {
        line = 5;
        const loss = x.matmul(w).add(b).pow(2).mean();
        line = 6;
        loss.backward();
        noGrad(() => {
          for (const p of [w, b]) {
            p.sub_(p.grad!.mul(0.1));
            (p as Tensor).grad = null;
          }
        });
      }
    },
    { keepPasses },
  );
}
