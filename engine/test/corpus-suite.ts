/**
 * The corpus test for one source folder of corpus/ (see corpus.test.ts): its programs run in one
 * in-process session, reset between programs. Each source has its own test file, so each runs in its
 * own worker process.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';
import { ISOLATED, corpusPrograms, flipMessage, mismatch, programSource, readGoldens, readStatus } from './corpus-programs.ts';

export { ISOLATED };

/** The corpus test for the programs of one source folder, or for the given programs. */
export function describeCorpusSource(source: string, only?: readonly string[]): void {
  const programs = only ?? corpusPrograms().filter((key) => key.startsWith(`${source}/`) && !ISOLATED.includes(key));
  const goldens = readGoldens();
  const status = readStatus();

  describe(`corpus/${source}: the programs print what PyTorch prints`, () => {
    let python: TestSession;
    beforeAll(async () => {
      python = await startTestSession();
    });

    it('has programs', () => {
      expect(programs.length).toBeGreaterThan(0);
    });

    for (const key of programs) {
      const expected = status[key]?.status ?? 'fail';
      const title = expected === 'pass' ? "prints PyTorch's output" : `does not yet (${status[key]?.reason ?? ''})`;
      it(`${key}.py ${title}`, () => {
        const golden = goldens[key]!;
        const result = python.run(programSource(key), `${key.split('/')[1]}.py`);
        const outcome = {
          stdout: result.stdout,
          exitCode: result.ok ? 0 : 1,
          lastErrorLine: result.ok ? '' : (result.error!.traceback.trimEnd().split('\n').at(-1) ?? ''),
        };
        const reason = mismatch(outcome, golden);
        if (expected === 'pass') {
          expect(outcome.stdout).toBe(golden.stdout);
          expect(reason).toBeUndefined();
        } else {
          expect(reason, flipMessage(key)).toBeDefined();
        }
      });
    }
  });
}
