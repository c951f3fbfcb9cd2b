/**
 * The trace recorder: turns the engine's recording hooks into TraceEvents (plain data with ids,
 * never live objects). Small tensors carry values and PyTorch's text; large ones statistics.
 * Adds the chain rule to backward steps, the sums at fan-outs, module scopes, and a summary per
 * backward pass; old passes' detail is compacted away so long loops stay bounded.
 */
import { AccumulateGrad, type GradNode } from '../autograd/node.ts';
import { TorchError } from '../errors.ts';
import type { Tensor } from '../tensor.ts';
import { chainRuleEdges, opFormulaOf, opNameOf } from './chain-rule.ts';
import { compactTrace, DEFAULT_KEEP_PASSES } from './compact.ts';
import { createOmittedCounter, isAlwaysRecorded, MAX_EVENTS_PER_RUN } from './event-budget.ts';
import { currentLocation, currentModuleScope, leafBirthplace, type Recorder } from './recorder-hooks.ts';
import type { GradContribution, GradNorm, InputRef, SourceLocation, TangentTerm, TensorSummary, TraceEvent } from './schema.ts';
import type { TangentTermValues } from './tangent-terms.ts';
import { HAND_GRADIENT_VALUE_LIMIT } from './schema.ts';
import { l2Norm, summarize, summarizeKeepingValues } from './summarize.ts';

export {
  cellForFile,
  pauseRecording,
  resumeRecording,
  setCellResolver,
  enterModuleScope,
  exitModuleScope,
  getRecorder,
  recordName,
  recordParameter,
  resetModuleScope,
  setLocationProvider,
  setRecorder,
} from './recorder-hooks.ts';
export type { Recorder } from './recorder-hooks.ts';
export { summarize } from './summarize.ts';

function inputRef([node, outputNr]: [GradNode | null, number]): InputRef {
  if (!node) return { kind: 'none' };
  if (node instanceof AccumulateGrad) return { kind: 'leaf', tensorId: node.variable.id };
  return { kind: 'node', nodeId: node.id, outputNr };
}

export interface TraceRecording {
  readonly recorder: Recorder;
  /** The events not yet drained (a copy; the recording keeps them). */
  events(): TraceEvent[];
  /** Events since the last drain, removed from the recording (compacted to the last passes). */
  drain(): TraceEvent[];
}

export interface TraceRecorderOptions {
  /** Backward passes kept in full detail; older ones keep only their pass-summary. */
  readonly keepPasses?: number;
  /** Events held in detail per run (between drains); past it, events are only counted (event-budget.ts). */
  readonly maxEvents?: number;
}

type OpEvent = Extract<TraceEvent, { kind: 'op' }>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The gradients a node output received from several backward steps, waiting for its own step. */
interface PendingSum {
  readonly target: InputRef;
  readonly contributions: GradContribution[];
}

