/**
 * Random Python programs over the op table, for the fuzz suite: each is a short sequence of torch
 * calls whose arguments are drawn from values a learner might pass by mistake (wrong types, shapes,
 * dtypes, dims out of range, negative, NaN and huge sizes, empty tensors). The op list comes from
 * the table itself, so a new op is fuzzed without anyone listing it.
 */
import fc from 'fast-check';
import type { OpParamInfo, OpSignatureInfo } from '../../ops/types.ts';

/** Tensors of every dtype and awkward shape; `r0`, `r1`… name results of earlier calls. */
const TENSORS = [
  'torch.randn(2, 3)',
  'torch.randn(2, 3, requires_grad=True)',
  'torch.randn(3, requires_grad=True)',
  'torch.tensor(1.5)',
  'torch.tensor(2.0, dtype=torch.float64, requires_grad=True)',
  'torch.zeros(0)',
  'torch.zeros(0, 3)',
  'torch.ones(1, 1, 1, 1)',
  'torch.arange(6).view(2, 3)',
  'torch.tensor([True, False, True])',
  'torch.tensor([1, 2, 3], dtype=torch.int32)',
  'torch.tensor([float("nan"), float("inf"), -1.0])',
  'torch.randn(4, 2).t()',
  'torch.randn(2, 3)[:, 1]',
  'torch.randn(1, 3).expand(2, 3)',
];

/** Sizes stay small or clearly impossible: a mid-size request would only make the run slow. */
const INTS = ['0', '1', '2', '-1', '-3', '5', '10**10', '-10**10', '2**63', 'True'];
const FLOATS = ['0.5', '-1.0', '0.0', 'float("nan")', 'float("inf")', '1e308'];
const INT_LISTS = ['()', '(2, 3)', '(-1,)', '(0,)', '[3]', '(2, -3)', '(10**6, 10**6)', '(1, 1, 1, 1, 1, 1, 1, 1, 1)', '(0, -1)'];
const DTYPES = ['torch.float32', 'torch.float64', 'torch.int64', 'torch.int32', 'torch.bool'];
/** What nobody meant to pass: each is a type error somewhere. */
const WRONG = ['None', '"abc"', '[1, [2]]', '{}', 'object()', '1j', 'torch.float32', '(1.5, 2)', 'lambda: 0'];

export interface FuzzCall {
  readonly op: string;
  readonly args: readonly string[];
  readonly kwargs: readonly (readonly [string, string])[];
}

export interface FuzzProgram {
  readonly calls: readonly FuzzCall[];
  readonly backward: boolean;
}

function valuesFor(param: OpParamInfo, earlier: number): string[] {
  const results = Array.from({ length: earlier }, (_, i) => `r${i}`);
  const type = param.type;
  if (type.startsWith('Tensor[]') || type.startsWith('Tensor?[]')) {
    return ['[torch.randn(2, 3), torch.randn(2, 3)]', '[]', '[torch.randn(2), torch.randn(3, 1)]', ...results.map((r) => `[${r}, ${r}]`)];
  }
  if (type.startsWith('Tensor')) return [...TENSORS, ...results, ...results];
  if (type.startsWith('ScalarType')) return DTYPES;
  if (type.startsWith('int[') || type.startsWith('SymInt[')) return [...INT_LISTS, ...INTS.slice(0, 4)];
  if (type.startsWith('Scalar')) return [...INTS, ...FLOATS, 'True'];
  if (type.startsWith('int') || type.startsWith('SymInt')) return INTS;
  if (type.startsWith('float')) return FLOATS;
  if (type.startsWith('bool')) return ['True', 'False'];
  if (type.startsWith('str')) return ['"mean"', '"sum"', '"none"', '"bogus"', '"tanh"'];
  return ['None'];
}

/** One call: required parameters always, optional ones sometimes, and sometimes a wrong value. */
function callArbitrary(signatures: readonly OpSignatureInfo[], earlier: number): fc.Arbitrary<FuzzCall> {
  return fc.constantFrom(...signatures).chain((sig) => {
    const params = sig.params.map((param) =>
      fc.record({
        include: param.optional || param.default !== undefined ? fc.boolean() : fc.constant(true),
        value: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...valuesFor(param, earlier)) }, { weight: 1, arbitrary: fc.constantFrom(...WRONG) }),
      }),
    );
    return fc.tuple(...params).map((chosen) => {
      const args: string[] = [];
      const kwargs: [string, string][] = [];
      chosen.forEach((choice, i) => {
        const param = sig.params[i]!;
        if (!choice.include) return;
        if (param.keywordOnly || args.length < i) kwargs.push([param.name, choice.value]);
        else args.push(choice.value);
      });
      return { op: sig.name, args, kwargs };
    });
  });
}

export function programArbitrary(signatures: readonly OpSignatureInfo[]): fc.Arbitrary<FuzzProgram> {
  const functions = signatures.filter((sig) => sig.function);
  return fc
    .tuple(callArbitrary(functions, 0), callArbitrary(functions, 1), callArbitrary(functions, 2), fc.integer({ min: 1, max: 3 }), fc.boolean())
    .map(([a, b, c, count, backward]) => ({ calls: [a, b, c].slice(0, count), backward }));
}

/** The program as a learner would type it; each call's result is kept for the next. */
export function programSource(program: FuzzProgram): string {
  const lines = ['import torch'];
  program.calls.forEach((call, i) => {
    const parts = [...call.args, ...call.kwargs.map(([name, value]) => `${name}=${value}`)];
    lines.push(`r${i} = torch.${call.op}(${parts.join(', ')})`);
  });
  if (program.backward) {
    const last = `r${program.calls.length - 1}`;
    lines.push(`if isinstance(${last}, torch.Tensor) and ${last}.requires_grad:`);
    lines.push(`    ${last}.sum().backward()`);
  }
  return `${lines.join('\n')}\n`;
}
