/** One Pyodide session with Gradscope's torch, shared by a test file, capturing what Python prints. */
import { loadPyodide } from 'pyodide';
import { createPythonSession, type LoadPyodide, type PythonSession, type RunOutcome } from '../python/session.ts';
import { readPythonSources } from '../python/sources-node.ts';
import { createEngineModule } from '../python/bridge.ts';

export interface CapturedRun extends RunOutcome {
  readonly stdout: string;
  readonly stderr: string;
}

export interface TestSession {
  run(code: string, filename?: string): CapturedRun;
  readonly session: PythonSession;
}

export async function startTestSession(): Promise<TestSession> {
  let stdout = '';
  let stderr = '';
  const session = await createPythonSession({
    loadPyodide: loadPyodide as unknown as LoadPyodide,
    sources: readPythonSources(),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    engineModule: createEngineModule(),
  });
  return {
    session,
    run(code, filename = 'program.py') {
      stdout = '';
      stderr = '';
      session.reset();
      const outcome = session.run(code, filename);
      return { ...outcome, stdout, stderr };
    },
  };
}
