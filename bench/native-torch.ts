/**
 * Native PyTorch (Debian's python3-torch, for /usr/bin/python3) as a long-lived peer process that
 * runs the same Python workload file as our Pyodide session, one JSON request per line, so native
 * samples interleave with ours in one run.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const NATIVE_PYTHON = '/usr/bin/python3';

export interface NativeTorch {
  readonly version: string;
  /** Sends one request and waits for its answer. */
  ask<T>(request: Record<string, unknown>): Promise<T>;
  close(): void;
}

/** Whether /usr/bin/python3 can import torch; the bench's native column says "not installed" otherwise. */
export function nativeTorchInstalled(): boolean {
  const probe = spawnSync(NATIVE_PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
  return probe.status === 0;
}

/** Starts `/usr/bin/python3 <script> --serve` (script relative to bench/python/). */
export async function startNativeTorch(script: string): Promise<NativeTorch> {
  const path = fileURLToPath(new URL(`./python/${script}`, import.meta.url));
  const child: ChildProcessWithoutNullStreams = spawn(NATIVE_PYTHON, [path, '--serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    const line = await lines.next();
    if (line.done) throw new Error(`native PyTorch (${script}) exited`);
    return JSON.parse(line.value) as unknown;
  };
  const ready = (await next()) as { ready: string };
  return {
    version: ready.ready,
    async ask<T>(request: Record<string, unknown>): Promise<T> {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      return (await next()) as T;
    },
    close() {
      child.stdin.end();
    },
  };
}
