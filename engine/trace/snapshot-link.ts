/**
 * A snapshot packed to travel in a link. Links must stay short (a typical 50-node run fits under
 * 4 KB), so packing drops what the picture never shows and what can be rebuilt on opening:
 * - only the last backward pass keeps its detail (older passes keep their summaries: the loss
 *   chart stays whole), and tensors lose PyTorch's `text`, which repeats their values;
 * - float32 values are written with the fewest digits that read back as the same float32;
 * - an event's `seq` is left out when it is the previous one plus 1;
 * - keys are written as short codes (uppercase, which no real key starts with);
 * - at the `lean` level, backward steps also lose the chain-rule numbers per edge (`edges`,
 *   `formula`); opening rebuilds each edge's input and gradient from the op and `gradsOut`.
 * `unpackLinkDocument` undoes all of it on untrusted JSON (defensively: the schema runs after it).
 */
import { compactTrace } from './compact.ts';
import type { InputRef, TensorSummary } from './schema.ts';
import { buildSnapshot, type Snapshot } from './snapshot.ts';
import { isPlainObject } from './validate.ts';

export type LinkDetail = 'full' | 'lean';

/** Marks a packed document (the key code of `format` is not `format`). */
const LINK_MARK = 'gradscope-link-1';

// Most frequent first: they get one-letter codes. Appending is fine; reordering breaks old links.
const KEYS = [
  'kind',
  'seq',
  'id',
  'shape',
  'dtype',
  'requiresGrad',
  'values',
  'pass',
  'nodeId',
  'tensorId',
  'gradsIn',
  'gradsOut',
  'output',
  'inputs',
  'op',
  'gradFn',
  'loc',
  'cell',
  'line',
  'column',
  'name',
  'outputNr',
  'before',
  'added',
  'after',
  'target',
  'contributions',
  'fromNodeId',
  'sum',
  'edges',
  'index',
  'input',
  'grad',
  'local',
  'product',
  'formula',
  'rule',
  'reduction',
  'dims',
  'fromShape',
  'toShape',
  'text',
  'stats',
  'min',
  'max',
  'mean',
  'format',
  'version',
  'cells',
  'trace',
  'view',
  'source',
  'events',
  'tensor',
  'parameter',
  'moduleScope',
  'path',
  'type',
  'customCall',
  'rootTensorId',
  'retainGraph',
  'createGraph',
  'root',
  'nodeIds',
  'loss',
  'gradNorms',
  'norm',
  'step',
  'selectedNodeId',
  'ename',
  'message',
  'anomaly',
  'callId',
  'fn',
  'functionName',
  'locals',
  'value',
  'error',
  'ok',
  'jacobians',
  'inputIndex',
  'outputIndex',
  'analytical',
  'numerical',
  'mismatches',
  'items',
  'attrs',
  'savedTensors',
  'needsInputGrad',
] as const;
const codeOf = (i: number): string => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
const SHORT = new Map<string, string>(KEYS.map((key, i) => [key, codeOf(i)]));
const LONG = new Map<string, string>(KEYS.map((key, i) => [codeOf(i), key]));

function renameKeys(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, names));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // JSON.parse makes `__proto__` an own key; assigning it would swap the copy's prototype.
    if (key === '__proto__') continue;
    out[names.get(key) ?? key] = renameKeys(child, names);
  }
  return out;
}

/** The shortest decimal that reads back as the same float32. */
function shortFloat32(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  const f = Math.fround(x);
  for (let digits = 1; digits < 10; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return x;
}

const isTensorSummary = (value: Record<string, unknown>): boolean => 'dtype' in value && 'shape' in value && 'requiresGrad' in value;

/** Deep copy without tensor `text`, float32 values shortened. */
function leanTensors(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(leanTensors);
  if (!isPlainObject(value)) return value;
  const tensor = isTensorSummary(value);
  const float32 = tensor && value.dtype === 'float32';
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (tensor && key === 'text') continue;
    if (float32 && key === 'values' && Array.isArray(child)) out[key] = child.map((x) => (typeof x === 'number' ? shortFloat32(x) : x));
    else if (float32 && key === 'stats' && isPlainObject(child))
      out[key] = Object.fromEntries(Object.entries(child).map(([k, x]) => [k, typeof x === 'number' ? shortFloat32(x) : x]));
    else out[key] = leanTensors(child);
  }
  return out;
}

/** The link document of a snapshot (JSON-ready). */
export function packSnapshotForLink(snapshot: Snapshot, detail: LinkDetail): unknown {
  const kept = compactTrace(snapshot.trace.events, 1);
  const keptSeqs = new Set(kept.map((e) => e.seq));
  let previousSeq = Number.NaN;
  const events = kept.map((event) => {
    const lean = leanTensors(event) as Record<string, unknown>;
    if (detail === 'lean' && event.kind === 'backward-step') {
      delete lean.edges;
      delete lean.formula;
    }
    if (event.seq === previousSeq + 1) delete lean.seq;
    previousSeq = event.seq;
    return lean;
  });
  // A saved step that was trimmed away falls back to the end of the trace.
  const { step, selectedNodeId } = snapshot.view;
  const view = { ...(step !== undefined && keptSeqs.has(step) ? { step } : {}), ...(selectedNodeId !== undefined ? { selectedNodeId } : {}) };
  const packed = { ...buildSnapshot(snapshot.cells, [], view), trace: { version: snapshot.trace.version, events } };
  return { link: LINK_MARK, ...(renameKeys(packed, SHORT) as object) };
}

/** Rebuilds a lean backward step's edges as migrate.ts does for v1 traces. */
function restoreEdges(event: Record<string, unknown>, inputsOfNode: ReadonlyMap<unknown, unknown>): void {
  if (event.edges !== undefined || !Array.isArray(event.gradsOut)) return;
  const inputs = inputsOfNode.get(event.nodeId);
  event.edges = event.gradsOut.map((grad: unknown, index) => ({
    index,
    input: (Array.isArray(inputs) ? inputs[index] : undefined) ?? ({ kind: 'none' } satisfies InputRef),
    grad: grad as TensorSummary | null,
  }));
}

/** True when `json` is a packed link document rather than a plain snapshot. */
export const isLinkDocument = (json: unknown): boolean => isPlainObject(json) && json.link === LINK_MARK;

/**
 * A link document back to snapshot JSON, still unchecked (loadSnapshot checks it). Call only on
 * JSON that passed checkJsonLimits: renaming recurses, and the limits bound its depth.
 */
export function unpackLinkDocument(json: unknown): unknown {
  if (!isLinkDocument(json)) return json;
  const { link: _mark, ...rest } = json as Record<string, unknown>;
  const snapshot = renameKeys(rest, LONG);
  if (!isPlainObject(snapshot) || !isPlainObject(snapshot.trace) || !Array.isArray(snapshot.trace.events)) return snapshot;
  let previousSeq = -1;
  const inputsOfNode = new Map<unknown, unknown>();
  for (const event of snapshot.trace.events as unknown[]) {
    if (!isPlainObject(event)) continue;
    if (event.seq === undefined) event.seq = previousSeq + 1;
    if (typeof event.seq === 'number') previousSeq = event.seq;
    if (event.kind === 'op') inputsOfNode.set(event.nodeId, event.inputs);
    if (event.kind === 'backward-step') restoreEdges(event, inputsOfNode);
  }
  return snapshot;
}
