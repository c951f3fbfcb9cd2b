/**
 * Replays scripts/goldens/sleef_exp.py: PyTorch 1.13's float32 exp, log and sigmoid (SLEEF u10 on
 * AVX2; glibc for sigmoid's scalar tail) and the ops built on them (softmax, log_softmax,
 * cross_entropy, nll_loss, logsumexp), forward and backward, bit for bit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callOp, callOpKw, fromArray, type Tensor } from '../../index.ts';
import { sleefExpf } from '../sleef/expf.ts';
import { sleefLogf } from '../sleef/logf.ts';

interface Elementwise {
  op: 'exp' | 'log' | 'sigmoid';
  input: string;
  output: string;
}
interface OpCase {
  label: string;
  op: string;
  args: Record<string, unknown>;
  shape: number[];
  input: string;
  extra: number[][];
  upstream: string;
  outputShape: number[];
  output: string;
  grad: string;
}

const golden: {
  elementwise: Elementwise[];
  ops: OpCase[];
  transposedSigmoid: { stored: number[]; input: string; output: string };
  divDivisorGrad: { a: string; b: string; upstream: string; grad: string };
} = JSON.parse(readFileSync(new URL('./goldens/sleef-exp-log.json', import.meta.url), 'utf8'));

const decode = (b64: string): Float32Array => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

/** The first few positions whose values differ in any bit (any NaN matches any NaN). */
function differences(got: ArrayLike<number>, want: ArrayLike<number>, input?: ArrayLike<number>): string[] {
  if (got.length !== want.length) return [`length ${got.length}, want ${want.length}`];
  const out: string[] = [];
  for (let i = 0; i < want.length && out.length < 4; i++) {
    const g = got[i]!,
      w = want[i]!;
    if (!Object.is(g, w) && !(g !== g && w !== w)) out.push(`[${i}]${input ? ` x=${input[i]}` : ''} ${g} want ${w}`);
  }
  return out;
}

describe("float32 exp, log and sigmoid give PyTorch's bits", () => {
  for (const c of golden.elementwise) {
    const x = decode(c.input),
      want = decode(c.output);
    it(`${c.op} over ${x.length} inputs (edge cases, denormals, ±inf, NaN, the whole range)`, () => {
      const got = (callOp(c.op, fromArray(x, [x.length], 'float32')) as Tensor).contiguousValues();
      expect(differences(got, want, x)).toEqual([]);
    });
  }

  it('sleefExpf and sleefLogf are the elementwise kernels', () => {
    const [exp, log] = golden.elementwise;
    const xe = decode(exp!.input),
      xl = decode(log!.input);
    expect(differences(Array.from(xe, sleefExpf), decode(exp!.output), xe)).toEqual([]);
    expect(differences(Array.from(xl, sleefLogf), decode(log!.output), xl)).toEqual([]);
  });

  it('exp of a strided view rounds as the contiguous op does (PyTorch buffers it through SLEEF too)', () => {
    const exp = golden.elementwise[0]!;
    const x = decode(exp.input).subarray(0, 200),
      want = decode(exp.output).subarray(0, 200);
    const t = fromArray(x, [100, 2], 'float32').transpose(0, 1);
    const got = (callOp('exp', t) as Tensor).transpose(0, 1).contiguousValues();
    expect(differences(got, want, x)).toEqual([]);
  });

  it('sigmoid of a transposed tensor takes its 16-wide blocks in memory order, as TensorIterator walks it', () => {
    const c = golden.transposedSigmoid;
    const stored = fromArray(decode(c.input), c.stored, 'float32');
    const got = (callOp('sigmoid', stored.transpose(0, 1)) as Tensor).contiguousValues();
    expect(differences(got, decode(c.output))).toEqual([]);
  });
});

describe("softmax, log_softmax, cross_entropy, nll_loss and logsumexp give PyTorch's float32 bits", () => {
  for (const c of golden.ops) {
    it(`${c.label}: forward and gradient`, () => {
      const x = fromArray(decode(c.input), c.shape, 'float32', true);
      const extra = c.extra.map((values) => fromArray(values, [values.length], 'int64'));
      const out = callOpKw(c.op, [x, ...extra], c.args) as Tensor;
      expect(out.shape).toEqual(c.outputShape);
      expect(differences(out.contiguousValues(), decode(c.output)), 'forward').toEqual([]);
      out.backward(fromArray(decode(c.upstream), c.outputShape, 'float32'));
      expect(differences(x.grad!.contiguousValues(), decode(c.grad)), 'gradient').toEqual([]);
    });
  }
});

describe("div's gradient for the divisor", () => {
  it("is −g·((a/b)/b) as PyTorch rounds it (makemore's counts / counts.sum(1, keepdims=True))", () => {
    const c = golden.divDivisorGrad;
    const a = fromArray(decode(c.a), [20, 27], 'float32');
    const b = fromArray(decode(c.b), [20, 1], 'float32', true);
    (callOp('div', a, b) as Tensor).backward(fromArray(decode(c.upstream), [20, 27], 'float32'));
    expect(differences(b.grad!.contiguousValues(), decode(c.grad))).toEqual([]);
  });
});