export function createTraceRecorder(options: TraceRecorderOptions = {}): TraceRecording {
  const keepPasses = options.keepPasses ?? DEFAULT_KEEP_PASSES;
  const maxEvents = options.maxEvents ?? MAX_EVENTS_PER_RUN;
  let buffer: TraceEvent[] = [];
  const omitted = createOmittedCounter();
  /** Set once a run's buffer reached maxEvents (even after compacting): the run then only counts. */
  let isCounting = false;
  /** Leaves first seen past the bound: counted once, and recorded in full when a later run uses them. */
  const countedLeaves = new Set<number>();
  let fullPassesInBuffer = 0;
  let seq = 0;
  let pass = 0;
  const seenLeaves = new Set<number>();
  const names = new Map<number, string>();
  const parameters = new Map<number, string>();
  // Per pass: the root, contributions at fan-outs (node/leaf key → slot → pending), gradient norms.
  let root: { id: number; loss?: number } | undefined;
  let pending = new Map<GradNode, Map<number, PendingSum>>();
  let gradNorms = new Map<number, GradNorm>();
  // Backward passes running now, innermost last: ops recorded inside one (create_graph) carry it.
  let activePasses: number[] = [];
  // Custom Function frames: which node a backward call ran for, and where that backward returned
  // (a backward-error on the node points at the user's `return` line).
  let nextCallId = 1;
  const backwardCallNode = new Map<number, number>();
  let returnLocOfNode = new Map<number, SourceLocation>();

  const withLoc = <T extends object>(e: T): T => {
    const loc = currentLocation();
    return loc ? { ...e, loc } : e;
  };
  /**
   * Whether the run is past its bound. At the bound old passes are compacted first (a training
   * loop stays in detail); only if that leaves the buffer over three quarters full does the run
   * switch to counting, for the rest of the run.
   */
  const isOverBudget = (): boolean => {
    if (isCounting) return true;
    if (buffer.length < maxEvents) return false;
    buffer = compactTrace(buffer, keepPasses);
    fullPassesInBuffer = Math.min(fullPassesInBuffer, keepPasses);
    isCounting = buffer.length > (maxEvents * 3) / 4;
    return isCounting;
  };
  /** Past the bound: counts the event (and says so) instead of building it. Hot paths ask first. */
  const countsInstead = (kind: TraceEvent['kind'], op?: string, loc?: SourceLocation): boolean => {
    if (isAlwaysRecorded(kind) || !isOverBudget()) return false;
    omitted.count(kind, op, loc);
    return true;
  };
  const push = (e: TraceEvent): void => {
    if (countsInstead(e.kind, e.kind === 'op' ? e.op : undefined, 'loc' in e ? e.loc : undefined)) return;
    buffer.push(e);
  };
  const maybe = (t: Tensor | null): TensorSummary | null => (t ? summarize(t) : null);

  /** Emits the gradient-sum for a node output that more than one step fed, then forgets it. */
  const flushSum = (node: GradNode, slot: number, sum: Tensor | null): void => {
    const slots = pending.get(node);
    const entry = slots?.get(slot);
    if (!entry) return;
    slots!.delete(slot);
    if (entry.contributions.length > 1 && sum) {
      push({ kind: 'gradient-sum', seq: seq++, pass, target: entry.target, contributions: entry.contributions, sum: summarize(sum) });
    }
  };

  const noteContributions = (node: GradNode, gradsOut: readonly (TensorSummary | null)[]): void => {
    node.nextFunctions.forEach(([next, slot], i) => {
      const grad = gradsOut[i];
      if (!next || !grad) return;
      let slots = pending.get(next);
      if (!slots) pending.set(next, (slots = new Map()));
      let entry = slots.get(slot);
      if (!entry) slots.set(slot, (entry = { target: inputRef([next, slot]), contributions: [] }));
      entry.contributions.push({ fromNodeId: node.id, grad });
    });
  };

  const compactIfNeeded = (): void => {
    // Amortized: compact when twice the kept passes have piled up, back down to the kept ones.
    if (fullPassesInBuffer < 2 * keepPasses) return;
    buffer = compactTrace(buffer, keepPasses);
    fullPassesInBuffer = Math.min(fullPassesInBuffer, keepPasses);
  };

  const recorder: Recorder = {
    forwardOp(node, op, inputs, output, customCall) {
      if (isCounting) {
        // Summaries of tensors are most of the recording's cost: past the bound none are made.
        for (const t of inputs) {
          if (!t || !t.isLeaf || !t.requiresGrad || seenLeaves.has(t.id) || countedLeaves.has(t.id)) continue;
          countedLeaves.add(t.id);
          omitted.count('leaf', undefined, undefined);
        }
        omitted.count('op', op, currentLocation());
        return;
      }
      // Asked once per op (it is a call into Python): the op and the leaves it first uses share it.
      const loc = currentLocation();
      for (const t of inputs) {
        if (t && t.isLeaf && t.requiresGrad && !seenLeaves.has(t.id)) {
          seenLeaves.add(t.id);
          const name = names.get(t.id);
          const parameter = parameters.get(t.id);
          const leaf = { kind: 'leaf', seq: seq++, tensor: summarize(t), ...(name ? { name } : {}), ...(parameter ? { parameter } : {}) } as const;
          // A leaf belongs to the line that made it require grad, not to the line that first used it.
          const born = leafBirthplace(t) ?? loc;
          push(born ? { ...leaf, loc: born } : leaf);
        }
      }
      // Built in place, optional fields set only when present: this runs for every recorded op.
      const event: Mutable<OpEvent> = {
        kind: 'op',
        seq: seq++,
        nodeId: node.id,
        op,
        gradFn: node.className(),
        inputs: node.nextFunctions.map(inputRef),
        output: summarize(output),
      };
      const moduleScope = currentModuleScope();
      if (moduleScope.length > 0) event.moduleScope = moduleScope;
      if (activePasses.length > 0) event.pass = activePasses[activePasses.length - 1];
      if (customCall !== undefined) event.customCall = customCall;
      if (loc) event.loc = loc;
      push(event);
    },
    backwardStart(rootTensor, retainGraph, createGraph) {
      pass++;
      activePasses.push(pass);
      pending = new Map();
      gradNorms = new Map();
      root = { id: rootTensor.id, ...(rootTensor.numel() === 1 ? { loss: rootTensor.contiguousValues()[0] } : {}) };
      push(
        withLoc({
          kind: 'backward-start',
          seq: seq++,
          pass,
          rootTensorId: rootTensor.id,
          retainGraph,
          createGraph,
          root: summarize(rootTensor),
        }),
      );
    },
    backwardStep(node, gradsIn, gradsOut) {
      const op = opNameOf(node);
      if (countsInstead('backward-step', op)) return;
      gradsIn.forEach((g, slot) => flushSum(node, slot, g));
      const formula = opFormulaOf(node);
      // Each gradient sent is summarized once: the step, its chain-rule edges and the sum at a
      // fan-out share the summary (the tensor does not change within the step).
      const sent = gradsOut.map(maybe);
      push({
        kind: 'backward-step',
        seq: seq++,
        pass,
        nodeId: node.id,
        gradsIn: gradsIn.map(maybe),
        gradsOut: sent,
        ...(op !== undefined ? { op } : {}),
        ...(formula !== undefined ? { formula } : {}),
        edges: chainRuleEdges(node, gradsIn, gradsOut, sent),
      });
      noteContributions(node, sent);
    },
    hook(node, outputNr, info, before, replacement) {
      // The fan-out's sum is what the hook saw: report it first, before any replacement.
      flushSum(node, outputNr, before);
      push({
        kind: 'hook',
        seq: seq++,
        pass,
        target: inputRef([node, outputNr]),
        name: info.name,
        before: summarize(before),
        ...(replacement ? { after: summarize(replacement) } : {}),
        ...(info.loc ? { loc: info.loc } : {}),
      });
    },
    accumulate(tensor, before, added, after) {
      const name = names.get(tensor.id) ?? parameters.get(tensor.id);
      // The pass summary's gradient norms are kept past the bound too (the loss chart uses them).
      gradNorms.set(tensor.id, { tensorId: tensor.id, ...(name ? { name } : {}), norm: l2Norm(after), valueNorm: l2Norm(tensor) });
      if (countsInstead('accumulate')) return;
      if (tensor.accumulator) flushSum(tensor.accumulator, 0, added);
      push({ kind: 'accumulate', seq: seq++, pass, tensorId: tensor.id, before: maybe(before), added: summarize(added), after: summarize(after) });
    },
    backwardEnd() {
      activePasses.pop();
      push({ kind: 'backward-end', seq: seq++, pass });
      push(
        withLoc({
          kind: 'pass-summary',
          seq: seq++,
          pass,
          rootTensorId: root?.id ?? -1,
          ...(root?.loss !== undefined ? { loss: root.loss } : {}),
          gradNorms: [...gradNorms.values()],
        }),
      );
      pending = new Map();
      fullPassesInBuffer++;
      compactIfNeeded();
    },
    savedFreed(nodes) {
      push({ kind: 'saved-freed', seq: seq++, pass, nodeIds: nodes.map((n) => n.id) });
    },
    name(tensor, name) {
      if (names.get(tensor.id) === name) return;
      names.set(tensor.id, name);
      push({ kind: 'name', seq: seq++, tensorId: tensor.id, name });
    },
    parameter(tensor, path) {
      parameters.set(tensor.id, path);
    },
    backwardError(node, error, anomaly) {
      const { ename, message } = errorText(error);
      const loc = returnLocOfNode.get(node.id);
      returnLocOfNode.delete(node.id);
      push({
        kind: 'backward-error',
        seq: seq++,
        pass: activePasses[activePasses.length - 1] ?? pass,
        nodeId: node.id,
        ename,
        message,
        anomaly,
        ...(loc ? { loc } : {}),
      });
      // The error ends this backward pass (it propagates out of the engine).
      activePasses.pop();
    },
    customCall(fn, functionName, nodeId, loc) {
      const callId = nextCallId++;
      const backwardPass = fn === 'backward' ? activePasses[activePasses.length - 1] : undefined;
      if (fn === 'backward' && nodeId !== undefined) backwardCallNode.set(callId, nodeId);
      push({
        kind: 'custom-call',
        seq: seq++,
        callId,
        fn,
        functionName,
        ...(nodeId !== undefined ? { nodeId } : {}),
        ...(backwardPass !== undefined ? { pass: backwardPass } : {}),
        ...(loc ? { loc } : {}),
      });
      return callId;
    },
    customLine(callId, loc, locals) {
      push({ kind: 'custom-line', seq: seq++, callId, loc, locals });
    },
    customReturn(callId, loc, locals, value, error) {
      const nodeId = backwardCallNode.get(callId);
      if (nodeId !== undefined) {
        backwardCallNode.delete(callId);
        returnLocOfNode.set(nodeId, loc);
      }
      push({
        kind: 'custom-return',
        seq: seq++,
        callId,
        loc,
        locals,
        ...(value !== undefined ? { value } : {}),
        ...(error !== undefined ? { error } : {}),
      });
    },
    tangent(op, inputs, output, tangent, node, terms) {
      push(
        withLoc({
          kind: 'tangent',
          seq: seq++,
          op,
          tensorId: output.id,
          ...(node ? { nodeId: node.id } : {}),
          inputs: inputs.map((t) => (t ? t.id : null)),
          primal: summarize(output),
          tangent: summarize(tangent),
          ...(terms && terms.length > 0 ? { terms: terms.map(summarizeTerm) } : {}),
          ...(activePasses.length > 0 ? { pass: activePasses[activePasses.length - 1] } : {}),
        }),
      );
    },
    handGradient({ name, tensor, mine, autograd, verdict, maxDiff, loc }) {
      const target: InputRef = tensor.gradFn ? { kind: 'node', nodeId: tensor.gradFn.id, outputNr: tensor.outputNr } : { kind: 'leaf', tensorId: tensor.id };
      push({
        kind: 'hand-gradient',
        seq: seq++,
        name,
        tensorId: tensor.id,
        target,
        verdict,
        maxDiff,
        mine: summarizeKeepingValues(mine, HAND_GRADIENT_VALUE_LIMIT),
        autograd: summarizeKeepingValues(autograd, HAND_GRADIENT_VALUE_LIMIT),
        ...(loc ? { loc } : {}),
      });
    },
    gradcheck(nodeId, ok, jacobians, message) {
      push({ kind: 'gradcheck', seq: seq++, nodeId, ok, jacobians, ...(message !== undefined ? { message } : {}) });
    },
  };

  return {
    recorder,
    events() {
      return [...buffer];
    },
    drain() {
      const summary = omitted.take(seq, maxEvents);
      if (summary) {
        seq++;
        buffer.push(summary);
      }
      isCounting = false;
      countedLeaves.clear();
      const out = compactTrace(buffer, keepPasses);
      buffer = [];
      // A run that ended inside a backward (an error in a hook) leaves nothing open for the next.
      activePasses = [];
      backwardCallNode.clear();
      returnLocOfNode = new Map();
      fullPassesInBuffer = 0;
      return out;
    },
  };
}

function summarizeTerm(term: TangentTermValues): TangentTerm {
  return {
    index: term.index,
    tangentIn: summarize(term.tangentIn),
    contribution: term.contribution ? summarize(term.contribution) : null,
    ...(term.local ? { local: summarize(term.local) } : {}),
  };
}

/** PyTorch's exception class and text of a backward failure: the engine's own, or the user's Python exception. */
function errorText(error: unknown): { ename: string; message: string } {
  if (error instanceof TorchError) return { ename: error.pyType, message: error.message };
  const pythonType = (error as { type?: unknown } | null)?.type;
  if (error instanceof Error && typeof pythonType === 'string') {
    // Pyodide's PythonError: the message is the whole traceback, ending in `Type: text`.
    const text = error.message.trimEnd();
    const marker = `\n${pythonType}: `;
    const at = text.lastIndexOf(marker);
    const message = at >= 0 ? text.slice(at + marker.length) : text.endsWith(`\n${pythonType}`) ? '' : text;
    return { ename: pythonType, message };
  }
  if (error instanceof Error) return { ename: error.name, message: error.message };
  return { ename: 'Error', message: String(error) };
}
