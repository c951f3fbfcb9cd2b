/**
 * The chain rule at one step, as numbers and text: upstream gradient · local derivative = product.
 * Pure: a function of (trace, step seq), read from the trace's replay index. Local factors come from the trace when it records
 * them; otherwise, for elementwise ops, they are derived as gradOut / gradIn where that is defined.
 */
import type { TensorSummary, TraceEvent } from '../../../engine/trace/schema.ts';
import { formatNumber, formatSummaryValues } from '../graph/format.ts';
import { partialOf, passNamer, tensorExpression, UNNAMED_ROOT } from './tensor-expression.ts';
import { traceIndexOf, type TraceIndex } from '../trace/trace-index.ts';
import { tangentRuleView, type TangentRuleView } from './tangent-rule.ts';

type OpEvent = Extract<TraceEvent, { kind: 'op' }>;
type StepEvent = Extract<TraceEvent, { kind: 'backward-step' }>;
type BackwardEdge = StepEvent['edges'][number];

/** One input's share of a backward step: ∂root/∂input = ∂root/∂out · ∂out/∂input. */
export interface ChainRuleTerm {
  readonly inputIndex: number;
  readonly inputName: string;
  readonly upstreamText: string;
  /** The local derivative's numbers; undefined when neither the trace nor division gives them. */
  readonly localText?: string;
  /** The op's formula for this input, e.g. `b` for `a · b`. */
  readonly formula?: string;
  readonly productText: string;
  /** Which transposed product the input gets (matmul), from the trace. */
  readonly rule?: string;
  /** How a broadcast gradient was summed back to the input's shape, e.g. `summed over dim 0 ([2, 3] → [3])`. */
  readonly reductionText?: string;
  /** `∂w/∂x = ∂w/∂y · ∂y/∂x = 0.3333 · 2 = 0.6667` */
  readonly text: string;
}

export type ChainRuleView =
  | { readonly kind: 'backward-start'; readonly rootName: string; readonly text: string }
  | {
      readonly kind: 'backward-step';
      readonly gradFn: string;
      readonly op: string;
      /** The op's whole local-derivative formula, as the op table states it (recorded in the trace since v2). */
      readonly formula?: string;
      readonly outputName: string;
      readonly terms: readonly ChainRuleTerm[];
    }
  | {
      readonly kind: 'accumulate';
      readonly leafName: string;
      readonly beforeText: string;
      readonly addedText: string;
      readonly afterText: string;
      /** `x.grad = 0 + 0.6667 = 0.6667` */
      readonly text: string;
    }
  | {
      readonly kind: 'gradient-sum';
      readonly targetName: string;
      readonly contributions: readonly { readonly fromGradFn: string; readonly gradText: string }[];
      readonly sumText: string;
      /** `∂b/∂a = 3 + 2 = 5` */
      readonly text: string;
    }
  | TangentRuleView;

/** What the chain-rule panel shows at `seq`, or null when that step is not part of a backward pass. */
export function chainRuleAt(events: readonly TraceEvent[], seq: number): ChainRuleView | null {
  return chainRuleOf(traceIndexOf(events), seq);
}

/** chainRuleAt read from the trace's replay index: the step's event and what stood before it. */
export function chainRuleOf(index: TraceIndex, seq: number): ChainRuleView | null {
  const found = index.eventAtSeq(seq);
  if (!found) return null;
  const { event } = found;
  const end = found.at + 1;
  const opOf = (nodeId: number) => index.opEventBefore(nodeId, end);
  const rootTensorId = index.backwardStartBefore(end)?.rootTensorId;
  const nameOf = passNamer(index, rootTensorId);
  switch (event.kind) {
    case 'backward-start': {
      const root = nameOf(event.rootTensorId);
      // An unnamed root (`y.sum().backward()`) is L; say once what L is.
      const legend = root === UNNAMED_ROOT ? `L = ${tensorExpression(index, event.rootTensorId)}, so ` : '';
      return { kind: 'backward-start', rootName: root, text: `${legend}${partialOf(root)}/${partialOf(root)} = 1` };
    }
    case 'backward-step': {
      const op = opOf(event.nodeId);
      if (!op || rootTensorId === undefined) return null;
      return backwardStepView(event, op, opOf, nameOf(rootTensorId), nameOf);
    }
    case 'gradient-sum': {
      const target = event.target;
      const targetName = target.kind === 'leaf' ? nameOf(target.tensorId) : target.kind === 'node' ? nameOf(opOf(target.nodeId)?.output.id ?? -1) : '?';
      const root = rootTensorId === undefined ? '?' : nameOf(rootTensorId);
      const contributions = event.contributions.map((contribution) => ({
        fromGradFn: opOf(contribution.fromNodeId)?.gradFn ?? `node ${contribution.fromNodeId}`,
        gradText: compactValues(contribution.grad),
      }));
      const sumText = compactValues(event.sum);
      return {
        kind: 'gradient-sum',
        targetName,
        contributions,
        sumText,
        text: `${partialOf(root)}/${partialOf(targetName)} = ${contributions.map((c) => c.gradText).join(' + ')} = ${sumText}`,
      };
    }
    case 'accumulate': {
      const leafName = nameOf(event.tensorId);
      const beforeText = event.before ? compactValues(event.before) : '0';
      const addedText = compactValues(event.added);
      const afterText = compactValues(event.after);
      return {
        kind: 'accumulate',
        leafName,
        beforeText,
        addedText,
        afterText,
        text: `${leafName}.grad = ${beforeText} + ${addedText} = ${afterText}`,
      };
    }
    case 'tangent':
      return tangentRuleView(index, event);
    default:
      return null;
  }
}

