/**
 * Forward-mode AD programs print exactly what PyTorch prints: dual tensors, views and in-place
 * ops, each op's tangent, tangents' own grad_fn, custom Functions' jvp, torch.func.jvp/jacfwd and
 * torch.autograd.functional.jvp. Each engine/test/forward-ad/*.py was run with real PyTorch by
 * scripts/goldens/forward_ad.py; here the same file runs on Gradscope's engine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from './python-session.ts';

const DIR = fileURLToPath(new URL('./forward-ad/', import.meta.url));
const goldens = JSON.parse(readFileSync(`${DIR}goldens.json`, 'utf8')) as Record<
  string,
  { stdout: string; exit_code: number; last_stderr_line: string }
>;
const programs = readdirSync(DIR).filter((name) => name.endsWith('.py')).map((name) => name.slice(0, -3));

describe('forward-mode AD programs print what PyTorch prints', () => {
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
      const result = python.run(readFileSync(`${DIR}${name}.py`, 'utf8'), `${name}.py`);
      expect(result.stdout).toBe(golden.stdout);
      expect(result.ok ? 0 : 1).toBe(golden.exit_code);
      if (!result.ok) {
        expect(result.error!.traceback.trimEnd().split('\n').at(-1)).toBe(golden.last_stderr_line);
      }
    });
  }
});
