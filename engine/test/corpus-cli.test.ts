/**
 * A few corpus programs through the real command, `node bin/gradscope.mjs run <file>`, as a learner
 * would run a lecture they saved: the CLI must agree with corpus/status.json exactly as the
 * in-process corpus test does (the whole corpus runs in-process there, for speed).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, flipMessage, mismatch, readGoldens, readStatus } from './corpus-programs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Each run starts node and Pyodide afresh, which takes a while on a busy machine. */
const CLI_TIMEOUT_MS = 240_000;
/** One program per kind of source: a lecture's training loop, a tutorial, the docs' custom Function. */
const REPRESENTATIVE = ['makemore/part2_mlp', 'pytorch-tutorials/polynomial_autograd', 'pytorch-docs/extending_linear_function'];

function gradscopeRun(key: string): Promise<{ stdout: string; stderr: string; status: number | null }> {
  const [source, name] = key.split('/') as [string, string];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/gradscope.mjs'), 'run', `${name}.py`], { cwd: join(CORPUS_DIR, source) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('close', (status) => resolve({ stdout, stderr, status }));
  });
}

describe.concurrent('gradscope run on corpus programs', () => {
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
