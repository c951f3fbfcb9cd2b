/**
 * Replays scripts/goldens/sleef_trig.py: PyTorch 1.13's float32 sin, cos, tanh (SLEEF's AVX2
 * kernels), tanh's backward and linspace, bit for bit — first the kernels alone, then the same
 * numbers through the public ops — and the roundings the same corpus programs needed next to them:
 * float arange, addcmul/addcdiv, float64 exp (SLEEF's expd4_u10) and div's backward.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arange, callOp, fromArray, linspace, type Tensor } from '../../index.ts';
import { cosfRow, sinfRow } from '../sleef/trigf.ts';
import { tanhfRow } from '../sleef/tanhf.ts';
import { expdRow } from '../sleef/exp-f64.ts';

interface UnarySet {
  name: string;
  input: string;
  step: number;
  outputs: Record<'sin' | 'cos' | 'tanh', string>;
}
interface TanhBackwardCase {
  name: string;
  input: string;
  upstream: string | null;
  grad: string;
}
interface LinspaceCase {
  start: number;
  end: number;
  steps: number;
  output: string;
}
interface ArangeCase {
  start: number;
  end: number;
  step: number;
  dtype: 'float32' | 'float64';
  output: string;
}
interface AddcCase {
  op: 'addcmul' | 'addcdiv';
  dtype: 'float32' | 'float64';
  value: number;
  shapes: number[][];
  inputs: string[];
  output: string;
  outShape: number[];
}
interface Golden {
  unary: UnarySet[];
  tanhBackward: TanhBackwardCase[];
  linspace: LinspaceCase[];
  arange: ArangeCase[];
  addc: AddcCase[];
  expFloat64: { input: string; output: string };
  sinOfLinspace: string;
  divBackward: { dtype: 'float32' | 'float64'; a: string; b: string; upstream: string; gradA: string; gradB: string }[];
}

const golden: Golden = JSON.parse(readFileSync(new URL('./goldens/sleef-trig.json', import.meta.url), 'utf8'));

function decode(b64: string, dtype: 'float32' | 'float64' = 'float32'): Float32Array | Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

/** The first few positions whose values differ in any bit (Object.is tells -0 from 0; NaNs match). */
function differences(input: ArrayLike<number> | null, got: ArrayLike<number>, want: ArrayLike<number>): string[] {
  if (got.length !== want.length) return [`length ${got.length}, want ${want.length}`];
  const out: string[] = [];
  let count = 0;
  for (let i = 0; i < want.length; i++) {
    if (Object.is(got[i], want[i])) continue;
    count++;
    if (out.length < 4) out.push(`[${i}]${input ? ` x=${input[i]}` : ''} ${got[i]} want ${want[i]}`);
  }
  if (count > 4) out.push(`… ${count} in all`);
  return out;
}

const rows = { sin: sinfRow, cos: cosfRow, tanh: tanhfRow } as const;

describe('SLEEF float32 kernels give PyTorch 1.13 (AVX2) bits', () => {
  for (const set of golden.unary) {
    for (const op of ['sin', 'cos', 'tanh'] as const) {
      it(`${op} of ${set.name}`, () => {
        const x = decode(set.input);
        const n = Math.ceil(x.length / set.step);
        const out = new Float32Array(n);
        rows[op](n, x, 0, set.step, out, 0);
        const shown = Float32Array.from({ length: n }, (_, i) => x[i * set.step]!);
        expect(differences(shown, out, decode(set.outputs[op]))).toEqual([]);
      });
    }
  }
});

describe('float32 sin, cos, tanh, tanh backward and linspace round as PyTorch 1.13 does', () => {
  for (const set of golden.unary) {
    for (const op of ['sin', 'cos', 'tanh'] as const) {
      it(`torch.${op} of ${set.name}`, () => {
        const x = decode(set.input);
        let t = fromArray(x, [x.length], 'float32');
        if (set.step !== 1) t = callOp('slice', t, 0, 0, x.length, set.step) as Tensor;
        const y = callOp(op, t) as Tensor;
        expect(differences(null, y.contiguousValues(), decode(set.outputs[op]))).toEqual([]);
      });
    }
  }

  for (const c of golden.tanhBackward) {
    it(`tanh backward, ${c.name}`, () => {
      const x = decode(c.input);
      const leaf = fromArray(x, [x.length], 'float32', true);
      const y = callOp('tanh', leaf) as Tensor;
      if (c.upstream === null) (callOp('sum', y) as Tensor).backward();
      else y.backward(fromArray(decode(c.upstream), [x.length], 'float32'));
      expect(differences(x, leaf.grad!.contiguousValues(), decode(c.grad))).toEqual([]);
    });
  }

  for (const c of golden.linspace) {
    it(`linspace(${c.start}, ${c.end}, ${c.steps})`, () => {
      expect(differences(null, linspace(c.start, c.end, c.steps).contiguousValues(), decode(c.output))).toEqual([]);
    });
  }

  for (const c of golden.arange) {
    it(`arange(${c.start}, ${c.end}, ${c.step}, dtype=${c.dtype})`, () => {
      expect(differences(null, arange(c.start, c.end, c.step, c.dtype).contiguousValues(), decode(c.output, c.dtype))).toEqual([]);
    });
  }

  for (const c of golden.addc) {
    it(`${c.op} ${c.dtype} ${c.shapes.map((s) => s.join('×')).join(', ')}, value=${c.value}`, () => {
      const [self, t1, t2] = c.inputs.map((b64, i) => fromArray(decode(b64, c.dtype), c.shapes[i]!, c.dtype));
      const r = callOp(c.op, self, t1, t2, c.value) as Tensor;
      expect(r.shape).toEqual(c.outShape);
      expect(differences(null, r.contiguousValues(), decode(c.output, c.dtype))).toEqual([]);
    });
  }

  it('float64 exp (SLEEF expd4_u10), kernel and torch.exp', () => {
    const x = decode(golden.expFloat64.input, 'float64');
    const want = decode(golden.expFloat64.output, 'float64');
    const out = new Float64Array(x.length);
    expdRow(x.length, x, 0, 1, out, 0);
    expect(differences(x, out, want)).toEqual([]);
    const y = callOp('exp', fromArray(x, [x.length], 'float64')) as Tensor;
    expect(differences(x, y.contiguousValues(), want)).toEqual([]);
  });

  for (const c of golden.divBackward) {
    it(`div backward ${c.dtype}: the divisor's gradient is -g·((a/b)/b)`, () => {
      const a = fromArray(decode(c.a, c.dtype), [250], c.dtype, true);
      const b = fromArray(decode(c.b, c.dtype), [250], c.dtype, true);
      (callOp('div', a, b) as Tensor).backward(fromArray(decode(c.upstream, c.dtype), [250], c.dtype));
      expect(differences(null, a.grad!.contiguousValues(), decode(c.gradA, c.dtype))).toEqual([]);
      expect(differences(null, b.grad!.contiguousValues(), decode(c.gradB, c.dtype))).toEqual([]);
    });
  }

  it("sin(linspace(-π, π, 2000)), the polynomial tutorials' data", () => {
    const y = callOp('sin', linspace(-Math.PI, Math.PI, 2000)) as Tensor;
    expect(differences(null, y.contiguousValues(), decode(golden.sinOfLinspace))).toEqual([]);
  });
});
