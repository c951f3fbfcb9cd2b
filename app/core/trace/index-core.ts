/**
 * The replay index's data: every fact the app reads about a trace, filed once as the events arrive
 * (append-only), each with the event position at which it became true. Questions "at step k" are
 * then binary searches and filters over these lists, never a replay from event 0.
 */
import type { GradNorm, HandGradientVerdict, InputRef, SourceLocation, TensorSummary, TraceEvent } from '../../../engine/trace/schema.ts';
import { leafNodeId, opNodeId, type GraphEdge, type OpMarks } from '../graph/model.ts';
import { frameKey, groupNodeId } from '../graph/module-groups.ts';
import { createFramesBuilder, type FramesBuilder } from './frame-builder.ts';
import { createStepsBuilder, type StepsBuilder } from './steps.ts';
import { dualSourceOf, forwardNodeEvent, tangentGraphNodeId, tangentOnlyInputs } from '../graph/forward-nodes.ts';
import { handCheckedNodeId, type HandGradientEvent } from '../graph/hand-checks.ts';
import { emptyHistory, record, type History } from './history.ts';

export type OpEvent = Extract<TraceEvent, { kind: 'op' }>;
export type LeafEvent = Extract<TraceEvent, { kind: 'leaf' }>;
export type HookEvent = Extract<TraceEvent, { kind: 'hook' }>;
export type GradcheckEvent = Extract<TraceEvent, { kind: 'gradcheck' }>;
export type PassSummaryEvent = Extract<TraceEvent, { kind: 'pass-summary' }>;

export interface LeafRecord {
  readonly kind: 'leaf';
  readonly id: string;
  readonly tensorId: number;
  /** Seq of the event that introduced the node. */
  readonly seq: number;
  /** Position of that event. */
  readonly createdAt: number;
  readonly summaries: History<TensorSummary>;
  readonly parameters: History<string>;
  readonly grads: History<TensorSummary>;
  /** Forward mode: the tangent it got (make_dual). */
  readonly tangents: History<TensorSummary>;
  /** gradscope.check's verdicts on its hand-written gradient. */
  readonly handChecks: History<HandGradientVerdict>;
}

export interface OpRecord {
  readonly kind: 'op';
  readonly id: string;
  readonly event: OpEvent;
  readonly createdAt: number;
  /** Position of its first backward step (Infinity: none yet). */
  firstBackwardAt: number;
  /** Position of the saved-freed event that freed it (Infinity: kept). */
  freedAt: number;
  /** The output's gradient at each of its backward steps that received one. */
  readonly grads: History<TensorSummary>;
  /** Forward mode: its output's tangent. */
  readonly tangents: History<TensorSummary>;
  /** gradscope.check's verdicts on its output's hand-written gradient. */
  readonly handChecks: History<HandGradientVerdict>;
}

export type NodeRecord = LeafRecord | OpRecord;

/** A backward error as the editor marks it (error-marks.ts), filed with its position. */
export interface ErrorRecord {
  readonly at: number;
  readonly nodeId: number;
  readonly seq: number;
  readonly ename: string;
  readonly message: string;
  readonly anomaly: boolean;
  readonly loc?: SourceLocation;
}

/** Hooks are filed by pass and target (a leaf's `.grad` or a node's output gradient). */
export const hookKey = (pass: number, kind: 'leaf' | 'node', id: number): string => `${pass}:${kind === 'leaf' ? 't' : 'n'}${id}`;

export class IndexCore {
  readonly events: TraceEvent[] = [];
  readonly seqs: number[] = [];
  /** Seqs never decrease (every recorded trace); otherwise graphAt falls back to buildGraph. */
  isOrdered = true;

  // The graph: nodes and edges in creation order, with the position that created them.
  readonly nodes: NodeRecord[] = [];
  readonly nodeCreatedAt: number[] = [];
  readonly leaves = new Map<number, LeafRecord>();
  readonly ops = new Map<number, OpRecord>();
  readonly opByOutputTensor = new Map<number, number>();
  readonly edges: GraphEdge[] = [];
  readonly edgeCreatedAt: number[] = [];
  readonly edgesByTarget = new Map<string, GraphEdge[]>();
  /** Names as events bind them (buildGraph's `names: 'at-step'`). */
  readonly namesOverTime = new Map<number, History<string>>();
  /** Names at the end of the trace (what the app shows at every step). */
  readonly finalNames = new Map<number, string>();
  /** Per position: the node the event is about, and the edges a gradient travels along. */
  readonly activeNodeIds: (string | undefined)[] = [];
  readonly pulseEdgeIds = new Map<number, string[]>();
  /** Per position: the edges a tangent travels along (forward mode). */
  readonly tangentEdgeIds = new Map<number, string[]>();
  /** Forward mode: graph nodes whose output carries a tangent. */
  private readonly hasTangent = new Set<string>();
  /** Forward mode: duals forward mode made a leaf for, and their primal (names: forward-nodes.ts). */
  readonly dualSources = new Map<number, number>();
  readonly gradNorms: History<readonly GradNorm[]> = emptyHistory();

