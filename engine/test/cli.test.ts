/**
 * `npx gradscope run FILE.py` behaves like `python FILE.py`: same stdout, traceback on stderr, exit 1.
 *
 * A run of the real command starts a fresh Node and Pyodide (~5 s of CPU), so it is kept for what
 * only the command shows (streams and exit status end to end); what representative programs print
 * and write goes through the same `runFile` in this process. programs.test.ts runs every program of
 * engine/test/programs in-process against the same goldens, program by program.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradscopeCommand, gradscopeInProcess } from './gradscope-run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROGRAMS = join(ROOT, 'engine/test/programs');
const goldens = JSON.parse(readFileSync(join(PROGRAMS, 'goldens.json'), 'utf8')) as Record<
  string,
  { stdout: string; exit_code: number; last_stderr_line: string }
>;

/**
 * Through the real command: a training loop (nn, optim, printed tensors) that succeeds, and a
 * program that dies of one of PyTorch's own errors (in-place modification of a saved tensor).
 */
const REPRESENTATIVE_PROGRAMS = ['tutorial_mlp_sgd_momentum', 'tutorial_inplace_saved_error'] as const;

// One run at a time: side by side they only share the same cores, and on a busy machine each then
// takes longer than a test may. A fresh Node and Pyodide can take a minute there, hence the timeout.
describe('gradscope run', { timeout: 180_000 }, () => {
  for (const name of REPRESENTATIVE_PROGRAMS) {
    it(`${name}.py prints what PyTorch prints and exits as python does`, async () => {
      const golden = goldens[name];
      expect(golden, `${name} has a golden`).toBeDefined();
      const result = await gradscopeInProcess(['run', `${name}.py`], PROGRAMS);
      expect(result.stdout).toBe(golden!.stdout);
      expect(result.status).toBe(golden!.exit_code);
      if (golden!.exit_code !== 0) {
        expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(golden!.last_stderr_line);
      }
    });
  }

  it('writes nothing to stderr for a program that succeeds', async () => {
    const result = await gradscopeCommand(['run', 'seed_myrelu.py'], PROGRAMS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('prints the traceback of an uncaught exception to stderr and exits 1', async () => {
    const result = await gradscopeCommand(['run', 'uncaught_error.py'], PROGRAMS);
    expect(result.stdout).toBe('before\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('File "uncaught_error.py", line 5, in <module>');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(goldens.uncaught_error!.last_stderr_line);
  });

  it('writes a snapshot with the cells and the trace when asked', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gradscope-')), 'seed.json');
    const result = await gradscopeInProcess(['run', 'seed_mean.py', '--snapshot', out], PROGRAMS);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(goldens.seed_mean!.stdout);
    const snapshot = JSON.parse(readFileSync(out, 'utf8'));
    expect(snapshot.format).toBe('gradscope-snapshot');
    expect(snapshot.cells[0].source).toContain('x * 2');
    // What the program printed rides along, as the app shows it under the cell.
    expect(snapshot.cells[0].outputs).toEqual([{ kind: 'stream', stream: 'stdout', text: goldens.seed_mean!.stdout }]);
    const ops = snapshot.trace.events.filter((e: { kind: string }) => e.kind === 'op').map((e: { gradFn: string }) => e.gradFn);
    expect(ops).toEqual(['MulBackward0', 'AddBackward0', 'MeanBackward0']);
  });

  it('explains its usage when called wrongly', async () => {
    const result = await gradscopeCommand(['frobnicate'], PROGRAMS);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: gradscope run FILE.py');
  });
});
