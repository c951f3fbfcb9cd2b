/**
 * Where `gradscope run`'s start-up goes, phase by phase, printed as JSON: run (by startup.ts) as a
 * bundle of its own built the way the command's is (bin/cli-bundle.mjs), in a plain `node` without
 * tsx, so each phase costs what it costs the command. The first phase counts from the process's
 * start: Node's own start and the evaluation of every module below, Pyodide's JavaScript included.
 */
import { loadPyodide } from 'pyodide';
import { createEngineModule } from '../engine/python/bridge.ts';
import { createPythonSession, type LoadPyodide } from '../engine/python/session.ts';
import { nodeSnapshots } from '../engine/python/snapshot-cache-node.ts';
import { readPythonSources } from '../engine/python/sources-node.ts';

interface Timed {
  readonly wall: number;
  readonly cpu: number;
}

const phases: Record<string, Timed> = {};
// Both clocks start with the process: performance.now() and process.cpuUsage() count from there.
let last = { wall: 0, cpu: { user: 0, system: 0 } };
const lap = (name: string): void => {
  const now = { wall: performance.now(), cpu: process.cpuUsage() };
  const cpu = process.cpuUsage(last.cpu);
  phases[name] = { wall: now.wall - last.wall, cpu: (cpu.user + cpu.system) / 1000 };
  last = now;
};

lap('Node and our modules (bundled, as the command runs them)');
// As the CLI starts it: from the snapshot on disk (torch imported) when there is one.
const session = await createPythonSession({
  loadPyodide: (options) =>
    (loadPyodide as unknown as LoadPyodide)(options).then((pyodide) => {
      lap('Pyodide (snapshot restore, or fresh start)');
      return pyodide;
    }),
  snapshots: nodeSnapshots(),
  sources: readPythonSources(),
  stdout: () => {},
  stderr: () => {},
  engineModule: createEngineModule(),
});
lap('our sources and import-time engine calls (or, fresh, import torch and the snapshot)');
session.run('import torch', 'hello.py');
lap('import torch');
session.run('print("hello")', 'hello.py');
lap('hello.py');
process.stdout.write(JSON.stringify(phases));
