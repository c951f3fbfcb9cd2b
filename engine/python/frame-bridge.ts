/**
 * What the Python layer calls to put a custom Function's own frames (its forward/backward, line by
 * line, with locals) and the gradchecks of its nodes into the trace. Python sends values shaped
 * like PyValue but holding live engine tensors; they become summaries here, so the trace stays data.
 */
import type { GradcheckResult, JacobianCheck, JacobianMismatch } from '../autograd/gradcheck.ts';
import { fromArray } from '../creation.ts';
import { Tensor } from '../tensor.ts';
import { cellForFile, getRecorder } from '../trace/recorder-hooks.ts';
import type { JacobianPair, LocalValue, PyValue, SourceLocation, TensorSummary } from '../trace/schema.ts';
import { summarize, summarizeKeepingValues } from '../trace/summarize.ts';

/** Jacobians are drawn as heatmaps: keep their values well past a tensor summary's limit. */
const JACOBIAN_VALUE_LIMIT = 4096;

/** Whether a trace recorder listens (Python records custom frames only then). */
export const isRecording = (): boolean => getRecorder() !== null;

export function locationOf(file: string, line: number): SourceLocation | undefined {
  const cell = cellForFile(file);
  return cell === undefined ? undefined : { cell, line };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A value from Python (PyValue with `tensor` holding an engine Tensor) as trace data. */
export function toPyValue(raw: unknown): PyValue {
  if (!isRecord(raw)) return { kind: 'other', type: typeof raw, text: String(raw) };
  switch (raw.kind) {
    case 'tensor':
      return raw.tensor instanceof Tensor ? { kind: 'tensor', tensor: summarize(raw.tensor) } : { kind: 'none' };
    case 'none':
      return { kind: 'none' };
    case 'scalar':
      return { kind: 'scalar', text: String(raw.text) };
    case 'tuple':
    case 'list':
      return { kind: raw.kind, items: Array.isArray(raw.items) ? raw.items.map(toPyValue) : [] };
    case 'ctx':
      return {
        kind: 'ctx',
        attrs: toLocals(raw.attrs),
        savedTensors: Array.isArray(raw.savedTensors) ? raw.savedTensors.map(toPyValue) : [],
        needsInputGrad: Array.isArray(raw.needsInputGrad) ? raw.needsInputGrad.map(Boolean) : [],
      };
    default:
      return { kind: 'other', type: String(raw.type ?? '?'), text: String(raw.text ?? '') };
  }
}

/** `[{name, value}]` from Python as LocalValues. */
export function toLocals(raw: unknown): LocalValue[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((entry) => ({ name: String(entry.name), value: toPyValue(entry.value) }));
}

/** The user's forward/backward starts at `file:line` (its `def`); -1 when it is not recorded. */
export function recordCustomCall(fn: string, functionName: string, nodeId: number | null | undefined, file: string, line: number): number {
  const recorder = getRecorder();
  const loc = locationOf(file, line);
  if (!recorder || !loc) return -1;
  return recorder.customCall(fn === 'backward' ? 'backward' : 'forward', functionName, nodeId ?? undefined, loc);
}

export function recordCustomLine(callId: number, file: string, line: number, locals: unknown): void {
  const loc = locationOf(file, line);
  if (loc) getRecorder()?.customLine(callId, loc, toLocals(locals));
}

/** The frame returned `value` (a raw PyValue) or raised `error` (`Type: text`). */
export function recordCustomReturn(callId: number, file: string, line: number, locals: unknown, value: unknown, error: string | null | undefined): void {
  const loc = locationOf(file, line);
  if (!loc) return;
  const returned = value === null || value === undefined ? undefined : toPyValue(value);
  getRecorder()?.customReturn(callId, loc, toLocals(locals), returned, error ?? undefined);
}

/** A Jacobian ([input element][output element]) as a summary that keeps its values for the heatmap. */
function jacobianSummary(rows: readonly (readonly number[])[], columns: number): TensorSummary {
  return summarizeKeepingValues(fromArray(rows.flat(), [rows.length, columns], 'float64'), JACOBIAN_VALUE_LIMIT);
}

/** Each checked (output, input) pair, with PyTorch's numbering: the input among those that require grad. */
export function jacobianPairs(result: GradcheckResult): JacobianPair[] {
  return result.jacobians.map((check: JacobianCheck) => {
    const columns = check.numerical[0]?.length ?? check.analytical[0]?.length ?? 0;
    const mismatches = result.mismatches
      .filter((m: JacobianMismatch) => m.output === check.output && m.input === check.input)
      .map((m) => [m.inputIndex, m.outputIndex] as const);
    return {
      inputIndex: check.wrtInput,
      outputIndex: check.output,
      analytical: jacobianSummary(check.analytical, columns),
      numerical: jacobianSummary(check.numerical, columns),
      mismatches,
    };
  });
}

/** The gradcheck of custom node `nodeId` into the trace; `message` is gradcheck's text when it failed. */
export function recordGradcheck(nodeId: number, result: GradcheckResult | null | undefined, message: string | null | undefined): void {
  const pairs = result ? jacobianPairs(result) : [];
  const ok = result ? result.ok : false;
  getRecorder()?.gradcheck(nodeId, ok, pairs, message ?? undefined);
}
