/**
 * `gradscope run FILE.py [--snapshot OUT.json]` (run-file.ts), over this process's arguments,
 * working directory and streams; its status is the process's exit status.
 */
import { runFile } from './run-file.ts';

runFile(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`gradscope: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  },
);
