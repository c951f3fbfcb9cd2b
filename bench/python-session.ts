/**
 * One Pyodide session with Gradscope's torch and the bench's Python workloads, as the CLI starts
 * one (engine/test/python-session.ts), plus a way to get a value back: Python prints JSON.
 */
import { readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';
import { createEngineModule } from '../engine/python/bridge.ts';
import { createPythonSession, type LoadPyodide, type PythonSession } from '../engine/python/session.ts';
import { readPythonSources } from '../engine/python/sources-node.ts';
import { nodeSnapshots } from '../engine/python/snapshot-cache-node.ts';

export interface BenchPython {
  /** Runs Python statements in the shared namespace; throws with Python's traceback on error. */
  exec(code: string): void;
  /** Evaluates a Python expression that returns a JSON string, and parses it. */
  json<T>(expression: string): T;
  readonly loadMs: number;
  readonly pythonVersion: string;
  /** The session itself, for workloads that record cells as the worker does. */
  readonly session: PythonSession;
}

const WORKLOADS = readFileSync(new URL('./python/bench_workloads.py', import.meta.url), 'utf8');

export async function startBenchPython(): Promise<BenchPython> {
  // Python's output is captured while json() evaluates, else passed through (to stderr, keeping stdout for the table).
  let stdout: string | null = null;
  const start = performance.now();
  const session = await createPythonSession({
    loadPyodide: loadPyodide as unknown as LoadPyodide,
    sources: { ...readPythonSources(), 'bench_workloads.py': WORKLOADS },
    stdout: (text) => {
      if (stdout === null) process.stderr.write(text);
      else stdout += text;
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    engineModule: createEngineModule(),
    // As `gradscope run` starts: from the kept memory snapshot (torch imported) when there is one.
    snapshots: nodeSnapshots(),
  });
  const loadMs = performance.now() - start;
  const exec = (code: string): void => {
    const outcome = session.run(code, 'bench.py');
    if (!outcome.ok) throw new Error(`Python failed:\n${outcome.error?.traceback ?? outcome.error?.evalue}`);
  };
  exec('import bench_workloads as bw');
  return {
    exec,
    json<T>(expression: string): T {
      stdout = '';
      try {
        exec(`print(${expression})`);
        return JSON.parse(stdout) as T;
      } finally {
        stdout = null;
      }
    },
    loadMs,
    pythonVersion: session.pythonVersion,
    session,
  };
}

/** float32 values as base64, for a Python string literal. */
export const base64Floats = (values: Float32Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
