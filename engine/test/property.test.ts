/**
 * Property test: random compositions of ops agree with central finite differences.
 *
 * fast-check draws a small program (a list of steps) and the values of three float64 leaves. Each
 * step picks operands from the values computed so far (so the program is a DAG with fan-out) and
 * applies a unary op, a broadcasting binary op, a reduction, a view (transpose, step slice, expand,
 * select, flatten, permute, flip), a matmul or a cat/stack. Every op here is smooth everywhere, so
 * no random input can land on a kink, and every composition is twice differentiable: first
 * derivatives go through gradcheck and second derivatives through gradgradcheck.
 *
 * The structure of a program depends only on shapes, never on values, so the perturbed runs of the
 * finite differences replay exactly the same ops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, gradcheck, gradgradcheck, opSignatures, type Tensor } from '../index.ts';

interface Step {
  readonly kind: number;
  readonly i: number;
  readonly j: number;
  readonly k: number;
}

const op = (name: string, ...args: unknown[]): Tensor => callOp(name, ...args) as Tensor;
const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
/** 1 + x², positive everywhere: keeps log, sqrt and division away from their poles. */
const onePlusSquare = (x: Tensor): Tensor => op('add', op('mul', x, x), 1);

const UNARY: readonly [string, (x: Tensor) => Tensor][] = [
  ['tanh', (x) => op('tanh', x)],
  ['sigmoid', (x) => op('sigmoid', x)],
  ['sin', (x) => op('sin', x)],
  ['cos', (x) => op('cos', x)],
  ['neg', (x) => op('neg', x)],
  ['softplus', (x) => op('softplus', x)],
  ['gelu', (x) => op('gelu', x)],
  ['silu', (x) => op('silu', x)],
  ['erf', (x) => op('erf', x)],
  ['exp∘tanh', (x) => op('exp', op('tanh', x))],
  ['log(1+x²)', (x) => op('log', onePlusSquare(x))],
  ['sqrt(1+x²)', (x) => op('sqrt', onePlusSquare(x))],
  ['rsqrt(1+x²)', (x) => op('rsqrt', onePlusSquare(x))],
  ['reciprocal(1+x²)', (x) => op('reciprocal', onePlusSquare(x))],
  ['x**2', (x) => op('pow', x, 2)],
  ['1.5 * x + 0.25', (x) => op('add', op('mul', x, 1.5), 0.25)],
];

const BINARY: readonly [string, (a: Tensor, b: Tensor) => Tensor][] = [
  ['add', (a, b) => op('add', a, b)],
  ['sub', (a, b) => op('sub', a, b, 0.5)],
  ['mul', (a, b) => op('mul', a, b)],
  ['div by 1+b²', (a, b) => op('div', a, onePlusSquare(b))],
  ['lerp', (a, b) => op('lerp', a, b, 0.3)],
];

function broadcastable(a: readonly number[], b: readonly number[]): boolean {
  for (let d = 1; d <= Math.min(a.length, b.length); d++) {
    const x = a[a.length - d];
    const y = b[b.length - d];
    if (x !== y && x !== 1 && y !== 1) return false;
  }
  return true;
}

/** Reductions over one dim of a tensor of dim ≥ 1. */
function reduce(v: Tensor, k: number): Tensor {
  const dim = k % v.dim();
  const keep = (k >> 3) % 2 === 1;
  switch (k % 8) {
    case 0:
      return op('sum', v, [dim], keep);
    case 1:
      return op('mean', v, [dim], keep);
    case 2:
      return op('logsumexp', v, [dim], keep);
    case 3:
      return v.shape[dim] > 1 ? op('var', v, [dim], true, keep) : op('sum', v);
    case 4:
      return op('prod', v, dim, keep);
    case 5:
      return op('softmax', v, dim);
    case 6:
      return op('log_softmax', v, dim);
    default:
      return op('sum', v);
  }
}

/** Views and shape changes; `expand` is only taken while the result stays small. */
function reshape(v: Tensor, k: number): Tensor {
  const n = v.dim();
  if (n === 0) return op('expand', op('unsqueeze', v, 0), [3]);
  const dim = (k >> 3) % n;
  switch (k % 8) {
    case 0:
      return n >= 2 ? op('transpose', v, 0, n - 1) : op('unsqueeze', v, 1);
    case 1:
      return v.shape[dim] >= 2 ? op('slice', v, dim, null, null, 2) : op('flip', v, [dim]);
    case 2:
      return numel(v.shape) <= 16 && n < 4 ? op('expand', op('unsqueeze', v, 0), [2, ...v.shape]) : op('flip', v, [dim]);
    case 3:
      return op('select', v, dim, v.shape[dim] - 1);
    case 4:
      return op('flatten', v);
    case 5:
      return op('permute', v, [...v.shape.keys()].reverse());
    case 6:
      return op('flip', v, [dim]);
    default:
      return n < 4 ? op('unsqueeze', v, dim) : op('squeeze', v);
  }
}

