/**
 * A few corpus programs through `gradscope run <file>` (its `runFile`, in this process; cli.test.ts
 * starts the real command), as a learner would run a lecture they saved, from the lecture's folder:
 * the CLI must agree with corpus/status.json exactly as the corpus test's shared session does (the
 * whole corpus runs there, for speed).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, flipMessage, mismatch, readGoldens, readStatus } from './corpus-programs.ts';
import { gradscopeInProcess } from './gradscope-run.ts';

/** Each run starts Pyodide afresh, which takes a while on a busy machine. */
const CLI_TIMEOUT_MS = 240_000;
/** One program per kind of source: a lecture's training loop, a tutorial, the docs' custom Function. */
const REPRESENTATIVE = ['makemore/part2_mlp', 'pytorch-tutorials/polynomial_autograd', 'pytorch-docs/extending_linear_function'];

function gradscopeRun(key: string) {
  const [source, name] = key.split('/') as [string, string];
  return gradscopeInProcess(['run', `${name}.py`], join(CORPUS_DIR, source));
}

// One run at a time: the runs share this process's one thread.
describe('gradscope run on corpus programs', () => {
  const goldens = readGoldens();
  const status = readStatus();
  for (const key of REPRESENTATIVE) {
    it(
      `${key}.py ends as corpus/status.json says (${status[key]?.status})`,
      async () => {
        const golden = goldens[key]!;
        const result = await gradscopeRun(key);
        const reason = mismatch(
          { stdout: result.stdout, exitCode: result.status ?? 1, lastErrorLine: result.status === 0 ? '' : (result.stderr.trimEnd().split('\n').at(-1) ?? '') },
          golden,
        );
        if (status[key]?.status === 'pass') {
          expect(result.stdout).toBe(golden.stdout);
          expect(result.status).toBe(golden.exit_code);
        } else {
          expect(reason, flipMessage(key)).toBeDefined();
        }
      },
      CLI_TIMEOUT_MS,
    );
  }
});
