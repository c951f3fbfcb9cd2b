/**
 * The Python session of a test process: Pyodide with Gradscope's torch, booted once (seconds of CPU:
 * Python's start, restored from the memory snapshot the CLI keeps, then the torch package's import)
 * and handed to every describe block and file that asks for it in that process, each time with a
 * fresh namespace and torch's switches as a fresh process has them (`reset`), printing into the
 * asker's own buffers.
 */
import { loadPyodide } from 'pyodide';
import { createPythonSession, type LoadPyodide, type PythonSession, type RunOutcome } from '../python/session.ts';
import { readPythonSources } from '../python/sources-node.ts';
import { nodeSnapshots } from '../python/snapshot-cache-node.ts';
import { createEngineModule } from '../python/bridge.ts';
import { setInterruptCheck } from '../interrupt.ts';

export interface CapturedRun extends RunOutcome {
  readonly stdout: string;
  readonly stderr: string;
}

export interface TestSession {
  run(code: string, filename?: string): CapturedRun;
  readonly session: PythonSession;
}

/** Where the session's output goes: the file using the session now. */
export interface OutputSinks {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

let sinks: OutputSinks = { stdout: () => {}, stderr: () => {} };
let booted: Promise<PythonSession> | undefined;

function bootSession(): Promise<PythonSession> {
  return createPythonSession({
    loadPyodide: loadPyodide as unknown as LoadPyodide,
    snapshots: nodeSnapshots(),
    sources: readPythonSources(),
    stdout: (text) => sinks.stdout(text),
    stderr: (text) => sinks.stderr(text),
    engineModule: createEngineModule(),
  });
}

/**
 * This worker's session, printing into `output` from now on, with a fresh namespace and no Stop
 * armed (a file that installed an interrupt buffer leaves none behind for the next).
 */
export async function sharedPythonSession(output: OutputSinks): Promise<PythonSession> {
  booted ??= bootSession();
  const session = await booted;
  sinks = output;
  session.setInterruptBuffer(new Int32Array(new SharedArrayBuffer(4)));
  setInterruptCheck(null);
  session.reset();
  return session;
}

/** The shared session with its output captured per `run`; each `run` starts from a fresh namespace. */
export async function startTestSession(): Promise<TestSession> {
  let stdout = '';
  let stderr = '';
  const output: OutputSinks = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const session = await sharedPythonSession(output);
  return {
    session,
    run(code, filename = 'program.py') {
      stdout = '';
      stderr = '';
      sinks = output;
      session.reset();
      const outcome = session.run(code, filename);
      return { ...outcome, stdout, stderr };
    },
  };
}