/** v @ something of matching inner size; falls back to v @ vᵀ (or v·v for vectors). */
function matmul(v: Tensor, pool: readonly Tensor[]): Tensor {
  if (v.dim() === 0) return op('mul', v, v);
  const inner = v.shape[v.dim() - 1];
  if (v.dim() <= 2) {
    const partner = pool.find((w) => (w.dim() === 1 || w.dim() === 2) && w.shape[0] === inner && w !== v);
    if (partner) return op('matmul', v, partner);
  }
  if (v.dim() === 1) return op('matmul', v, v);
  return op('matmul', v, op('transpose', v, -1, -2));
}

function applyStep(step: Step, values: Tensor[]): Tensor {
  const v = values[step.i % values.length];
  let w = values[step.j % values.length];
  switch (step.kind % 6) {
    case 0:
      return UNARY[step.k % UNARY.length][1](v);
    case 1:
      if (!broadcastable(v.shape, w.shape)) w = op('sum', w);
      return BINARY[step.k % BINARY.length][1](v, w);
    case 2:
      return v.dim() === 0 ? op('tanh', v) : reduce(v, step.k);
    case 3:
      return reshape(v, step.k);
    case 4:
      return matmul(v, values);
    default: {
      const same = v.shape.length === w.shape.length && v.shape.every((s, d) => s === w.shape[d]);
      const other = same ? w : op('mul', v, 0.5);
      return step.k % 2 === 0 || v.dim() === 0 ? op('stack', [v, other], 0) : op('cat', [v, other], step.k % v.dim());
    }
  }
}

/** The program as a function of its leaves; its last value, summed when it has grown large. */
function program(steps: readonly Step[]): (...leaves: Tensor[]) => Tensor {
  return (...leaves) => {
    const values = [...leaves];
    for (const step of steps) values.push(applyStep(step, values));
    const last = values[values.length - 1];
    return last.numel() > 12 ? op('sum', last, [0]) : last;
  };
}

const LEAF_SHAPES = [[2, 3], [3], [3, 2]] as const;
/**
 * Exact zeros stay (fast-check favours them, and erf and prod's double backward must hold there);
 * tiny non-zeros such as 5e-324 move away, because prod's backward divides its result by the input
 * as PyTorch's does, and a product that underflows to 0 makes that quotient 0 at the perturbed points.
 */
const zeroOrAwayFromIt = (v: number): number => (v !== 0 && Math.abs(v) < 0.05 ? v + Math.sign(v) * 0.1 : v);
const leafValues = fc.tuple(
  ...LEAF_SHAPES.map((shape) =>
    fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }).map(zeroOrAwayFromIt), { minLength: numel(shape), maxLength: numel(shape) }),
  ),
);
const steps = fc.array(fc.record({ kind: fc.nat(11), i: fc.nat(15), j: fc.nat(15), k: fc.nat(63) }), { minLength: 1, maxLength: 5 });
const leaves = (values: readonly number[][]): Tensor[] => LEAF_SHAPES.map((shape, i) => fromArray(values[i], [...shape], 'float64', true));
const describeMismatch = (r: ReturnType<typeof gradcheck>): string => JSON.stringify(r.mismatches.slice(0, 2));

describe('random compositions of ops agree with finite differences (fast-check, float64)', () => {
  it('uses only ops that the op table lists', () => {
    const names = new Set(opSignatures().map((s) => s.name));
    const used = [
      'tanh',
      'sigmoid',
      'sin',
      'cos',
      'neg',
      'softplus',
      'gelu',
      'silu',
      'erf',
      'exp',
      'log',
      'sqrt',
      'rsqrt',
      'reciprocal',
      'pow',
      'add',
      'sub',
      'mul',
      'div',
      'lerp',
      'sum',
      'mean',
      'logsumexp',
      'var',
      'prod',
      'softmax',
      'log_softmax',
      'transpose',
      'unsqueeze',
      'slice',
      'flip',
      'expand',
      'select',
      'flatten',
      'permute',
      'squeeze',
      'matmul',
      'stack',
      'cat',
    ];
    expect(used.filter((n) => !names.has(n))).toEqual([]);
  });

  it('first derivatives of 100 random programs match central differences', () => {
    fc.assert(
      fc.property(steps, leafValues, (s, values) => {
        const result = gradcheck(program(s), leaves(values));
        if (!result.ok) throw new Error(`gradcheck mismatch: ${describeMismatch(result)}`);
      }),
      { seed: 20240603, numRuns: 100 },
    );
  });

  it('second derivatives of 100 random programs match central differences of their backward', () => {
    fc.assert(
      fc.property(steps, leafValues, (s, values) => {
        const result = gradgradcheck(program(s), leaves(values));
        if (!result.ok) throw new Error(`gradgradcheck mismatch: ${describeMismatch(result)}`);
      }),
      { seed: 7041, numRuns: 100 },
    );
  });
});
