/**
 * The timeline's steps: the trace events a person steps through (forward ops in execution order,
 * then each backward pass's steps). A step is identified by its event seq, as buildGraph takes it.
 */
import type { SourceLocation, TraceEvent } from '../../../engine/trace/schema.ts';
import { leafNodeId, opNodeId } from '../graph/model.ts';
import { tangentGraphNodeId } from '../graph/forward-nodes.ts';
import { handCheckedNodeId, handCheckLabel } from '../graph/hand-checks.ts';

/**
 * `tangent`: forward mode, a tangent travelling forward op by op (torch.autograd.forward_ad,
 * torch.func.jvp). `check`: a backprop exercise's gradscope.check of a hand-written gradient.
 */
export type StepPhase = 'forward' | 'backward' | 'tangent' | 'check';

export interface TimelineStep {
  /** The event seq: buildGraph(events, seq) is the picture at this step. */
  readonly seq: number;
  readonly phase: StepPhase;
  /** The backward pass number (1-based) for backward steps. */
  readonly pass?: number;
  /** Short text for the step, e.g. `MulBackward0` or `backward of MeanBackward0`. */
  readonly label: string;
  /** The graph node the step is about, when there is one. */
  readonly graphNodeId?: string;
  /** The line of code that made the step happen (a forward op's line; for backward, its op's line). */
  readonly loc?: SourceLocation;
  /** The recorded custom-Function frame (`custom-call` id) this step can be entered into. */
  readonly customCallId?: number;
  /** A backward step that raised (`backward-error`). */
  readonly isError?: boolean;
}

/** A run of consecutive steps of one phase (and one pass), for drawing the strip in sections. */
export interface StepSection {
  readonly phase: StepPhase;
  readonly pass?: number;
  readonly firstIndex: number;
  readonly count: number;
}

type OpEvent = Extract<TraceEvent, { kind: 'op' }>;

/** Builds the step list of a trace. Events that only label things (names, run starts) are not steps. */
export function buildSteps(events: readonly TraceEvent[]): TimelineStep[] {
  const builder = createStepsBuilder();
  for (const event of events) builder.add(event);
  return builder.steps;
}

/** The step list grown event by event, so the replay index extends it when a run appends events. */
export interface StepsBuilder {
  /** The steps so far (grows in place). */
  readonly steps: TimelineStep[];
  add(event: TraceEvent): void;
}

