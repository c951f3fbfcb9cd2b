/**
 * What `gradscope run FILE.py [--snapshot OUT.json]` does: runs a Python file on Gradscope's engine
 * and Python layer in Node, printing exactly what Python prints. An uncaught exception prints its
 * traceback to stderr and ends with status 1, as `python FILE.py` does. The command (cli.ts) hands
 * it the process's arguments, folder and streams; the tests hand it their own, to run many programs
 * in one process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPyodide } from 'pyodide';
import { createPythonSession, type LoadPyodide } from './python/session.ts';
import { readPythonSources } from './python/sources-node.ts';
import { nodeSnapshots } from './python/snapshot-cache-node.ts';
import { createEngineModule } from './python/bridge.ts';
import { createSessionRecording } from './worker/cell-recorder.ts';
import { buildSnapshot, type SnapshotOutput } from './trace/snapshot.ts';

const USAGE = 'usage: gradscope run FILE.py [--snapshot OUT.json]';

interface CliArgs {
  readonly file: string;
  readonly snapshot?: string;
}

function parseArgs(argv: readonly string[]): CliArgs | string {
  const [command, ...rest] = argv;
  if (command !== 'run') return USAGE;
  let file: string | undefined;
  let snapshot: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--snapshot') snapshot = rest[++i];
    else if (arg.startsWith('--snapshot=')) snapshot = arg.slice('--snapshot='.length);
    else if (!file) file = arg;
    else return USAGE;
  }
  if (!file || (rest.includes('--snapshot') && !snapshot)) return USAGE;
  return snapshot ? { file, snapshot } : { file };
}

/** Where a run reads its files from and writes what it prints. */
export interface RunFileIO {
  /** The working directory: relative paths start here, and Python sees it as its current folder. */
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Runs `gradscope` with these arguments (after the command's name); resolves to the exit status. */
export async function runFile(argv: readonly string[], io: RunFileIO): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`${args}\n`);
    return 2;
  }
  let code: string;
  try {
    code = readFileSync(resolve(io.cwd, args.file), 'utf8');
  } catch {
    io.stderr(`gradscope: can't open file '${args.file}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  // With --snapshot, what the program prints also goes into the snapshot's cell, as the app keeps it.
  const printed: SnapshotOutput[] = [];
  const keep = (stream: 'stdout' | 'stderr', text: string): void => {
    if (!args.snapshot) return;
    const last = printed.at(-1);
    if (last?.kind === 'stream' && last.stream === stream) printed[printed.length - 1] = { ...last, text: last.text + text };
    else printed.push({ kind: 'stream', stream, text });
  };
  const session = await createPythonSession({
    loadPyodide: loadPyodide as unknown as LoadPyodide,
    // Python with torch imported, restored from a snapshot on disk (made by the first run).
    snapshots: nodeSnapshots(),
    sources: readPythonSources(),
    stdout: (text) => {
      keep('stdout', text);
      io.stdout(text);
    },
    stderr: (text) => {
      keep('stderr', text);
      io.stderr(text);
    },
    engineModule: createEngineModule(),
    workingDirectory: io.cwd,
  });
  // torch's switches as a fresh process has them, also when the run shares its process with others.
  session.reset();
  // Recording costs nothing unless a snapshot was asked for.
  const recording = args.snapshot ? createSessionRecording(session) : undefined;
  let outcome;
  if (recording && args.snapshot) {
    const recorded = recording.record('cell-1', args.file, () => session.run(code, args.file));
    outcome = recorded.result;
    const error = outcome.error;
    const outputs: SnapshotOutput[] = error
      ? [...printed, { kind: 'error', ename: error.ename, evalue: error.evalue, traceback: error.traceback, ...(error.line ? { line: error.line } : {}) }]
      : printed;
    writeFileSync(
      resolve(io.cwd, args.snapshot),
      JSON.stringify(buildSnapshot([{ id: 'cell-1', source: code, ...(outputs.length > 0 ? { outputs } : {}) }], recorded.events)),
    );
  } else {
    outcome = session.run(code, args.file);
  }
  if (!outcome.ok && outcome.error) {
    io.stderr(outcome.error.traceback);
    return outcome.error.ename === 'SystemExit' ? Number(outcome.error.evalue) || 0 : 1;
  }
  return 0;
}
