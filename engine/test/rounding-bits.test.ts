/**
 * Replays scripts/goldens/rounding_bits.py: float32 kernels give PyTorch's exact bits — var and std,
 * forward and backward (makemore's batch-norm statistics and activation printouts show them), and
 * log10 (makemore's mean log10 loss).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, type Tensor } from '../index.ts';

interface VarStdCase {
  name: string;
  op: 'var' | 'std';
  shape: number[];
  dim: number | number[] | null;
  unbiased: boolean;
  keepdim: boolean;
  input: string;
  output: string;
  outShape: number[];
  upstream: string;
  grad: string;
}
interface BceCase {
  name: string;
  input: string;
  target: string;
  weight: string | null;
  posWeight: string | null;
  reduction: string;
  output: string;
  outShape: number[];
  upstream: string;
  grad: string;
}
interface NormCase {
  shape: number[];
  dim: number | number[] | null;
  p: 1 | 2;
  input: string;
  output: string;
  outShape: number[];
}
interface ScaledAdd {
  a32: string;
  b32: string;
  a64: string;
  b64: string;
  alpha: number;
  add32: string;
  sub32: string;
  add64: string;
}
const golden: {
  varStd: VarStdCase[];
  log10: { input: string; output: string };
  bceWithLogits: BceCase[];
  pow: { input: string; powers: { exponent: number; output: string }[] };
  scaledAdd: ScaledAdd;
  norm: NormCase[];
} = JSON.parse(readFileSync(new URL('./goldens/rounding-bits.json', import.meta.url), 'utf8'));

function decode(b64: string, dtype: 'float32' | 'float64' = 'float32'): number[] {
  const bytes = Buffer.from(b64, 'base64');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return Array.from(dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer));
}

/** The first few positions whose float32 values differ in any bit. */
function differences(got: readonly number[], want: readonly number[]): string[] {
  if (got.length !== want.length) return [`length ${got.length}, want ${want.length}`];
  const bad = want.flatMap((w, i) => (Object.is(got[i], w) ? [] : [`[${i}] ${got[i]} want ${w}`]));
  return bad.length > 4 ? [...bad.slice(0, 4), `… ${bad.length} in all`] : bad;
}

describe('var and std round as PyTorch CPU kernels do', () => {
  for (const c of golden.varStd) {
    it(`${c.name}: output and input gradient bit for bit`, () => {
      const x = fromArray(decode(c.input), c.shape, 'float32', true);
      const dim = c.dim === null ? null : Array.isArray(c.dim) ? c.dim : [c.dim];
      const out = callOp(c.op, x, dim, c.unbiased, c.keepdim) as Tensor;
      expect(out.shape).toEqual(c.outShape);
      expect(differences(out.toArray() as number[], decode(c.output))).toEqual([]);
      out.backward(fromArray(decode(c.upstream), c.outShape, 'float32'));
      expect(differences(x.grad!.toArray() as number[], decode(c.grad))).toEqual([]);
    });
  }
});

describe("log10 rounds as SLEEF's AVX2 log10f does in PyTorch", () => {
  it("gives PyTorch's float32 bits over every binade, subnormals, 0 and inf included", () => {
    const input = decode(golden.log10.input);
    const out = callOp('log10', fromArray(input, [input.length], 'float32')) as Tensor;
    expect(differences(out.toArray() as number[], decode(golden.log10.output))).toEqual([]);
  });

  it('rounds a single element (a 0-d loss) the same way', () => {
    const input = decode(golden.log10.input).slice(0, 50);
    const want = decode(golden.log10.output).slice(0, 50);
    const got = input.map((v) => (callOp('log10', fromArray([v], [], 'float32')) as Tensor).item() as number);
    expect(differences(got, want)).toEqual([]);
  });
});

describe("binary_cross_entropy_with_logits rounds as PyTorch's formula does", () => {
  for (const c of golden.bceWithLogits) {
    it(`${c.name}: loss and input gradient bit for bit`, () => {
      const vector = (b64: string | null): Tensor | null => (b64 === null ? null : fromArray(decode(b64), [decode(b64).length], 'float32'));
      const x = fromArray(decode(c.input), [decode(c.input).length], 'float32', true);
      const out = callOp('binary_cross_entropy_with_logits', x, vector(c.target), vector(c.weight), vector(c.posWeight), c.reduction) as Tensor;
      expect(differences(out.toArray() as number[], decode(c.output))).toEqual([]);
      out.backward(fromArray(decode(c.upstream), c.outShape, 'float32'));
      expect(differences(x.grad!.toArray() as number[], decode(c.grad))).toEqual([]);
    });
  }
});

describe("x ** scalar and add/sub with alpha round as PyTorch's CPU kernels do", () => {
  for (const { exponent, output } of golden.pow.powers) {
    it(`x ** ${exponent}: SLEEF's powf over runs of 16, std::pow on the tail`, () => {
      const input = decode(golden.pow.input);
      const out = callOp('pow', fromArray(input, [input.length], 'float32'), exponent) as Tensor;
      expect(differences(out.toArray() as number[], decode(output))).toEqual([]);
    });
  }

  it('a + alpha·b and a − alpha·b are one fused multiply-add, in float32 and float64', () => {
    const g = golden.scaledAdd;
    const t = (b64: string, dtype: 'float32' | 'float64'): Tensor => fromArray(decode(b64, dtype), [1000], dtype);
    expect(differences(t(g.a32, 'float32').add(t(g.b32, 'float32'), g.alpha).toArray() as number[], decode(g.add32))).toEqual([]);
    expect(differences(t(g.a32, 'float32').sub(t(g.b32, 'float32'), g.alpha).toArray() as number[], decode(g.sub32))).toEqual([]);
    expect(differences(t(g.a64, 'float64').add(t(g.b64, 'float64'), g.alpha).toArray() as number[], decode(g.add64, 'float64'))).toEqual([]);
  });
});

describe("the float32 1- and 2-norm round as PyTorch's CPU norm kernel does", () => {
  for (const c of golden.norm) {
    it(`${c.p}-norm of [${c.shape}]${c.dim === null ? '' : ` over dim ${c.dim}`}: bit for bit`, () => {
      const x = fromArray(decode(c.input), c.shape, 'float32');
      const dim = c.dim === null ? null : Array.isArray(c.dim) ? c.dim : [c.dim];
      const out = (c.p === 2 && dim === null ? callOp('norm', x) : callOp('norm', x, c.p, dim)) as Tensor;
      expect(out.shape).toEqual(c.outShape);
      expect(differences(out.toArray() as number[], decode(c.output))).toEqual([]);
    });
  }
});
