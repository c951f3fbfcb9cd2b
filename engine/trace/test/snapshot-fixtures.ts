/** Recorded runs and hand-written events that snapshot tests share. */
import { recordName, tensor } from '../../index.ts';
import type { TensorSummary, TraceEvent } from '../schema.ts';
import { record } from './record.ts';

/**
 * A micrograd-style run on scalars, the typical teaching graph: 6 leaves and 44 op nodes (50 nodes
 * in the graph), run twice so that a link has an older pass to drop.
 */
export function fiftyNodeRun(): TraceEvent[] {
  return record(() => {
    const leaves = [0.5, -1.0, 2.0, 0.3, -0.2, 0.7].map((value, i) => {
      const leaf = tensor(value, 'float32', true);
      recordName(leaf, i < 3 ? `x${i}` : `w${i - 3}`);
      return leaf;
    });
    for (let pass = 0; pass < 2; pass++) {
      let h = leaves[0]!;
      for (let layer = 0; layer < 10; layer++)
        h = h
          .mul(leaves[3 + (layer % 3)]!)
          .add(leaves[layer % 3]!)
          .tanh()
          .add(0.1);
      const loss = h.pow(2).mul(0.5).add(0.01).sqrt();
      recordName(loss, 'loss');
      loss.backward();
    }
  });
}

const t = (id: number, values: number[]): TensorSummary => ({
  id,
  shape: [values.length],
  dtype: 'float32',
  requiresGrad: true,
  values,
  text: `tensor(${JSON.stringify(values)})`,
});
const loc = { cell: 'cell-1', line: 3, column: 4 };

