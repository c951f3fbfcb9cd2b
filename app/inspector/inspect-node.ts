/** What the inspector shows about one graph node at one step: pure data from the trace. */
import type { DTypeName, SourceLocation, TensorSummary, TraceEvent } from '../../engine/trace/schema.ts';
import type { GraphModel } from '../graph/model.ts';
import { finalNames } from './chain-rule.ts';

export interface TensorFacts {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DTypeName;
}

export interface NodeDetails {
  readonly id: string;
  readonly title: string;
  /** Op table name (`mul`), or `leaf`. */
  readonly op: string;
  readonly gradFn: string;
  readonly loc?: SourceLocation;
  readonly inputs: readonly TensorFacts[];
  readonly output: TensorFacts;
  readonly value: TensorSummary;
  readonly grad?: TensorSummary;
  /** null for leaves (they save nothing). */
  readonly isFreed: boolean | null;
}

export function inspectNode(events: readonly TraceEvent[], model: GraphModel, nodeId: string): NodeDetails | null {
  const node = model.nodes.find((candidate) => candidate.id === nodeId);
  if (!node) return null;
  const names = finalNames(events);
  const tensors = new Map<number, TensorSummary>();
  let leafLoc: SourceLocation | undefined;
  let opEvent: Extract<TraceEvent, { kind: 'op' }> | undefined;
  const opOutputs = new Map<number, TensorSummary>();
  for (const event of events) {
    if (event.kind === 'leaf') {
      tensors.set(event.tensor.id, event.tensor);
      if (node.kind === 'leaf' && event.tensor.id === node.tensorId) leafLoc = event.loc;
    } else if (event.kind === 'op') {
      opOutputs.set(event.nodeId, event.output);
      if (node.kind === 'op' && event.nodeId === node.nodeId) opEvent = event;
    }
  }
  const facts = (summary: TensorSummary): TensorFacts => ({
    name: names.get(summary.id) ?? `tensor ${summary.id}`,
    shape: summary.shape,
    dtype: summary.dtype,
  });
  if (node.kind === 'leaf') {
    const value = tensors.get(node.tensorId);
    if (!value) return null;
    return {
      id: node.id,
      title: `leaf ${facts(value).name}`,
      op: 'leaf',
      gradFn: 'AccumulateGrad',
      ...(leafLoc && { loc: leafLoc }),
      inputs: [],
      output: facts(value),
      value,
      ...(node.grad && { grad: node.grad }),
      isFreed: null,
    };
  }
  if (!opEvent) return null;
  const inputs: TensorFacts[] = [];
  for (const input of opEvent.inputs) {
    const summary = input.kind === 'leaf' ? tensors.get(input.tensorId) : input.kind === 'node' ? opOutputs.get(input.nodeId) : undefined;
    if (summary) inputs.push(facts(summary));
  }
  return {
    id: node.id,
    title: `${node.gradFn}${node.outputName ? ` → ${node.outputName}` : ''}`,
    op: opEvent.op,
    gradFn: opEvent.gradFn,
    ...(opEvent.loc && { loc: opEvent.loc }),
    inputs,
    output: facts(opEvent.output),
    value: opEvent.output,
    ...(node.grad && { grad: node.grad }),
    isFreed: node.isFreed,
  };
}