  // Marks: a node's custom Function, second-order pass and gradcheck hold at every step; errors from theirs.
  readonly forwardFunctions = new Map<number, string>();
  readonly staticMarks = new Map<number, OpMarks>();
  readonly errors: ErrorRecord[] = [];
  readonly errorAt: number[] = [];
  readonly gradchecks = new Map<number, GradcheckEvent>();
  /** The latest gradscope.check of each graph node (backprop exercises). */
  readonly handGradients = new Map<string, HandGradientEvent>();
  private readonly opLocs = new Map<number, SourceLocation | undefined>();

  // Lookups for the inspector, chain rule, hooks, loss chart and code links.
  readonly backwardStartAt: number[] = [];
  /** Positions where a forward-mode pass starts: the first make_dual of a run of them (a jvp seeds each primal). */
  readonly forwardModePassAt: number[] = [];
  private lastTangentOp: string | undefined;
  readonly lastStartSeqOfPass = new Map<number, number>();
  readonly passSummaries: PassSummaryEvent[] = [];
  readonly lastLeafEvent = new Map<number, LeafEvent>();
  readonly lastOpEvent = new Map<number, OpEvent>();
  readonly opEventsOverTime = new Map<number, History<OpEvent>>();
  readonly hooks = new Map<string, HookEvent[]>();
  readonly positionOfSeq = new Map<number, number>();
  readonly nodesAtLine = new Map<string, string[]>();
  readonly firstLocOfNode = new Map<string, SourceLocation | undefined>();
  readonly firstLocOfGroup = new Map<string, SourceLocation | undefined>();
  readonly steps: StepsBuilder = createStepsBuilder();
  readonly frames: FramesBuilder = createFramesBuilder();

  append(added: readonly TraceEvent[]): void {
    for (const event of added) this.add(event);
  }

  private add(event: TraceEvent): void {
    const at = this.events.length;
    const previousSeq = this.seqs[at - 1];
    if (previousSeq !== undefined && event.seq < previousSeq) this.isOrdered = false;
    this.events.push(event);
    this.seqs.push(event.seq);
    if (!this.positionOfSeq.has(event.seq)) this.positionOfSeq.set(event.seq, at);
    // Forward mode without a graph: the node the tangent is drawn on is made first (forward-nodes.ts).
    const made = event.kind === 'tangent' ? forwardNodeEvent(event, (tensorId) => this.lookupTensor(tensorId)) : undefined;
    if (made) {
      this.addToGraph(made, at);
      this.addToMarks(made, at);
      this.addToLookups(made, at);
    }
    this.activeNodeIds.push(this.addToGraph(event, at));
    this.addToMarks(event, at);
    this.addToLookups(event, at);
    this.steps.add(event);
    this.frames.add(event);
  }

  private ensureLeaf(tensorId: number, seq: number, at: number): LeafRecord {
    let leaf = this.leaves.get(tensorId);
    if (!leaf) {
      leaf = {
        kind: 'leaf',
        id: leafNodeId(tensorId),
        tensorId,
        seq,
        createdAt: at,
        summaries: emptyHistory(),
        parameters: emptyHistory(),
        grads: emptyHistory(),
        tangents: emptyHistory(),
        handChecks: emptyHistory(),
      };
      this.leaves.set(tensorId, leaf);
      this.nodes.push(leaf);
      this.nodeCreatedAt.push(at);
    }
    return leaf;
  }

  private nameAtStep(tensorId: number, name: string, at: number): void {
    let history = this.namesOverTime.get(tensorId);
    if (!history) this.namesOverTime.set(tensorId, (history = emptyHistory()));
    record(history, at, name);
  }

  private lookupTensor(tensorId: number): InputRef | undefined {
    if (this.leaves.has(tensorId)) return { kind: 'leaf', tensorId };
    const nodeId = this.opByOutputTensor.get(tensorId);
    return nodeId === undefined ? undefined : { kind: 'node', nodeId, outputNr: 0 };
  }

