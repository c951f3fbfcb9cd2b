import { describe, expect, it } from 'vitest';
import { buildGraph } from '../build-graph.ts';
import { formatNumber, formatSummaryValues } from '../format.ts';
import { nodeAriaLabel } from '../labels.ts';
import { MAX_LINE_CHARS, leafLines, nodeSize, opLabel } from '../node-size.ts';
import { SEED_TRACE } from './fixtures/seed-trace.ts';

describe('node text', () => {
  const model = buildGraph(SEED_TRACE);
  const [x, mul, , mean] = model.nodes;

  it('reads the leaf out loud with its name, shape and grad', () => {
    expect(nodeAriaLabel(x!)).toBe('leaf x, shape [3], grad [0.6667, 0.6667, 0.6667], value [1, 2, 3]');
  });

  it('reads an op with its grad_fn, output name and shape', () => {
    expect(nodeAriaLabel(mul!)).toBe('op MulBackward0, output y, shape [3], grad [0.3333, 0.3333, 0.3333], saved tensors freed');
    expect(nodeAriaLabel(buildGraph(SEED_TRACE, 7).nodes[3]!)).toBe('op MeanBackward0, shape []');
  });

  it('calls an unnamed leaf "tensor" beside its shape, never by its engine id', () => {
    const unnamed = { ...x!, name: undefined, tensorId: 27033, shape: [4, 1] };
    if (unnamed.kind !== 'leaf') throw new Error('x is a leaf');
    expect(leafLines(unnamed).title).toBe('tensor [4, 1]');
    expect(nodeAriaLabel(unnamed)).toMatch(/^leaf tensor, shape \[4, 1\],/);
  });

  it('labels op pills with the grad_fn name and the output variable', () => {
    expect(mean!.kind === 'op' && opLabel(mean)).toBe('MeanBackward0 → w');
  });

  it('says a leaf has no grad yet before backward', () => {
    const early = buildGraph(SEED_TRACE, 3).nodes[0]!;
    expect(nodeAriaLabel(early)).toBe('leaf x, shape [3], no grad yet, value [1, 2, 3]');
    expect(early.kind === 'leaf' && leafLines(early).grad).toBe('grad —');
  });

  it('keeps a leaf the same size before and after its grad arrives, when the grad is no wider', () => {
    const before = buildGraph(SEED_TRACE, 3).nodes[0]!;
    expect(nodeSize(before).height).toBe(nodeSize(x!).height);
  });

  it('cuts very long lines with an ellipsis', () => {
    const long = buildGraph([
      {
        kind: 'leaf',
        seq: 0,
        tensor: { id: 1, shape: [8], dtype: 'float32', requiresGrad: true, values: [1, 2, 3, 4, 5, 6, 7, 8] },
        name: 'a_really_long_parameter_name_indeed',
      },
    ]).nodes[0]!;
    const lines = long.kind === 'leaf' ? leafLines(long) : null;
    expect(lines!.title.length).toBe(MAX_LINE_CHARS);
    expect(lines!.title.endsWith('…')).toBe(true);
    expect(lines!.value).toBe('[1, 2, 3, 4, 5, 6, …]');
  });
});

describe('number formatting', () => {
  it('rounds to four decimals and drops trailing zeros', () => {
    expect([2 / 3, 2, -0.5, 1e-7, 123456, Number.NaN, -Infinity, -0].map(formatNumber)).toEqual([
      '0.6667',
      '2',
      '-0.5',
      '1.00e-7',
      '1.23e+5',
      'nan',
      '-inf',
      '0',
    ]);
  });

  it('shows a scalar without brackets', () => {
    expect(formatSummaryValues({ id: 1, shape: [], dtype: 'float32', requiresGrad: false, values: [5] })).toBe('5');
  });
});
