/** `npx gradscope run FILE.py` behaves like `python FILE.py`: same stdout, traceback on stderr, exit 1. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROGRAMS = join(ROOT, 'engine/test/programs');
const goldens = JSON.parse(readFileSync(join(PROGRAMS, 'goldens.json'), 'utf8')) as Record<
  string,
  { stdout: string; exit_code: number; last_stderr_line: string }
>;

function gradscope(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/gradscope.mjs'), ...args], { cwd: PROGRAMS, encoding: 'utf8' });
}

/** The same command, without blocking, so several programs can run side by side. */
function gradscopeAsync(...args: string[]): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/gradscope.mjs'), ...args], { cwd: PROGRAMS });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('close', (status) => resolve({ stdout, stderr, status }));
  });
}

const PROGRAM_NAMES = readdirSync(PROGRAMS).filter((name) => name.endsWith('.py')).map((name) => name.slice(0, -3));

describe('gradscope run', () => {
  // Every program of engine/test/programs (the seed's three and the held-out tutorials) through
  // the real command, as a user would run it.
  describe.concurrent('prints what PyTorch prints', () => {
    for (const name of PROGRAM_NAMES) {
      it(`${name}.py`, async () => {
        const golden = goldens[name]!;
        const result = await gradscopeAsync('run', `${name}.py`);
        expect(result.stdout).toBe(golden.stdout);
        expect(result.status).toBe(golden.exit_code);
        if (golden.exit_code !== 0) {
          expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(golden.last_stderr_line);
        }
      });
    }
  });

  it('writes nothing to stderr for a program that succeeds', () => {
    const result = gradscope('run', 'seed_myrelu.py');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('prints the traceback of an uncaught exception to stderr and exits 1', () => {
    const result = gradscope('run', 'uncaught_error.py');
    expect(result.stdout).toBe('before\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('File "uncaught_error.py", line 5, in <module>');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(goldens.uncaught_error!.last_stderr_line);
  });

  it('writes a snapshot with the cells and the trace when asked', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gradscope-')), 'seed.json');
    const result = gradscope('run', 'seed_mean.py', '--snapshot', out);
    expect(result.status).toBe(0);
    const snapshot = JSON.parse(readFileSync(out, 'utf8'));
    expect(snapshot.format).toBe('gradscope-snapshot');
    expect(snapshot.cells[0].source).toContain('x * 2');
    // What the program printed rides along, as the app shows it under the cell.
    expect(snapshot.cells[0].outputs).toEqual([{ kind: 'stream', stream: 'stdout', text: goldens.seed_mean!.stdout }]);
    const ops = snapshot.trace.events.filter((e: { kind: string }) => e.kind === 'op').map((e: { gradFn: string }) => e.gradFn);
    expect(ops).toEqual(['MulBackward0', 'AddBackward0', 'MeanBackward0']);
  });

  it('explains its usage when called wrongly', () => {
    const result = gradscope('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: gradscope run FILE.py');
  });
});