  private nodeIdOfTensor(tensorId: number): string | undefined {
    if (this.leaves.has(tensorId)) return leafNodeId(tensorId);
    const nodeId = this.opByOutputTensor.get(tensorId);
    return nodeId === undefined ? undefined : opNodeId(nodeId);
  }

  /** Files the event's change to the graph (as buildGraph applies it); returns the node it is about. */
  private addToGraph(event: TraceEvent, at: number): string | undefined {
    switch (event.kind) {
      case 'leaf': {
        const leaf = this.ensureLeaf(event.tensor.id, event.seq, at);
        record(leaf.summaries, at, event.tensor);
        if (event.parameter !== undefined) record(leaf.parameters, at, event.parameter);
        if (event.name !== undefined) {
          this.nameAtStep(event.tensor.id, event.name, at);
          this.finalNames.set(event.tensor.id, event.name);
        }
        return leaf.id;
      }
      case 'op': {
        if (event.name !== undefined) this.finalNames.set(event.output.id, event.name);
        if (this.ops.has(event.nodeId)) return undefined;
        const target = opNodeId(event.nodeId);
        const op: OpRecord = {
          kind: 'op',
          id: target,
          event,
          createdAt: at,
          firstBackwardAt: Infinity,
          freedAt: Infinity,
          grads: emptyHistory(),
          tangents: emptyHistory(),
          handChecks: emptyHistory(),
        };
        this.ops.set(event.nodeId, op);
        this.opByOutputTensor.set(event.output.id, event.nodeId);
        this.nodes.push(op);
        this.nodeCreatedAt.push(at);
        const incoming: GraphEdge[] = [];
        event.inputs.forEach((input, inputIndex) => {
          let source: string;
          if (input.kind === 'leaf') source = this.ensureLeaf(input.tensorId, event.seq, at).id;
          else if (input.kind === 'node' && this.ops.has(input.nodeId)) source = opNodeId(input.nodeId);
          else return; // no grad flows here (a constant), or the producer is outside the trace
          const edge: GraphEdge = { id: `${source}>${target}#${inputIndex}`, source, target, inputIndex };
          this.edges.push(edge);
          this.edgeCreatedAt.push(at);
          incoming.push(edge);
        });
        this.edgesByTarget.set(target, incoming);
        if (event.name !== undefined) this.nameAtStep(event.output.id, event.name, at);
        return target;
      }
      case 'name':
        this.nameAtStep(event.tensorId, event.name, at);
        this.finalNames.set(event.tensorId, event.name);
        return this.nodeIdOfTensor(event.tensorId);
      case 'backward-step': {
        const op = this.ops.get(event.nodeId);
        if (!op) return undefined;
        op.firstBackwardAt = Math.min(op.firstBackwardAt, at);
        const gradIn = event.gradsIn.find((grad) => grad !== null);
        if (gradIn) record(op.grads, at, gradIn);
        const pulse = (this.edgesByTarget.get(op.id) ?? []).filter((edge) => (event.gradsOut[edge.inputIndex] ?? null) !== null).map((edge) => edge.id);
        if (pulse.length > 0) this.pulseEdgeIds.set(at, pulse);
        return op.id;
      }
      case 'tangent': {
        const source = dualSourceOf(event);
        if (source !== undefined) this.dualSources.set(event.tensorId, source);
        const target = tangentGraphNodeId(event);
        const node = target.startsWith('t') ? this.leaves.get(event.tensorId) : this.ops.get(Number(target.slice(1)));
        if (!node) return undefined;
        record(node.tangents, at, event.tangent);
        const incoming = this.edgesByTarget.get(target) ?? [];
        for (const [source, inputIndex] of tangentOnlyInputs(event, target, (tensorId) => this.nodeIdOfTensor(tensorId), incoming)) {
          const edge: GraphEdge = { id: `${source}>${target}#${inputIndex}`, source, target, inputIndex };
          this.edges.push(edge);
          this.edgeCreatedAt.push(at);
          incoming.push(edge);
          this.edgesByTarget.set(target, incoming);
        }
        const travelled = (this.edgesByTarget.get(target) ?? []).filter((edge) => this.hasTangent.has(edge.source)).map((edge) => edge.id);
        if (travelled.length > 0) this.tangentEdgeIds.set(at, travelled);
        this.hasTangent.add(target);
        return target;
      }
      case 'hand-gradient': {
        const target = handCheckedNodeId(event);
        const checked =
          event.target.kind === 'leaf' ? this.leaves.get(event.target.tensorId) : event.target.kind === 'node' ? this.ops.get(event.target.nodeId) : undefined;
        if (!checked || target === undefined) return undefined;
        record(checked.handChecks, at, event.verdict);
        this.handGradients.set(target, event);
        return target;
      }
      case 'accumulate': {
        const leaf = this.leaves.get(event.tensorId);
        if (!leaf) return undefined;
        record(leaf.grads, at, event.after);
        return leaf.id;
      }
      case 'saved-freed':
        for (const nodeId of event.nodeIds) {
          const op = this.ops.get(nodeId);
          if (op) op.freedAt = Math.min(op.freedAt, at);
        }
        return undefined;
      case 'backward-start':
        return this.nodeIdOfTensor(event.rootTensorId);
      case 'pass-summary':
        record(this.gradNorms, at, event.gradNorms);
        return undefined;
      default:
        return undefined;
    }
  }

