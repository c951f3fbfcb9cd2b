/**
 * Whatever a learner types, a failure is a Python exception in PyTorch's manner, never JavaScript
 * text, and Python stays usable. Random op sequences from the op table with random (often wrong)
 * arguments run through the real Python layer. `npm test` runs a fixed-seed sample;
 * `npm run fuzz` runs many more (FUZZ_RUNS, FUZZ_SEED).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { opSignatures } from '../index.ts';
import { startTestSession, type TestSession } from './python-session.ts';
import { programArbitrary, programSource } from './fuzz/python-calls.ts';
import { describeBadFailure } from './fuzz/verdict.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);

describe("fuzzed calls fail only in PyTorch's manner", () => {
  let python: TestSession;
  beforeAll(async () => {
    python = await startTestSession();
  });

  it(`${RUNS} random op sequences raise Python exceptions with a message, and Python stays alive`, () => {
    const signatures = opSignatures();
    const seen = { ok: 0, failed: 0 };
    fc.assert(
      fc.property(programArbitrary(signatures), (program) => {
        const source = programSource(program);
        const result = python.run(source, 'fuzz.py');
        if (result.ok) {
          seen.ok++;
        } else {
          seen.failed++;
          const error = result.error!;
          expect(describeBadFailure(error), `${source}\n→ ${error.ename}: ${error.evalue}`).toBeUndefined();
        }
        const alive = python.run('import torch\nassert torch.ones(2).sum().item() == 2.0\n', 'alive.py');
        expect(alive.ok, `Python unusable after:\n${source}`).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Both outcomes happen: the generator reaches real computations, not only argument errors.
    expect(seen.ok).toBeGreaterThan(RUNS / 20);
    expect(seen.failed).toBeGreaterThan(RUNS / 20);
  }, 600_000);
});
