/**
 * The trace recorder: turns the engine's recording hooks into TraceEvents (plain data with ids,
 * never live objects). Small tensors carry values and PyTorch's text; large ones statistics.
 */
import { AccumulateGrad, type GradNode } from '../autograd/node.ts';
import { formatTensor } from '../format/index.ts';
import type { Tensor } from '../tensor.ts';
import { currentLocation, type Recorder } from './recorder-hooks.ts';
import { SUMMARY_VALUE_LIMIT, type InputRef, type TensorSummary, type TraceEvent } from './schema.ts';

export { getRecorder, recordName, setLocationProvider, setRecorder } from './recorder-hooks.ts';
export type { Recorder } from './recorder-hooks.ts';

/** A tensor as the picture needs it. */
export function summarize(t: Tensor): TensorSummary {
  const base = { id: t.id, shape: [...t.shape], dtype: t.dtype, requiresGrad: t.requiresGrad };
  const n = t.numel();
  const values = t.contiguousValues();
  if (n <= SUMMARY_VALUE_LIMIT) {
    const text = formatTensor({ shape: t.shape, dtype: t.dtype, values, requiresGrad: false, gradFnName: null });
    return { ...base, values: Array.from(values), text };
  }
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { ...base, stats: { min, max, mean: sum / n } };
}

function inputRef([node, outputNr]: [GradNode | null, number]): InputRef {
  if (!node) return { kind: 'none' };
  if (node instanceof AccumulateGrad) return { kind: 'leaf', tensorId: node.variable.id };
  return { kind: 'node', nodeId: node.id, outputNr };
}

export interface TraceRecording {
  readonly recorder: Recorder;
  /** The events not yet drained (a copy; the recording keeps them). */
  events(): TraceEvent[];
  /** Events since the last drain, removed from the recording. */
  drain(): TraceEvent[];
}

export function createTraceRecorder(): TraceRecording {
  let buffer: TraceEvent[] = [];
  let seq = 0;
  let pass = 0;
  const seenLeaves = new Set<number>();
  const names = new Map<number, string>();
  const withLoc = <T extends object>(e: T): T => {
    const loc = currentLocation();
    return loc ? { ...e, loc } : e;
  };
  const push = (e: TraceEvent): void => {
    buffer.push(e);
  };
  const maybe = (t: Tensor | null): TensorSummary | null => (t ? summarize(t) : null);

  const recorder: Recorder = {
    forwardOp(node, op, inputs, output) {
      for (const t of inputs) {
        if (t && t.isLeaf && t.requiresGrad && !seenLeaves.has(t.id)) {
          seenLeaves.add(t.id);
          const name = names.get(t.id);
          push(withLoc({ kind: 'leaf', seq: seq++, tensor: summarize(t), ...(name ? { name } : {}) }));
        }
      }
      push(
        withLoc({
          kind: 'op',
          seq: seq++,
          nodeId: node.id,
          op,
          gradFn: node.className(),
          inputs: node.nextFunctions.map(inputRef),
          output: summarize(output),
        }),
      );
    },
    backwardStart(root, retainGraph, createGraph) {
      pass++;
      push(withLoc({ kind: 'backward-start', seq: seq++, pass, rootTensorId: root.id, retainGraph, createGraph }));
    },
    backwardStep(node, gradsIn, gradsOut) {
      push({ kind: 'backward-step', seq: seq++, pass, nodeId: node.id, gradsIn: gradsIn.map(maybe), gradsOut: gradsOut.map(maybe) });
    },
    accumulate(tensor, before, added, after) {
      push({ kind: 'accumulate', seq: seq++, pass, tensorId: tensor.id, before: maybe(before), added: summarize(added), after: summarize(after) });
    },
    backwardEnd() {
      push({ kind: 'backward-end', seq: seq++, pass });
    },
    savedFreed(nodes) {
      push({ kind: 'saved-freed', seq: seq++, nodeIds: nodes.map((n) => n.id) });
    },
    name(tensor, name) {
      if (names.get(tensor.id) === name) return;
      names.set(tensor.id, name);
      push({ kind: 'name', seq: seq++, tensorId: tensor.id, name });
    },
  };

  return {
    recorder,
    events() {
      return [...buffer];
    },
    drain() {
      const out = buffer;
      buffer = [];
      return out;
    },
  };
}
