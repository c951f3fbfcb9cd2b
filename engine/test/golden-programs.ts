/**
 * A folder of Python programs with `goldens.json` beside them (what real PyTorch printed, from a
 * script in scripts/goldens/): each program runs on Gradscope's engine and must print the same.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';

interface ProgramGolden {
  readonly stdout: string;
  readonly exit_code: number;
  readonly last_stderr_line: string;
}

/** One test per program in `folder` (a URL of a directory, ending in `/`). */
export function describeGoldenPrograms(title: string, folder: URL): void {
  const dir = fileURLToPath(folder);
  const goldens = JSON.parse(readFileSync(`${dir}goldens.json`, 'utf8')) as Record<string, ProgramGolden>;
  const programs = readdirSync(dir)
    .filter((name) => name.endsWith('.py'))
    .map((name) => name.slice(0, -3));

  describe(title, () => {
    let python: TestSession;
    beforeAll(async () => {
      python = await startTestSession();
    });

    it('every program has a golden', () => {
      expect(programs.filter((name) => !(name in goldens))).toEqual([]);
    });

    for (const name of programs) {
      it(`${name}.py prints the same text`, () => {
        const golden = goldens[name]!;
        const result = python.run(readFileSync(`${dir}${name}.py`, 'utf8'), `${name}.py`);
        expect(result.stdout).toBe(golden.stdout);
        expect(result.ok ? 0 : 1).toBe(golden.exit_code);
        if (!result.ok) {
          expect(result.error!.traceback.trimEnd().split('\n').at(-1)).toBe(golden.last_stderr_line);
        }
      });
    }
  });
}