export function createStepsBuilder(): StepsBuilder {
  const ops = new Map<number, OpEvent>();
  const leafLocs = new Map<number, SourceLocation>();
  const opByOutputTensor = new Map<number, OpEvent>();
  const steps: TimelineStep[] = [];
  /** Backward frames by `nodeId:pass`: their custom-call comes before the node's backward-step. */
  const backwardCalls = new Map<string, number>();
  const add = (event: TraceEvent): void => {
    switch (event.kind) {
      case 'custom-call':
        if (event.fn === 'backward' && event.nodeId !== undefined) backwardCalls.set(`${event.nodeId}:${event.pass ?? 0}`, event.callId);
        break;
      case 'leaf':
        if (event.loc) leafLocs.set(event.tensor.id, event.loc);
        steps.push({ seq: event.seq, phase: 'forward', label: 'leaf', graphNodeId: leafNodeId(event.tensor.id), ...withLoc(event.loc) });
        break;
      case 'op':
        ops.set(event.nodeId, event);
        opByOutputTensor.set(event.output.id, event);
        steps.push({
          seq: event.seq,
          // An op recorded inside a backward pass (create_graph) belongs to that pass: the second-order layer.
          ...(event.pass === undefined ? { phase: 'forward' as const } : { phase: 'backward' as const, pass: event.pass }),
          label: event.pass === undefined ? event.gradFn : `${event.gradFn} (2nd order)`,
          graphNodeId: opNodeId(event.nodeId),
          ...withLoc(event.loc),
          ...(event.customCall !== undefined && { customCallId: event.customCall }),
        });
        break;
      case 'backward-start': {
        const root = opByOutputTensor.get(event.rootTensorId);
        steps.push({
          seq: event.seq,
          phase: 'backward',
          pass: event.pass,
          label: 'backward()',
          ...(root && { graphNodeId: opNodeId(root.nodeId) }),
          ...withLoc(event.loc),
        });
        break;
      }
      case 'backward-step': {
        const op = ops.get(event.nodeId);
        steps.push({
          seq: event.seq,
          phase: 'backward',
          pass: event.pass,
          label: `backward of ${op?.gradFn ?? `node ${event.nodeId}`}`,
          graphNodeId: opNodeId(event.nodeId),
          ...withLoc(op?.loc),
          ...withCall(backwardCalls.get(`${event.nodeId}:${event.pass}`)),
        });
        break;
      }
      case 'backward-error': {
        const op = ops.get(event.nodeId);
        steps.push({
          seq: event.seq,
          phase: 'backward',
          pass: event.pass,
          label: `error in ${op?.gradFn ?? `node ${event.nodeId}`}`,
          graphNodeId: opNodeId(event.nodeId),
          // Anomalies point at the forward line that made the node; other errors at the user's return line.
          ...withLoc(event.anomaly ? op?.loc : (event.loc ?? op?.loc)),
          ...withCall(backwardCalls.get(`${event.nodeId}:${event.pass}`)),
          isError: true,
        });
        break;
      }
      case 'gradient-sum': {
        const target = event.target;
        const graphNodeId = target.kind === 'leaf' ? leafNodeId(target.tensorId) : target.kind === 'node' ? opNodeId(target.nodeId) : undefined;
        steps.push({
          seq: event.seq,
          phase: 'backward',
          pass: event.pass,
          label: `fan-out sum (${event.contributions.length} gradients)`,
          ...(graphNodeId !== undefined && { graphNodeId }),
        });
        break;
      }
      case 'accumulate':
        steps.push({
          seq: event.seq,
          phase: 'backward',
          pass: event.pass,
          label: 'AccumulateGrad',
          graphNodeId: leafNodeId(event.tensorId),
          ...withLoc(leafLocs.get(event.tensorId)),
        });
        break;
      case 'tangent':
        steps.push({
          seq: event.seq,
          phase: 'tangent',
          ...(event.pass !== undefined && { pass: event.pass }),
          label:
            event.op === 'make_dual'
              ? 'make_dual: a tangent starts'
              : `tangent through ${(event.nodeId === undefined ? undefined : ops.get(event.nodeId))?.gradFn ?? event.op}`,
          graphNodeId: tangentGraphNodeId(event),
          ...withLoc(event.loc),
        });
        break;
      case 'hand-gradient': {
        const graphNodeId = handCheckedNodeId(event);
        steps.push({ seq: event.seq, phase: 'check', label: handCheckLabel(event), ...(graphNodeId !== undefined && { graphNodeId }), ...withLoc(event.loc) });
        break;
      }
      case 'backward-end':
        steps.push({ seq: event.seq, phase: 'backward', pass: event.pass, label: 'backward done' });
        break;
      default:
        // name, run-start, saved-freed and kinds added later label the picture; they are not steps.
        break;
    }
  };
  return { steps, add };
}

function withLoc(loc: SourceLocation | undefined): { loc?: SourceLocation } {
  return loc ? { loc } : {};
}

function withCall(callId: number | undefined): { customCallId?: number } {
  return callId === undefined ? {} : { customCallId: callId };
}

/** Consecutive steps grouped by phase and pass: forward, pass 1, forward (next cell), pass 2, ... */
export function stepSections(steps: readonly TimelineStep[]): StepSection[] {
  const sections: StepSection[] = [];
  steps.forEach((step, index) => {
    const last = sections[sections.length - 1];
    if (last && last.phase === step.phase && last.pass === step.pass) {
      sections[sections.length - 1] = { ...last, count: last.count + 1 };
    } else {
      sections.push({ phase: step.phase, ...(step.pass !== undefined && { pass: step.pass }), firstIndex: index, count: 1 });
    }
  });
  return sections;
}

/** Index of the last step whose seq is at most `seq` (-1 before the first step). */
export function stepIndexAt(steps: readonly TimelineStep[], seq: number): number {
  let low = 0;
  let high = steps.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (steps[mid]!.seq <= seq) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
