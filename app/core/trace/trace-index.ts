/**
 * One replay index per trace. Every event is read once, when it arrives (a run appending events
 * extends the index instead of rebuilding it); the graph at any step, the timeline's steps, frames,
 * node marks, the chain rule's and inspector's lookups are then read from it. Framework-free.
 *
 * traceIndexOf(events) hands out the index of a trace array. The store replaces the array on every
 * change, and a new array that extends the last one indexed (a run's events, a gradcheck) only
 * feeds the new events in. Each extension gets a new TraceIndex object over the shared data, so
 * React memos keyed on it see the change; an older TraceIndex of the same data is superseded.
 */
import type { SourceLocation, TraceEvent } from '../../../engine/trace/schema.ts';
import { buildGraph, type BuildGraphOptions } from '../graph/build-graph.ts';
import type { GraphModel, GraphNode, OpMarks } from '../graph/model.ts';
import { isGroupNodeId } from '../graph/module-groups.ts';
import { recordedLinesByCell } from './frame-builder.ts';
import type { CustomFrame } from './frames.ts';
import type { TimelineStep } from './steps.ts';
import { graphFromIndexSliced, nodeFromIndex } from './graph-at.ts';
import { finish, type Sliced } from '../graph/sliced.ts';
import type { HandGradientEvent } from '../graph/hand-checks.ts';
import { countBefore, lastIndexBefore, valueBefore } from './history.ts';
import {
  hookKey,
  IndexCore,
  type ErrorRecord,
  type GradcheckEvent,
  type HookEvent,
  type LeafEvent,
  type OpEvent,
  type PassSummaryEvent,
} from './index-core.ts';

/**
 * For tests: how often a trace was read from event 0 (fullBuilds), how many events extensions fed
 * in (appendedEvents), and how many events were read in all (eventsRead).
 */
export const traceIndexStats = { fullBuilds: 0, appendedEvents: 0, eventsRead: 0 };

export function resetTraceIndexStats(): void {
  traceIndexStats.fullBuilds = 0;
  traceIndexStats.appendedEvents = 0;
  traceIndexStats.eventsRead = 0;
}

/** Graph models kept per index (the steps around the current one: panel, inspector, marks). */
const GRAPH_CACHE_SIZE = 8;

const graphKey = (step: number | undefined, options: BuildGraphOptions): string => `${step ?? 'end'}:${options.names ?? 'at-step'}`;

export class TraceIndex {
  private graphs = new Map<string, GraphModel>();
  private marksByErrorCount = new Map<number, ReadonlyMap<number, OpMarks>>();
  private stepList?: readonly TimelineStep[];
  private frameMap?: ReadonlyMap<number, CustomFrame>;
  private linesByCell?: ReadonlyMap<string, ReadonlySet<number>>;
  private namesWithDuals?: ReadonlyMap<number, string>;

  constructor(
    private readonly core: IndexCore,
    /** The trace array this index stands for. */
    readonly events: readonly TraceEvent[],
  ) {}

  /** Number of events indexed; grows with each extension. */
  get eventCount(): number {
    return this.events.length;
  }

  /** Graph nodes (leaves and ops) the trace has made by its end. */
  get nodeCount(): number {
    return countBefore(this.core.nodeCreatedAt, this.events.length);
  }

  /** Whether graphAt(step, options) is made already (then it costs nothing). */
  hasGraphAt(step?: number, options: BuildGraphOptions = {}): boolean {
    return this.graphs.has(graphKey(step, options));
  }

  /** Backward passes whose detail is in the trace (compaction keeps the last few). */
  get fullPassCount(): number {
    // Counted up to this index's own end: the shared data may already hold a run's events read ahead.
    return countBefore(this.core.backwardStartAt, this.events.length);
  }

  /**
   * Passes made up to `step` (null: all): forward-mode passes (each seeds tangents with make_dual;
   * torch.func.jvp makes one per call) and backward passes. What the forward-vs-reverse counter shows.
   */
  passCountsAt(step: number | null): { readonly forwardMode: number; readonly backward: number } {
    const end = this.endOf(step);
    return { forwardMode: countBefore(this.core.forwardModePassAt, end), backward: countBefore(this.core.backwardStartAt, end) };
  }

  /**
   * Names by tensor id at the end of the trace (what the app labels tensors with at every step);
   * an unnamed dual that forward mode made is called by its primal's name (forward-nodes.ts).
   */
  get finalNames(): ReadonlyMap<number, string> {
    if (this.core.dualSources.size === 0) return this.core.finalNames;
    if (!this.namesWithDuals) {
      const names = new Map(this.core.finalNames);
      for (const [dual, primal] of this.core.dualSources) {
        const name = names.has(dual) ? undefined : this.core.finalNames.get(primal);
        if (name !== undefined) names.set(dual, name);
      }
      this.namesWithDuals = names;
    }
    return this.namesWithDuals;
  }

