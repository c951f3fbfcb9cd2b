/**
 * A Python session: Pyodide with Gradscope's `torch` package installed over the engine, one shared
 * namespace, and a `run` that reports errors with the user's own line numbers. Used by the web
 * worker and by the CLI, so both run the same Python the same way.
 */
import type { PyodideAPI } from 'pyodide';
import type { PythonError } from '../worker/protocol.ts';
import { setInterruptCheck } from '../interrupt.ts';
import { PACKAGE_ROOT, sessionSnapshot } from './session-snapshot.ts';
import { snapshotLoader, type SnapshotLoaderOptions } from './snapshot-loader.ts';

export type LoadPyodide = (options: Record<string, unknown>) => Promise<PyodideAPI>;

export interface SessionOptions {
  readonly loadPyodide: LoadPyodide;
  /** Where Pyodide's files are (a URL in the browser, a folder in Node); default: next to pyodide.mjs. */
  readonly indexURL?: string;
  /** Python sources by path relative to engine/python/, e.g. `torch/__init__.py`. */
  readonly sources: Readonly<Record<string, string>>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The object Python imports as `_gradscope_engine` (see bridge.ts). */
  readonly engineModule: object;
  /**
   * Node only: a host folder that Python sees at the same path and starts in, so `open()`,
   * `torch.save` and `torch.load` reach real files (the CLI passes its working directory).
   */
  readonly workingDirectory?: string;
  /**
   * Where the memory snapshot of a started session (Python with `torch` imported) is kept, so that
   * later starts restore it instead; without, every start imports torch afresh.
   */
  readonly snapshots?: Omit<SnapshotLoaderOptions, 'contents'>;
}

export interface RunOutcome {
  readonly ok: boolean;
  readonly error?: PythonError;
}

export interface PythonSession {
  readonly pythonVersion: string;
  /** Runs code in the shared namespace; `filename` is what tracebacks call it. */
  run(code: string, filename: string): RunOutcome;
  /**
   * Runs Gradscope's own code around a cell (not the user's). It always runs to the end: a Stop that
   * lands in it is kept for the user's code, which runs next, instead of being swallowed here.
   */
  runOwn(code: string, filename: string): void;
  /** (filename, line) of the user's innermost frame running now, or undefined. */
  currentLocation(): { file: string; line: number } | undefined;
  /** Tensors bound to top-level names, for labelling the graph. */
  namedTensors(): Array<{ name: string; tensor: unknown }>;
  setInterruptBuffer(buffer: Int32Array): void;
  reset(): void;
  /**
   * Gradchecks the small custom Function nodes the last recorded run made, into the active recorder;
   * returns how many. `skip`: the run was stopped, so only forget them.
   */
  checkCustomNodes(skip?: boolean): number;
  /** Gradchecks one custom Function node made in a recorded run, into the active recorder; false when unknown. */
  checkCustomNode(nodeId: number): boolean;
}

/** What Stop writes into the interrupt buffer: Pyodide raises KeyboardInterrupt when it sees it. */
const SIGINT = 2;

/** A stdout/stderr writer that decodes UTF-8 bytes as they come, keeping split characters whole. */
function byteWriter(sink: (text: string) => void): { write(buffer: Uint8Array): number; isatty: boolean } {
  const decoder = new TextDecoder('utf-8');
  return {
    isatty: false,
    write(buffer: Uint8Array): number {
      const text = decoder.decode(buffer, { stream: true });
      if (text) sink(text);
      return buffer.length;
    },
  };
}

/** Pyodide with Gradscope's package installed and torch imported: from the kept snapshot when there is one. */
async function startPython(options: SessionOptions): Promise<PyodideAPI> {
  const contents = sessionSnapshot(options.sources, options.engineModule);
  const loadOptions = { ...(options.indexURL ? { indexURL: options.indexURL } : {}), fullStdLib: false };
  if (options.snapshots) return snapshotLoader(options.loadPyodide, { ...options.snapshots, contents })(loadOptions);
  const pyodide = await options.loadPyodide(loadOptions);
  contents.prepare(pyodide);
  return pyodide;
}

export async function createPythonSession(options: SessionOptions): Promise<PythonSession> {
  const pyodide = await startPython(options);
  pyodide.setStdout(byteWriter(options.stdout));
  pyodide.setStderr(byteWriter(options.stderr));
  // After the snapshot: the host's folder differs from run to run.
  if (options.workingDirectory) mountHostFolder(pyodide, options.workingDirectory);
  const runner = pyodide.pyimport('gradscope_runner');
  // Asked once per recorded event: the function is looked up once, and its answer is a number
  // (a file's number and the line, see gradscope_runner.current_location), so no proxy is made per call.
  const locationCode = runner.current_location as () => number;
  const LINES = 1 << 20;
  const numberedFiles: string[] = [];
  const pythonVersion = String(pyodide.runPython('import sys; sys.version.split()[0]'));
  let interruptBuffer: Int32Array | undefined;

  function run(code: string, filename: string): RunOutcome {
    const result = runner.run(code, filename);
    if (result === undefined || result === null) return { ok: true };
    const [ename, evalue, traceback, line] = result.toJs() as [string, string, string, number | undefined];
    result.destroy();
    return { ok: false, error: { ename, evalue, traceback, ...(line ? { line } : {}) } };
  }

  return {
    pythonVersion,
    run,
    runOwn(code, filename) {
      let outcome = run(code, filename);
      if (outcome.error?.ename === 'KeyboardInterrupt') {
        // Pyodide cleared the buffer when it raised; run again undisturbed, then press Stop again.
        outcome = run(code, filename);
        if (interruptBuffer) Atomics.store(interruptBuffer, 0, SIGINT);
      }
      if (!outcome.ok) throw new Error(`Gradscope's own Python (${filename}) failed: ${outcome.error?.traceback ?? ''}`);
    },
    currentLocation() {
      const code = locationCode();
      if (code < 0) return undefined;
      const number = Math.floor(code / LINES);
      while (numberedFiles.length <= number) numberedFiles.push(String(runner.location_file(numberedFiles.length)));
      return { file: numberedFiles[number], line: code % LINES };
    },
    namedTensors() {
      const pairs = runner.named_tensors();
      const list = pairs.toJs({ depth: 2 }) as Array<[string, unknown]>;
      pairs.destroy();
      return list.map(([name, tensor]) => ({ name, tensor }));
    },
    setInterruptBuffer(buffer) {
      interruptBuffer = buffer;
      pyodide.setInterruptBuffer(buffer);
      setInterruptCheck(() => pyodide.checkInterrupt());
    },
    reset() {
      runner.reset();
    },
    checkCustomNodes(skip = false) {
      return Number(runner.check_custom_nodes(skip));
    },
    checkCustomNode(nodeId) {
      return Boolean(runner.check_custom_node(nodeId));
    },
  };
}

function mountHostFolder(pyodide: PyodideAPI, folder: string): void {
  // A folder above Gradscope's own package would hide it (and `/` would hide Python's stdlib).
  if (PACKAGE_ROOT.startsWith(`${folder.replace(/\/$/, '')}/`)) return;
  pyodide.FS.mkdirTree(folder);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: folder }, folder);
  pyodide.runPython(`import os\nos.chdir(${JSON.stringify(folder)})`);
}
