/**
 * The WebAssembly SLEEF kernels (float32 exp, log, tanh, sigmoid, and tanh_backward's fused
 * 1 − y²) against the TypeScript emulations, bit for bit: PyTorch's golden inputs (whose outputs must come out as PyTorch's),
 * every float32 bit pattern class (random bits: NaNs, ±∞, subnormals, huge values), arguments
 * near each function's cut-offs, every tail length, in place, and softmax / log_softmax (which
 * take their exp from the active kernels) on both kernel sets.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { kernels, setKernels } from '../../index.ts';
import { jsKernels } from '../../js.ts';
import { logSoftmaxBackwardLastDimF32, logSoftmaxLastDimF32, softmaxLastDimF32 } from '../../sleef/softmax.ts';
import type { Kernels, UnaryOp } from '../../types.ts';
import { loadWasmKernelsSync } from '../loader.ts';

/** Every op in WebAssembly, however small. */
const wasm = loadWasmKernelsSync({ elementwiseMinSize: 0 })!;
const OPS = ['exp', 'log', 'tanh', 'sigmoid', 'oneMinusSquare'] as const satisfies readonly UnaryOp[];

const decode = (b64: string): Float32Array => {
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};
const golden = (
  name: string,
): {
  elementwise?: { op: string; input: string; output: string }[];
  unary?: { name: string; input: string; step: number; outputs: Record<string, string> }[];
} => JSON.parse(readFileSync(new URL(`../../test/goldens/${name}`, import.meta.url), 'utf8'));

function differences(x: Float32Array, got: Float32Array, want: Float32Array): string[] {
  const out: string[] = [];
  let count = 0;
  for (let i = 0; i < want.length; i++) {
    if (Object.is(got[i], want[i]) || (got[i] !== got[i] && want[i] !== want[i])) continue;
    if (++count <= 4) out.push(`[${i}] x=${x[i]} got ${got[i]} want ${want[i]}`);
  }
  if (count > 4) out.push(`… ${count} in all`);
  return out;
}

function run(k: Kernels, op: UnaryOp, x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  k.unary(op, { data: x, shape: [x.length], strides: [1], offset: 0 }, out, 0, 0);
  return out;
}

/** Random float32 bit patterns (every exponent, NaN payloads, subnormals) and cut-off arguments. */
function awkwardInputs(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  const bits = new Uint32Array(x.buffer);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    bits[i] = s;
  }
  const edges = [
    NaN,
    Infinity,
    -Infinity,
    0,
    -0,
    1e-45,
    -1e-45,
    1e-40,
    -1e-38,
    1.17549435e-38,
    3.4028235e38,
    -3.4028235e38,
    88.72,
    88.73,
    -87.3,
    -103.97,
    -104,
    -104.01,
    100,
    100.01,
    8.664339,
    8.66434,
    -8.66434,
    1,
    -1,
    0.75,
    1.5,
    2 ** -64,
    2 ** 64,
  ];
  x.set(edges, 3);
  for (let i = 40; i < Math.min(n, 4000); i++) x[i] = Math.fround((((i * 2654435761) >>> 0) / 2 ** 32 - 0.5) * 2 ** ((i % 16) - 4));
  return x;
}

describe("the WebAssembly SLEEF kernels compute the TypeScript emulations' bits", () => {
  const expLog = golden('sleef-exp-log.json').elementwise!;
  for (const c of expLog) {
    it(`${c.op} of PyTorch's golden inputs is PyTorch's output on both kernel sets`, () => {
      const x = decode(c.input),
        want = decode(c.output);
      expect(differences(x, run(jsKernels, c.op as UnaryOp, x), want)).toEqual([]);
      expect(differences(x, run(wasm, c.op as UnaryOp, x), want)).toEqual([]);
    });
  }

  for (const set of golden('sleef-trig.json').unary!.filter((s) => s.step === 1)) {
    it(`tanh of ${set.name} (PyTorch's golden) is PyTorch's output on both kernel sets`, () => {
      const x = decode(set.input),
        want = decode(set.outputs.tanh!);
      expect(differences(x, run(jsKernels, 'tanh', x), want)).toEqual([]);
      expect(differences(x, run(wasm, 'tanh', x), want)).toEqual([]);
    });
  }

  for (const op of OPS) {
    it(`${op} of random bit patterns, specials and cut-offs`, () => {
      const x = awkwardInputs(20011, OPS.indexOf(op) + 7);
      expect(differences(x, run(wasm, op, x), run(jsKernels, op, x))).toEqual([]);
    });

    it(`${op} of every length up to 37 (vector tails) and in place`, () => {
      const all = awkwardInputs(37, 99);
      for (let n = 1; n <= 37; n++) {
        const x = all.slice(0, n);
        expect(differences(x, run(wasm, op, x), run(jsKernels, op, x)), `n = ${n}`).toEqual([]);
      }
      const x = all.slice(),
        want = run(jsKernels, op, x);
      wasm.unary(op, { data: x, shape: [37], strides: [1], offset: 0 }, x, 0, 0);
      expect(differences(all, x, want)).toEqual([]);
    });
  }
});

