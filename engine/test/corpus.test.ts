/**
 * Real teaching programs (corpus/, see docs/compatibility.md) print what PyTorch prints. Every
 * program runs in one in-process session, reset between programs, as the CLI would run it. A program
 * marked `pass` in corpus/status.json must print PyTorch's stdout exactly; one marked `fail` must
 * still differ, so the day a feature lands and it starts passing, this test asks for the flip.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';
import { corpusPrograms, flipMessage, mismatch, programSource, readGoldens, readStatus } from './corpus-programs.ts';

const programs = corpusPrograms();
const goldens = readGoldens();
const status = readStatus();

describe('the corpus of teaching programs prints what PyTorch prints', () => {
  let python: TestSession;
  beforeAll(async () => {
    python = await startTestSession();
  });

  it('every program has a golden and a status, and nothing else does', () => {
    expect(programs.filter((key) => !(key in goldens))).toEqual([]);
    expect(programs.filter((key) => !(key in status))).toEqual([]);
    expect(Object.keys(status).filter((key) => !programs.includes(key))).toEqual([]);
  });

  it('every program names its source on its first line', () => {
    const unnamed = programs.filter((key) => !/^# Source: \S/.test(programSource(key)));
    expect(unnamed).toEqual([]);
  });

  for (const key of programs) {
    const expected = status[key]?.status ?? 'fail';
    it(`${key}.py ${expected === 'pass' ? 'prints PyTorch\'s output' : `does not yet (${status[key]?.reason ?? ''})`}`, () => {
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
