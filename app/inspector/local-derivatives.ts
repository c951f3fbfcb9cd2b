/**
 * The local-derivative formula of each op, per input, as the chain-rule panel prints it
 * (derivatives.yaml's words, with `a`, `b` for the inputs). A stopgap until the trace carries the
 * op table's own display info; unknown ops print no formula, only numbers.
 */
export interface OpFormula {
  /** The forward expression, e.g. `a · b`. */
  readonly expression: string;
  /** ∂out/∂input, one per input. */
  readonly partials: readonly string[];
}

const FORMULAS: Readonly<Record<string, OpFormula>> = {
  mul: { expression: 'a · b', partials: ['b', 'a'] },
  add: { expression: 'a + b', partials: ['1', '1'] },
  sub: { expression: 'a − b', partials: ['1', '−1'] },
  div: { expression: 'a / b', partials: ['1/b', '−a/b²'] },
  neg: { expression: '−a', partials: ['−1'] },
  mean: { expression: 'mean(a)', partials: ['1/n'] },
  sum: { expression: 'sum(a)', partials: ['1'] },
  exp: { expression: 'exp(a)', partials: ['exp(a)'] },
  log: { expression: 'log(a)', partials: ['1/a'] },
  pow: { expression: 'aⁿ', partials: ['n·aⁿ⁻¹'] },
  sqrt: { expression: '√a', partials: ['1/(2√a)'] },
  relu: { expression: 'relu(a)', partials: ['1 if a > 0 else 0'] },
  tanh: { expression: 'tanh(a)', partials: ['1 − tanh²(a)'] },
  sigmoid: { expression: 'σ(a)', partials: ['σ(a)·(1 − σ(a))'] },
  matmul: { expression: 'a @ b', partials: ['grad @ bᵀ', 'aᵀ @ grad'] },
  mm: { expression: 'a @ b', partials: ['grad @ bᵀ', 'aᵀ @ grad'] },
};

export function opFormula(op: string): OpFormula | undefined {
  return FORMULAS[op];
}
