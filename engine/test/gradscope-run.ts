/**
 * `gradscope run …` for the tests, two ways: through the real command (a fresh Node and Pyodide,
 * seconds of CPU each, kept for what only the command shows: its streams and exit status end to
 * end), or in this process through the same `runFile` the command calls, with the same arguments
 * and working directory, for tests about what a program prints or writes.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFile } from '../run-file.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
}

/**
 * Runs `node bin/gradscope.mjs …args` in `cwd` (without blocking the test runner's own process),
 * with `env` added to this process's environment.
 */
export function gradscopeCommand(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/gradscope.mjs'), ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('close', (status) => resolve({ stdout, stderr, status }));
  });
}

/** What `gradscope …args` in `cwd` prints and returns, run in this process. */
export async function gradscopeInProcess(args: readonly string[], cwd: string): Promise<CommandResult> {
  let stdout = '';
  let stderr = '';
  const status = await runFile(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { stdout, stderr, status };
}
