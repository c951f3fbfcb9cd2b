/**
 * Records every example notebook's graph: runs its code cells on Gradscope's engine in Node, as the
 * app's Run all would, and writes the compacted trace (and the cell ids it refers to) into the
 * example's JSON with what each cell printed, so an example opens with its graph drawn and its
 * output under each cell, and nothing running.
 *
 *   npx tsx scripts/examples/record-traces.ts                          # every example
 *   npx tsx scripts/examples/record-traces.ts forward-vs-reverse.json  # only these
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { createEngineModule } from '../../engine/python/bridge.ts';
import { createPythonSession, type LoadPyodide } from '../../engine/python/session.ts';
import { readPythonSources } from '../../engine/python/sources-node.ts';
import { compactTrace, DEFAULT_KEEP_PASSES } from '../../engine/trace/compact.ts';
import { TRACE_VERSION, type TraceEvent } from '../../engine/trace/schema.ts';
import type { SnapshotOutput } from '../../engine/trace/snapshot.ts';
import { createSessionRecording } from '../../engine/worker/cell-recorder.ts';

/** Examples with at most this many backward passes are recorded with all of them in detail. */
const FULL_PASSES_UP_TO = 12;
const EXAMPLES = fileURLToPath(new URL('../../public/examples/', import.meta.url));

interface ExampleJson {
  cells: { id?: string; kind: 'code' | 'markdown'; source: string; outputs?: SnapshotOutput[] }[];
  trace?: { version: number; events: TraceEvent[] };
  [key: string]: unknown;
}

/** What the cell being recorded has printed so far, in order, adjacent text of one stream joined. */
let printed: SnapshotOutput[] = [];
const print = (stream: 'stdout' | 'stderr', text: string): void => {
  const last = printed[printed.length - 1];
  if (last?.kind === 'stream' && last.stream === stream) printed[printed.length - 1] = { ...last, text: last.text + text };
  else printed.push({ kind: 'stream', stream, text });
};
const session = await createPythonSession({
  loadPyodide: loadPyodide as unknown as LoadPyodide,
  sources: readPythonSources(),
  stdout: (text) => print('stdout', text),
  stderr: (text) => print('stderr', text),
  engineModule: createEngineModule(),
});

const index = JSON.parse(readFileSync(`${EXAMPLES}index.json`, 'utf8')) as { examples: { file: string }[] };
const only = new Set(process.argv.slice(2));
for (const { file } of index.examples.filter((entry) => only.size === 0 || only.has(entry.file))) {
  const path = `${EXAMPLES}${file}`;
  const example = JSON.parse(readFileSync(path, 'utf8')) as ExampleJson;
  session.reset();
  const recording = createSessionRecording(session);
  const events: TraceEvent[] = [];
  const outputs = new Map<string, SnapshotOutput[]>();
  example.cells = example.cells.map((cell, position) => ({ ...cell, id: `cell-${position + 1}` }));
  for (const [position, cell] of example.cells.entries()) {
    if (cell.kind !== 'code') continue;
    const label = `Cell ${position + 1}`;
    printed = [];
    const { result, events: added } = recording.record(cell.id!, label, () => session.run(cell.source, label));
    if (!result.ok) throw new Error(`${file} ${label} failed:\n${result.error?.traceback ?? ''}`);
    events.push(...added);
    outputs.set(cell.id!, printed);
  }
  // A short example keeps every pass: gradcheck's own backward passes must not push the node it
  // failed on out of the picture. Long loops keep the last few, as the app does.
  const passes = events.filter((event) => event.kind === 'backward-start').length;
  example.trace = { version: TRACE_VERSION, events: compactTrace(events, passes <= FULL_PASSES_UP_TO ? passes : DEFAULT_KEEP_PASSES) as TraceEvent[] };
  // Key order: cells' id first reads better in the file.
  example.cells = example.cells.map(({ id, kind, source }) => {
    const printedByCell = outputs.get(id!) ?? [];
    return { id: id!, kind, source, ...(printedByCell.length > 0 ? { outputs: printedByCell } : {}) };
  });
  writeFileSync(path, `${JSON.stringify(example, null, 2)}\n`);
  console.log(`${file}: ${example.trace.events.length} events, ${Math.round(readFileSync(path).length / 1024)} KB`);
}
