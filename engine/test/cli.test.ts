/** `npx gradscope run FILE.py` behaves like `python FILE.py`: same stdout, traceback on stderr, exit 1. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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

describe('gradscope run', () => {
  it.each(['seed_mean', 'seed_fanout', 'seed_myrelu'])('prints what PyTorch prints for the seed program %s.py', (name) => {
    const result = gradscope('run', `${name}.py`);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(goldens[name]!.stdout);
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
    const ops = snapshot.trace.events.filter((e: { kind: string }) => e.kind === 'op').map((e: { gradFn: string }) => e.gradFn);
    expect(ops).toEqual(['MulBackward0', 'AddBackward0', 'MeanBackward0']);
  });

  it('explains its usage when called wrongly', () => {
    const result = gradscope('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: gradscope run FILE.py');
  });
});