  private mergeMark(nodeId: number, extra: OpMarks): void {
    this.staticMarks.set(nodeId, { ...this.staticMarks.get(nodeId), ...extra });
  }

  private addToMarks(event: TraceEvent, at: number): void {
    switch (event.kind) {
      case 'custom-call':
        if (event.fn === 'forward') this.forwardFunctions.set(event.callId, event.functionName);
        else if (event.nodeId !== undefined) this.mergeMark(event.nodeId, { customFunction: event.functionName });
        break;
      case 'op': {
        this.opLocs.set(event.nodeId, event.loc);
        const name = event.customCall === undefined ? undefined : this.forwardFunctions.get(event.customCall);
        if (name !== undefined) this.mergeMark(event.nodeId, { customFunction: name });
        if (event.pass !== undefined) this.mergeMark(event.nodeId, { pass: event.pass });
        break;
      }
      case 'gradcheck':
        this.mergeMark(event.nodeId, { gradcheck: event.ok ? 'passed' : 'failed' });
        this.gradchecks.set(event.nodeId, event);
        break;
      case 'backward-error': {
        // Anomalies point at the forward line that made the node; other errors at the user's return line.
        const loc = event.anomaly ? this.opLocs.get(event.nodeId) : (event.loc ?? this.opLocs.get(event.nodeId));
        this.errors.push({ at, nodeId: event.nodeId, seq: event.seq, ename: event.ename, message: event.message, anomaly: event.anomaly, ...(loc && { loc }) });
        this.errorAt.push(at);
        break;
      }
      default:
        break;
    }
  }

  private addToLookups(event: TraceEvent, at: number): void {
    switch (event.kind) {
      case 'leaf': {
        this.lastLeafEvent.set(event.tensor.id, event);
        const id = leafNodeId(event.tensor.id);
        this.addLine(event.loc, id);
        if (!this.firstLocOfNode.has(id)) this.firstLocOfNode.set(id, event.loc);
        break;
      }
      case 'op': {
        this.lastOpEvent.set(event.nodeId, event);
        let history = this.opEventsOverTime.get(event.nodeId);
        if (!history) this.opEventsOverTime.set(event.nodeId, (history = emptyHistory()));
        record(history, at, event);
        const id = opNodeId(event.nodeId);
        this.addLine(event.loc, id);
        if (!this.firstLocOfNode.has(id)) this.firstLocOfNode.set(id, event.loc);
        for (const frame of event.moduleScope ?? []) {
          const groupId = groupNodeId(frameKey(frame));
          if (!this.firstLocOfGroup.has(groupId)) this.firstLocOfGroup.set(groupId, event.loc);
        }
        break;
      }
      case 'tangent':
        if (event.op === 'make_dual' && this.lastTangentOp !== 'make_dual') this.forwardModePassAt.push(at);
        this.lastTangentOp = event.op;
        break;
      case 'backward-start':
        this.backwardStartAt.push(at);
        this.lastStartSeqOfPass.set(event.pass, event.seq);
        break;
      case 'pass-summary':
        this.passSummaries.push(event);
        break;
      case 'hook': {
        const target = event.target;
        if (target.kind === 'none') break;
        const key = hookKey(event.pass, target.kind, target.kind === 'leaf' ? target.tensorId : target.nodeId);
        let list = this.hooks.get(key);
        if (!list) this.hooks.set(key, (list = []));
        list.push(event);
        break;
      }
      default:
        break;
    }
  }

  private addLine(loc: SourceLocation | undefined, nodeId: string): void {
    if (!loc) return;
    const key = `${loc.cell}:${loc.line}`;
    let ids = this.nodesAtLine.get(key);
    if (!ids) this.nodesAtLine.set(key, (ids = []));
    ids.push(nodeId);
  }
}
