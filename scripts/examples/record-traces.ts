/**
 * Records every example notebook's graph: runs its code cells on Gradscope's engine in Node, as the
 * app's Run all would, and writes the compacted trace (and the cell ids it refers to) into the
 * example's JSON, so an example opens with its graph already drawn and nothing running.
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
import { compactTrace } from '../../engine/trace/compact.ts';
import { TRACE_VERSION, type TraceEvent } from '../../engine/trace/schema.ts';
import { createSessionRecording } from '../../engine/worker/cell-recorder.ts';

const EXAMPLES = fileURLToPath(new URL('../../public/examples/', import.meta.url));

interface ExampleJson {
  cells: { id?: string; kind: 'code' | 'markdown'; source: string }[];
  trace?: { version: number; events: TraceEvent[] };
  [key: string]: unknown;
}

const session = await createPythonSession({
  loadPyodide: loadPyodide as unknown as LoadPyodide,
  sources: readPythonSources(),
  stdout: () => {},
  stderr: (text) => process.stderr.write(text),
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
  example.cells = example.cells.map((cell, position) => ({ ...cell, id: `cell-${position + 1}` }));
  for (const [position, cell] of example.cells.entries()) {
    if (cell.kind !== 'code') continue;
    const label = `Cell ${position + 1}`;
    const { result, events: added } = recording.record(cell.id!, label, () => session.run(cell.source, label));
    if (!result.ok) throw new Error(`${file} ${label} failed:\n${result.error?.traceback ?? ''}`);
    events.push(...added);
  }
  example.trace = { version: TRACE_VERSION, events: compactTrace(events) as TraceEvent[] };
  // Key order: cells' id first reads better in the file.
  example.cells = example.cells.map(({ id, kind, source }) => ({ id: id!, kind, source }));
  writeFileSync(path, `${JSON.stringify(example, null, 2)}\n`);
  console.log(`${file}: ${example.trace.events.length} events, ${Math.round(readFileSync(path).length / 1024)} KB`);
}