/** One event of every kind of schema.ts v3, with every optional field set somewhere. */
export const EVERY_KIND: readonly TraceEvent[] = [
  { kind: 'run-start', seq: 0, cell: 'cell-1' },
  { kind: 'leaf', seq: 1, tensor: { ...t(1, [1, 2]), stats: { min: 1, max: 2, mean: 1.5 } }, name: 'w', loc, parameter: 'fc1.weight' },
  {
    kind: 'op',
    seq: 2,
    nodeId: 7,
    op: 'mul',
    gradFn: 'MulBackward0',
    inputs: [{ kind: 'leaf', tensorId: 1 }, { kind: 'none' }],
    output: t(2, [2, 4]),
    loc,
    name: 'y',
    moduleScope: [
      { path: '', type: 'MLP', call: 1 },
      { path: 'fc1', type: 'Linear', call: 2 },
    ],
    pass: 1,
    customCall: 3,
  },
  {
    kind: 'op',
    seq: 3,
    nodeId: 8,
    op: 'sum',
    gradFn: 'SumBackward0',
    inputs: [{ kind: 'node', nodeId: 7, outputNr: 0 }],
    output: { id: 3, shape: [], dtype: 'float32', requiresGrad: true, values: [6] },
  },
  { kind: 'name', seq: 4, tensorId: 2, name: 'y' },
  { kind: 'backward-start', seq: 5, pass: 1, rootTensorId: 3, retainGraph: true, createGraph: false, loc, root: t(3, [6]) },
  { kind: 'hook', seq: 6, pass: 1, target: { kind: 'node', nodeId: 8, outputNr: 0 }, name: '<lambda>', before: t(4, [1]), after: t(5, [2]), loc },
  {
    kind: 'backward-step',
    seq: 7,
    pass: 1,
    nodeId: 7,
    gradsIn: [t(6, [1, 1])],
    gradsOut: [t(7, [2, 2]), null],
    op: 'mul',
    formula: '∂(a·b)/∂a = b',
    edges: [
      {
        index: 0,
        input: { kind: 'leaf', tensorId: 1 },
        formula: '∂(a·b)/∂a = b',
        rule: 'grad · Bᵀ',
        local: t(8, [2, 2]),
        product: t(9, [2, 2]),
        reduction: { dims: [0], fromShape: [2, 2], toShape: [2], text: 'summed over dim 0 ([2, 2] → [2])' },
        grad: t(7, [2, 2]),
      },
      { index: 1, input: { kind: 'none' }, grad: null },
    ],
  },
  {
    kind: 'gradient-sum',
    seq: 8,
    pass: 1,
    target: { kind: 'leaf', tensorId: 1 },
    contributions: [
      { fromNodeId: 7, grad: t(10, [1, 1]) },
      { fromNodeId: 8, grad: t(11, [1, 1]) },
    ],
    sum: t(12, [2, 2]),
  },
  { kind: 'accumulate', seq: 9, pass: 1, tensorId: 1, before: null, added: t(13, [2, 2]), after: t(14, [2, 2]) },
  {
    kind: 'backward-error',
    seq: 10,
    pass: 1,
    nodeId: 8,
    ename: 'RuntimeError',
    message: 'Function MyFnBackward returned an invalid gradient at index 0',
    anomaly: true,
    loc,
  },
  { kind: 'backward-end', seq: 11, pass: 1 },
  { kind: 'saved-freed', seq: 12, nodeIds: [7, 8], pass: 1 },
  {
    kind: 'pass-summary',
    seq: 13,
    pass: 1,
    rootTensorId: 3,
    loss: 6,
    gradNorms: [
      { tensorId: 1, name: 'w', norm: 2.83 },
      { tensorId: 2, norm: 1 },
    ],
    loc,
  },
  { kind: 'custom-call', seq: 14, callId: 3, fn: 'backward', functionName: 'MyReLU', nodeId: 7, pass: 1, loc },
  {
    kind: 'custom-line',
    seq: 15,
    callId: 3,
    loc,
    locals: [
      { name: 'grad_output', value: { kind: 'tensor', tensor: t(15, [1, 1]) } },
      { name: 'nothing', value: { kind: 'none' } },
      { name: 'alpha', value: { kind: 'scalar', text: '0.5' } },
      {
        name: 'pair',
        value: {
          kind: 'tuple',
          items: [
            { kind: 'scalar', text: '1' },
            { kind: 'list', items: [{ kind: 'none' }] },
          ],
        },
      },
      {
        name: 'ctx',
        value: {
          kind: 'ctx',
          attrs: [{ name: 'scale', value: { kind: 'scalar', text: '2' } }],
          savedTensors: [{ kind: 'tensor', tensor: t(16, [1, -1]) }],
          needsInputGrad: [true, false],
        },
      },
      { name: 'f', value: { kind: 'other', type: 'function', text: '<function f at 0x1>' } },
    ],
  },
  { kind: 'custom-return', seq: 16, callId: 3, loc, locals: [], value: { kind: 'tensor', tensor: t(17, [0, 1]) } },
  { kind: 'custom-return', seq: 17, callId: 4, loc, locals: [{ name: 'x', value: { kind: 'none' } }], error: 'ValueError: bad' },
  { kind: 'custom-call', seq: 18, callId: 4, fn: 'forward', functionName: 'MyReLU' },
  {
    kind: 'gradcheck',
    seq: 19,
    nodeId: 7,
    ok: false,
    message: 'Jacobian mismatch for output 0 with respect to input 0',
    jacobians: [
      {
        inputIndex: 0,
        outputIndex: 0,
        analytical: { ...t(18, [1, 0, 0, 1]), shape: [2, 2] },
        numerical: { ...t(19, [2, 0, 0, 2]), shape: [2, 2] },
        mismatches: [
          [0, 0],
          [1, 1],
        ],
      },
    ],
  },
  {
    kind: 'tangent',
    seq: 20,
    op: 'mul',
    tensorId: 20,
    nodeId: 8,
    inputs: [3, null],
    primal: t(20, [2, 4]),
    tangent: t(21, [1, 1]),
    loc,
    pass: 2,
    terms: [
      { index: 0, tangentIn: t(22, [1, 1]), contribution: t(23, [1, 1]), local: t(24, [1, 1]) },
      { index: 1, tangentIn: t(25, [0, 0]), contribution: null },
    ],
  },
  {
    kind: 'hand-gradient',
    seq: 21,
    name: 'logprobs',
    tensorId: 3,
    target: { kind: 'node', nodeId: 2, outputNr: 0 },
    verdict: 'wrong',
    maxDiff: 0.5,
    mine: t(26, [1, 2]),
    autograd: t(27, [1, 1.5]),
    loc,
  },
  {
    kind: 'trace-summary',
    seq: 22,
    limit: 100_000,
    omitted: 5,
    counts: [
      { kind: 'op', op: 'mul', loc, count: 3 },
      { kind: 'backward-step', count: 2 },
    ],
  },
];
