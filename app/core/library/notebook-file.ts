/**
 * The notebook file format of public/examples/ (and what "open as a new notebook" takes): plain JSON
 * with a format tag and version, cells as `{kind, source}`. Validated here, so a broken file is a
 * message rather than a half-made notebook.
 */
import { buildSnapshot, loadSnapshot, type SnapshotOutput } from '../../../engine/trace/snapshot.ts';
import type { TraceEvent } from '../../../engine/trace/schema.ts';
import type { CellKind } from '../notebook/notebook-state.ts';

export const NOTEBOOK_FILE_FORMAT = 'gradscope-notebook';
export const NOTEBOOK_FILE_VERSION = 1;
export const EXAMPLE_INDEX_FORMAT = 'gradscope-examples';

export interface NotebookFile {
  readonly format: typeof NOTEBOOK_FILE_FORMAT;
  readonly version: number;
  readonly title: string;
  readonly description?: string;
  /** Cell ids are kept when the file has a recorded trace: its events name the cells they ran in. */
  readonly cells: readonly { readonly id?: string; readonly kind: CellKind; readonly source: string; readonly outputs?: readonly SnapshotOutput[] }[];
  /** The graph as recorded by scripts/examples/record-traces.ts, so the notebook opens with it drawn. */
  readonly events?: readonly TraceEvent[];
}

export interface ExampleEntry {
  /** File name inside /examples/. */
  readonly file: string;
  readonly title: string;
  readonly description: string;
}

const CELL_ID = /^cell-\d{1,6}$/;

type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a cell printed when the file was recorded (scripts/examples/record-traces.ts): text streams only. */
function recordedOutputs(value: unknown): SnapshotOutput[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): SnapshotOutput[] =>
    isObject(item) && item.kind === 'stream' && (item.stream === 'stdout' || item.stream === 'stderr') && typeof item.text === 'string'
      ? [{ kind: 'stream', stream: item.stream, text: item.text }]
      : [],
  );
}

export function readNotebookFile(json: unknown): Result<NotebookFile> {
  if (!isObject(json) || json.format !== NOTEBOOK_FILE_FORMAT) return { ok: false, message: 'Not a Gradscope notebook file.' };
  if (typeof json.version !== 'number' || json.version > NOTEBOOK_FILE_VERSION) {
    return { ok: false, message: `This notebook file is from a newer Gradscope (version ${String(json.version)}).` };
  }
  if (typeof json.title !== 'string' || !Array.isArray(json.cells)) return { ok: false, message: 'The notebook file has no title or no cells.' };
  const cells: { id?: string; kind: CellKind; source: string; outputs?: readonly SnapshotOutput[] }[] = [];
  for (const [index, cell] of json.cells.entries()) {
    if (!isObject(cell) || typeof cell.source !== 'string' || (cell.kind !== 'code' && cell.kind !== 'markdown')) {
      return { ok: false, message: `Cell ${index + 1} of the notebook file is not a code or markdown cell.` };
    }
    const outputs = recordedOutputs(cell.outputs);
    cells.push({
      ...(typeof cell.id === 'string' && CELL_ID.test(cell.id) ? { id: cell.id } : {}),
      kind: cell.kind,
      source: cell.source,
      ...(outputs.length > 0 ? { outputs } : {}),
    });
  }
  const ids = cells.map((cell) => cell.id);
  const hasUsableIds = ids.every((id) => id !== undefined) && new Set(ids).size === ids.length;
  // The trace is checked exactly as a snapshot's is; an example with a bad trace still opens, without its graph.
  let events: readonly TraceEvent[] | undefined;
  if (hasUsableIds && isObject(json.trace)) {
    const checked = loadSnapshot({ ...buildSnapshot([], []), cells: cells.map(({ id, source }) => ({ id, source })), trace: json.trace });
    if (checked.ok) events = checked.snapshot.trace.events;
  }
  return {
    ok: true,
    value: {
      format: NOTEBOOK_FILE_FORMAT,
      version: json.version,
      title: json.title,
      ...(typeof json.description === 'string' ? { description: json.description } : {}),
      cells: hasUsableIds ? cells : cells.map(({ id: _id, ...cell }) => cell),
      ...(events ? { events } : {}),
    },
  };
}

/** File names are plain names in the examples folder: an index cannot point elsewhere. */
const EXAMPLE_FILE_NAME = /^[a-z0-9][a-z0-9-]*\.json$/;

export function readExampleIndex(json: unknown): Result<readonly ExampleEntry[]> {
  if (!isObject(json) || json.format !== EXAMPLE_INDEX_FORMAT || !Array.isArray(json.examples)) return { ok: false, message: 'The examples index is damaged.' };
  const entries: ExampleEntry[] = [];
  for (const entry of json.examples) {
    if (!isObject(entry) || typeof entry.file !== 'string' || !EXAMPLE_FILE_NAME.test(entry.file) || typeof entry.title !== 'string') continue;
    entries.push({ file: entry.file, title: entry.title, description: typeof entry.description === 'string' ? entry.description : '' });
  }
  return { ok: true, value: entries };
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} could not be loaded (${response.status}).`);
  return response.json();
}

export async function loadExampleIndex(base = '/examples/'): Promise<Result<readonly ExampleEntry[]>> {
  try {
    return readExampleIndex(await fetchJson(`${base}index.json`));
  } catch (error) {
    return { ok: false, message: `The examples could not be loaded: ${(error as Error).message}` };
  }
}

export async function loadExample(entry: ExampleEntry, base = '/examples/'): Promise<Result<NotebookFile>> {
  try {
    return readNotebookFile(await fetchJson(`${base}${entry.file}`));
  } catch (error) {
    return { ok: false, message: `The example could not be loaded: ${(error as Error).message}` };
  }
}
