/**
 * The chain rule of forward mode at one step: the tangent travels forward, so an op's output
 * tangent is the sum over its inputs of ∂output/∂input · the input's tangent, as numbers
 * (`ẏ = ∂y/∂x · ẋ = 2 · 1 = 2`). Pure: read from the trace's replay index and the tangent event,
 * whose per-input terms the engine recorded with the op's own jvp rule.
 */
import type { TensorSummary, TraceEvent } from '../../../engine/trace/schema.ts';
import { formatNumber, formatSummaryValues } from '../graph/format.ts';
import type { ExpressionSource } from './tensor-expression.ts';
import { partialOf, passNamer } from './tensor-expression.ts';

type TangentEvent = Extract<TraceEvent, { kind: 'tangent' }>;

/** One input's share of an output tangent: ∂y/∂x · ẋ. */
export interface TangentRuleTerm {
  readonly inputIndex: number;
  readonly inputName: string;
  /** ∂y/∂x as numbers (elementwise ops), when recorded. */
  readonly localText?: string;
  readonly tangentInText: string;
  readonly contributionText: string;
}

export interface TangentRuleView {
  readonly kind: 'tangent';
  /** The op (`mul`), or `make_dual` where the tangent starts. */
  readonly op: string;
  readonly outputName: string;
  readonly terms: readonly TangentRuleTerm[];
  readonly tangentText: string;
  /** `ẏ = ∂y/∂x · ẋ = 2 · 1 = 2` */
  readonly text: string;
}

/** A tensor's tangent written the way forward mode is taught: `ẋ` for one letter, `ṫ(name)` otherwise. */
export function tangentSymbol(name: string): string {
  // NFC: `ẏ` is one character where Unicode has one (copy, search and tests see the same text).
  return /^\p{L}$/u.test(name) ? `${name}\u0307`.normalize('NFC') : `ṫ(${name})`;
}

/** All-equal values read as one number (`0.5`), others as a list. */
function brief(summary: TensorSummary | null): string {
  if (!summary) return '0';
  const values = summary.values;
  if (values && values.length > 0) {
    const first = formatNumber(values[0]!);
    if (values.every((value) => formatNumber(value) === first)) return first;
  }
  return formatSummaryValues(summary);
}

export function tangentRuleView(source: ExpressionSource, event: TangentEvent): TangentRuleView {
  const nameOf = passNamer(source, undefined);
  const outputName = nameOf(event.tensorId);
  const out = tangentSymbol(outputName);
  const tangentText = brief(event.tangent);
  if (event.op === 'make_dual') {
    return { kind: 'tangent', op: event.op, outputName, terms: [], tangentText, text: `${out} = ${tangentText} (make_dual: the tangent you chose)` };
  }
  const terms = (event.terms ?? []).map((term): TangentRuleTerm => {
    const tensorId = event.inputs[term.index];
    const inputName = tensorId === null || tensorId === undefined ? `input ${term.index}` : nameOf(tensorId);
    return {
      inputIndex: term.index,
      inputName,
      ...(term.local && { localText: brief(term.local) }),
      tangentInText: brief(term.tangentIn),
      contributionText: brief(term.contribution),
    };
  });
  if (terms.length === 0) {
    // No per-input numbers recorded (a large output, or an op whose tangent comes from its backward rule).
    return { kind: 'tangent', op: event.op, outputName, terms, tangentText, text: `${out} = jvp of ${event.op} = ${tangentText}` };
  }
  const symbolic = terms.map((term) => `${partialOf(outputName)}/${partialOf(term.inputName)} · ${tangentSymbol(term.inputName)}`).join(' + ');
  const hasLocals = terms.every((term) => term.localText !== undefined);
  const numbers = hasLocals
    ? terms.map((term) => `${term.localText} · ${term.tangentInText}`).join(' + ')
    : terms.map((term) => term.contributionText).join(' + ');
  const text = numbers === tangentText ? `${out} = ${symbolic} = ${tangentText}` : `${out} = ${symbolic} = ${numbers} = ${tangentText}`;
  return { kind: 'tangent', op: event.op, outputName, terms, tangentText, text };
}