function backwardStepView(
  event: StepEvent,
  op: OpEvent,
  opOf: (nodeId: number) => OpEvent | undefined,
  rootName: string,
  nameOf: (tensorId: number) => string,
): ChainRuleView {
  const outputName = nameOf(op.output.id);
  const upstream = event.gradsIn.find((grad) => grad !== null) ?? null;
  const recordedEdges = recordedEdgesOf(event);
  const terms: ChainRuleTerm[] = [];
  event.gradsOut.forEach((gradOut, inputIndex) => {
    if (!gradOut) return;
    const input = op.inputs[inputIndex];
    let inputName: string;
    if (input?.kind === 'leaf') inputName = nameOf(input.tensorId);
    else if (input?.kind === 'node') {
      const producer = opOf(input.nodeId);
      inputName = producer ? nameOf(producer.output.id) : `input ${inputIndex}`;
    } else inputName = `input ${inputIndex}`;
    const upstreamText = upstream ? compactValues(upstream) : '?';
    const edge = recordedEdges.find((candidate) => candidate.index === inputIndex);
    const localText = edge?.local ? compactValues(edge.local) : upstream ? elementwiseLocalText(upstream, gradOut) : undefined;
    const productText = compactValues(gradOut);
    const symbolic = `${partialOf(rootName)}/${partialOf(inputName)} = ${partialOf(rootName)}/${partialOf(outputName)} · ${partialOf(outputName)}/${partialOf(inputName)}`;
    const reductionText = edge?.reduction?.text;
    let numbers: string;
    if (localText === undefined) numbers = `${upstreamText} · (local) = ${productText}`;
    else if (reductionText !== undefined && edge?.product) {
      numbers = `${upstreamText} · ${localText} = ${compactValues(edge.product)}, ${reductionText} = ${productText}`;
    } else numbers = `${upstreamText} · ${localText} = ${productText}`;
    const partial = edge?.formula;
    terms.push({
      inputIndex,
      inputName,
      upstreamText,
      ...(localText !== undefined && { localText }),
      ...(partial !== undefined && { formula: partial }),
      productText,
      ...(edge?.rule !== undefined && { rule: edge.rule }),
      ...(reductionText !== undefined && { reductionText }),
      text: `${symbolic} = ${numbers}`,
    });
  });
  return {
    kind: 'backward-step',
    gradFn: op.gradFn,
    op: op.op,
    ...(event.formula !== undefined && { formula: event.formula }),
    outputName,
    terms,
  };
}

/** The chain-rule numbers the engine recorded (trace v2); a v1 trace has none, so read loosely. */
function recordedEdgesOf(event: StepEvent): readonly BackwardEdge[] {
  return Array.isArray(event.edges) ? event.edges : [];
}

/** gradOut / gradIn, element by element (a scalar gradIn broadcasts); undefined where not defined. */
export function elementwiseLocalText(gradIn: TensorSummary, gradOut: TensorSummary): string | undefined {
  const a = gradIn.values;
  const b = gradOut.values;
  if (!a || !b || a.length === 0) return undefined;
  if (a.length !== b.length && a.length !== 1) return undefined;
  const ratios: number[] = [];
  for (let i = 0; i < b.length; i++) {
    const upstream = a.length === 1 ? a[0]! : a[i]!;
    if (upstream === 0) return undefined;
    ratios.push(b[i]! / upstream);
  }
  return compactValues({ ...gradOut, values: ratios });
}

/** A tensor whose values are all equal reads as one number (`0.3333`); otherwise `[a, b, …]`. */
export function compactValues(summary: TensorSummary): string {
  const values = summary.values;
  if (values && values.length > 0) {
    const first = formatNumber(values[0]!);
    if (values.every((value) => formatNumber(value) === first)) return first;
  }
  return formatSummaryValues(summary);
}

/** Names by tensor id as they stand at the end of the trace (the recorder learns them when a run ends). */
export function finalNames(events: readonly TraceEvent[]): ReadonlyMap<number, string> {
  return traceIndexOf(events).finalNames;
}