  /** How many events are applied at `step` (an event seq; null or undefined: all of them). */
  endOf(step: number | null | undefined): number {
    if (step === null || step === undefined) return this.events.length;
    // Events are in seq order, so those with seq <= step are a prefix.
    const seqs = this.core.seqs;
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (seqs[mid]! <= step) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The graph after the event with seq `step` (the end when omitted): buildGraph(events, step, options). */
  graphAt(step?: number, options: BuildGraphOptions = {}): GraphModel {
    return finish(this.graphAtSliced(step, options));
  }

  /** graphAt as sliced work (sliced.ts); the graph it makes is the one graphAt then returns. */
  *graphAtSliced(step?: number, options: BuildGraphOptions = {}): Sliced<GraphModel> {
    const key = graphKey(step, options);
    const cached = this.graphs.get(key);
    if (cached) return cached;
    const graph = this.core.isOrdered
      ? yield* graphFromIndexSliced(this.core, this.endOf(step), this.marksAt(step), options)
      : buildGraph(this.events, step, options);
    if (this.graphs.size >= GRAPH_CACHE_SIZE) this.graphs.delete(this.graphs.keys().next().value!);
    this.graphs.set(key, graph);
    return graph;
  }

  /** graphAt(step, options)'s node `nodeId`, made alone (the same object when graphAt made it). */
  nodeAt(step: number | undefined, nodeId: string, options: BuildGraphOptions = {}): GraphNode | undefined {
    if (!this.core.isOrdered || this.hasGraphAt(step, options)) return this.graphAt(step, options).nodes.find((node) => node.id === nodeId);
    return nodeFromIndex(this.core, this.endOf(step), this.marksAt(step), nodeId, options);
  }

  /**
   * Op marks by engine node id at `step` (opMarksOf): custom Function, second-order pass and
   * gradcheck whatever the step; backward errors from their step on.
   */
  marksAt(step?: number | null): ReadonlyMap<number, OpMarks> {
    const errorCount = countBefore(this.core.errorAt, this.endOf(step));
    let marks = this.marksByErrorCount.get(errorCount);
    if (!marks) {
      const merged = new Map(this.core.staticMarks);
      for (const error of this.core.errors.slice(0, errorCount)) {
        merged.set(error.nodeId, { ...merged.get(error.nodeId), error: { message: error.message, anomaly: error.anomaly } });
      }
      marks = merged;
      this.marksByErrorCount.set(errorCount, marks);
    }
    return marks;
  }

  /** The timeline's steps (buildSteps). */
  steps(): readonly TimelineStep[] {
    return (this.stepList ??= this.core.steps.steps.slice());
  }

  /** Recorded custom-Function frames by call id (customFrames). */
  frames(): ReadonlyMap<number, CustomFrame> {
    return (this.frameMap ??= this.core.frames.frames());
  }

  /** Lines of a cell that ran inside a recorded frame. */
  recordedLines(cellId: string): ReadonlySet<number> {
    this.linesByCell ??= recordedLinesByCell(this.frames());
    return this.linesByCell.get(cellId) ?? new Set();
  }

  /** Backward errors recorded up to `step` (all for null), in trace order. */
  errorsUpTo(step: number | null): readonly ErrorRecord[] {
    return this.core.errors.slice(0, countBefore(this.core.errorAt, this.endOf(step)));
  }

  /** The latest gradcheck of a node (on request or automatic), whatever the step. */
  gradcheckOf(nodeId: number): GradcheckEvent | undefined {
    return this.core.gradchecks.get(nodeId);
  }

  /** The latest gradscope.check of a graph node (`t3`, `n7`), whatever the step. */
  handGradientOf(graphNodeId: string): HandGradientEvent | undefined {
    return this.core.handGradients.get(graphNodeId);
  }

  /** The event with seq `seq` and its position, when the trace has one. */
  eventAtSeq(seq: number): { readonly event: TraceEvent; readonly at: number } | undefined {
    const at = this.core.positionOfSeq.get(seq);
    return at === undefined ? undefined : { event: this.core.events[at]!, at };
  }

  /** The node's op event as it stood with the first `end` events applied (the latest one). */
  opEventBefore(nodeId: number, end: number): OpEvent | undefined {
    const history = this.core.opEventsOverTime.get(nodeId);
    return history ? valueBefore(history, end) : undefined;
  }

  /** The backward-start in force with the first `end` events applied. */
  backwardStartBefore(end: number): Extract<TraceEvent, { kind: 'backward-start' }> | undefined {
    const index = lastIndexBefore(this.core.backwardStartAt, end);
    const event = index < 0 ? undefined : this.core.events[this.core.backwardStartAt[index]!];
    return event?.kind === 'backward-start' ? event : undefined;
  }

  /** Hooks that ran in pass `pass` on the gradient of a node's output or a leaf, in order. */
  hooksOf(pass: number, kind: 'leaf' | 'node', id: number): readonly HookEvent[] {
    return this.core.hooks.get(hookKey(pass, kind, id)) ?? [];
  }

  /** The last `leaf` event of a tensor anywhere in the trace. */
  leafEvent(tensorId: number): LeafEvent | undefined {
    return this.core.lastLeafEvent.get(tensorId);
  }

  /** The last `op` event of a node anywhere in the trace. */
  opEvent(nodeId: number): OpEvent | undefined {
    return this.core.lastOpEvent.get(nodeId);
  }

  /** The `op` event that made tensor `tensorId` (undefined for leaves and tensors made outside the trace). */
  opProducing(tensorId: number): OpEvent | undefined {
    const nodeId = this.core.opByOutputTensor.get(tensorId);
    return nodeId === undefined ? undefined : this.core.lastOpEvent.get(nodeId);
  }

  /** Pass summaries in trace order, and the backward-start seq of each pass still in detail. */
  get passSummaries(): readonly PassSummaryEvent[] {
    return this.core.passSummaries;
  }

  get startSeqOfPass(): ReadonlyMap<number, number> {
    return this.core.lastStartSeqOfPass;
  }

  /** Graph node ids made on a line of a cell, in trace order. */
  nodesAtLine(cellId: string, line: number): readonly string[] {
    return this.core.nodesAtLine.get(`${cellId}:${line}`) ?? [];
  }

  /** The loc of the first event that made a node (`t1`, `n3`) or began a module group (`g:…`). */
  firstLocOf(nodeId: string): SourceLocation | undefined {
    return (isGroupNodeId(nodeId) ? this.core.firstLocOfGroup : this.core.firstLocOfNode).get(nodeId);
  }

  /**
   * Whether the shared data can grow into `events`: every event it has read (this index's and any
   * read ahead) is `events`' prefix. An event object appears once in a trace, so matching the last
   * event read at its position is enough once `events` extends this index's array.
   */
  canExtendTo(events: readonly TraceEvent[]): boolean {
    const read = this.core.events.length;
    return read <= events.length && (read === 0 || events[read - 1] === this.core.events[read - 1]);
  }

  /**
   * Reads events that will follow this index's array (a finished run's, before the notebook adds
   * them) into the shared data, `chunk` at a time with `pause` between, so no single task does it
   * all. Stops early, harmlessly, when a newer index took over.
   */
  async readAhead(added: readonly TraceEvent[], chunk: number, pause: () => Promise<void>): Promise<void> {
    const start = this.core.events.length;
    // This index's steps and frames stay what its own events made while the shared data grows.
    this.steps();
    this.frames();
    for (let at = 0; at < added.length; at += chunk) {
      if (latest !== this || this.core.events.length !== start + at) return;
      const part = added.slice(at, at + chunk);
      this.core.append(part);
      traceIndexStats.eventsRead += part.length;
      await pause();
    }
  }

  /** A new index object over the same data, now extended by `events`' tail. */
  extendedTo(events: readonly TraceEvent[]): TraceIndex {
    const added = events.slice(this.core.events.length);
    this.core.append(added);
    traceIndexStats.appendedEvents += added.length;
    traceIndexStats.eventsRead += added.length;
    return new TraceIndex(this.core, events);
  }
}

/** Builds the index of a trace from event 0. Prefer traceIndexOf, which reuses and extends. */
export function createTraceIndex(events: readonly TraceEvent[]): TraceIndex {
  const core = new IndexCore();
  core.append(events);
  traceIndexStats.fullBuilds += 1;
  traceIndexStats.eventsRead += events.length;
  return new TraceIndex(core, events);
}

const byArray = new WeakMap<readonly TraceEvent[], TraceIndex>();
let latest: TraceIndex | null = null;

/**
 * Whether `next` is `previous` with events appended. The store only concatenates, compacts (a
 * subsequence) or drops the oldest events, and an event object appears once in a trace; so when
 * `next` keeps `previous`' first event and has its last event at the same position, nothing
 * before it was dropped and `next` starts with all of `previous`.
 */
function extendsArray(previous: readonly TraceEvent[], next: readonly TraceEvent[]): boolean {
  if (next.length <= previous.length) return false;
  const last = previous.length - 1;
  return previous.length === 0 || (next[0] === previous[0] && next[last] === previous[last]);
}

/** The replay index of a trace array, built once; an array that extends the latest one extends its index. */
export function traceIndexOf(events: readonly TraceEvent[]): TraceIndex {
  const known = byArray.get(events);
  if (known) return known;
  let index: TraceIndex;
  if (latest && extendsArray(latest.events, events) && latest.canExtendTo(events)) {
    // The superseded array's index would now see the new events too: forget it.
    byArray.delete(latest.events);
    index = latest.extendedTo(events);
  } else index = createTraceIndex(events);
  byArray.set(events, index);
  latest = index;
  return index;
}

/** Events read per task by indexTraceAhead: a few milliseconds of work on a slow machine (2,000 took 100-500 ms under load, 500 up to ~140 ms). */
export const READ_AHEAD_CHUNK = 250;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Indexes `added`, the events about to join the trace `events`, a chunk per task, so that when the
 * notebook then appends them, the replay index has nothing left to read. A run of 50,000 events
 * otherwise took over a second of one main-thread task while the page was drawn.
 */
export async function indexTraceAhead(events: readonly TraceEvent[], added: readonly TraceEvent[], pause: () => Promise<void> = nextTask): Promise<void> {
  if (added.length < READ_AHEAD_CHUNK) return;
  await traceIndexOf(events).readAhead(added, READ_AHEAD_CHUNK, pause);
}