/**
 * Values a network feeds these ops (every magnitude from 2^−30 to 2^7, both signs, q's rounding
 * boundaries at odd multiples of ln2/2, the saturation and cut-off points, floats with few
 * significant bits), with zeros, subnormals and NaNs sprinkled so that vectors whose fused
 * multiply-adds need the exact redo sit next to vectors that do not.
 */
function denseInputs(n: number, seed: number): Float32Array {
  const x = new Float32Array(n);
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const halfLn2 = Math.LN2 / 2;
  for (let i = 0; i < n; i++) {
    const sign = next() < 0.5 ? -1 : 1;
    switch (i % 6) {
      case 0:
        x[i] = sign * 2 ** (next() * 37 - 30);
        break;
      case 1:
        x[i] = (next() - 0.5) * 24;
        break;
      case 2: {
        const boundary = Math.fround((2 * Math.floor(next() * 30) + 1) * halfLn2);
        const bits = new Uint32Array(new Float32Array([boundary]).buffer)[0]! + Math.floor(next() * 9) - 4;
        x[i] = sign * new Float32Array(new Uint32Array([bits]).buffer)[0]!;
        break;
      }
      case 3:
        x[i] = sign * Math.floor(next() * 64) * 2 ** -Math.floor(next() * 8);
        break;
      case 4:
        x[i] = sign * (8.6643 + next() * 0.0002);
        break;
      default:
        x[i] = [0, -0, 1e-45, -3e-39, NaN, (next() - 0.5) * 220][Math.floor(next() * 6)]!;
    }
  }
  return x;
}

describe('the WebAssembly SLEEF kernels on dense everyday inputs compute the same bits', () => {
  for (const op of OPS) {
    it(`${op}: 200,000 values across magnitudes, boundaries and specials`, () => {
      const x = denseInputs(200_003, OPS.indexOf(op) + 101);
      if (op === 'log') x.forEach((v, i) => (x[i] = Math.abs(v)));
      expect(differences(x, run(wasm, op, x), run(jsKernels, op, x))).toEqual([]);
    });
  }
});

describe('softmax and log_softmax take their exp from the active kernels without changing a bit', () => {
  const previous = kernels();
  afterEach(() => setKernels(previous));

  it('forward and log_softmax backward, rows of 10 and of 1000', () => {
    for (const d of [10, 1000]) {
      const outer = 3000 / d;
      const x = awkwardInputs(outer * d, d).map((v) => (Number.isFinite(v) ? Math.max(-80, Math.min(80, v)) : v));
      const g = awkwardInputs(outer * d, d + 1).map((v) => (Number.isFinite(v) ? Math.max(-3, Math.min(3, v)) : 0.5));
      const results = [jsKernels, wasm].map((k) => {
        setKernels(k);
        const soft = new Float32Array(x.length),
          logSoft = new Float32Array(x.length),
          back = new Float32Array(x.length);
        softmaxLastDimF32(x, 0, soft, outer, d);
        logSoftmaxLastDimF32(x, 0, logSoft, outer, d);
        logSoftmaxBackwardLastDimF32(g, logSoft, back, outer, d);
        return [soft, logSoft, back];
      });
      for (let i = 0; i < 3; i++) expect(differences(x, results[1]![i]!, results[0]![i]!), `d = ${d}, output ${i}`).toEqual([]);
    }
  });
});
