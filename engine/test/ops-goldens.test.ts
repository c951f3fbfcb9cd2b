import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callOp, fromArray, index, indexPut_, isFloating, Tensor, type DType, type IndexItem } from '../index.ts';
import { buildArg, buildTensor, expectClose, type ArgSpec, type TensorSpec } from './helpers.ts';

interface Expected {
  readonly values: number[];
  readonly shape: number[];
  readonly dtype: DType;
  readonly gradFn: string | null;
}
interface OpCase {
  readonly op: string;
  readonly note: string;
  readonly args: ArgSpec[];
  readonly out: Expected;
  readonly upstream?: number[];
  readonly grads?: GradSpec[];
}
type GradSpec = number[] | null | GradSpec[];
type IndexItemSpec = { kind: 'tensor'; tensor: { tensor: TensorSpec } } | Exclude<IndexItem, { kind: 'tensor' }>;
interface IndexCase {
  readonly base: { tensor: TensorSpec };
  readonly items: IndexItemSpec[];
  readonly note: string;
  readonly value?: ArgSpec;
  readonly out: Expected;
  readonly upstream: number[];
  readonly grads: (number[] | null)[];
}

const goldens = JSON.parse(readFileSync(new URL('./goldens/ops.json', import.meta.url), 'utf8')) as {
  ops: OpCase[];
  indexing: IndexCase[];
};

function checkOutput(out: Tensor, expected: Expected): void {
  expect(out.dtype).toBe(expected.dtype);
  expect(out.shape).toEqual(expected.shape);
  expectClose(out.toArray(), expected.values, !isFloating(expected.dtype), 'value');
  expect(out.gradFn?.className() ?? null).toBe(expected.gradFn);
}

describe('every op matches PyTorch (values, dtype, shape, grad_fn, gradients)', () => {
  for (const c of goldens.ops) {
    it(`${c.op}: ${c.note || 'basic'}`, () => {
      const args = c.args.map(buildArg);
      const result = callOp(c.op, ...args);
      const out = Array.isArray(result) ? result[0] : result;
      checkOutput(out, c.out);
      if (!c.upstream) {
        expect(out.requiresGrad).toBe(false);
        return;
      }
      out.backward(fromArray(c.upstream, out.shape, out.dtype));
      const check = (arg: unknown, g: GradSpec, what: string): void => {
        if (Array.isArray(arg)) return (g as GradSpec[]).forEach((gi, j) => check(arg[j], gi, `${what}[${j}]`));
        if (g === null) {
          if (arg instanceof Tensor) expect(arg.grad, what).toBeNull();
          return;
        }
        const t = arg as Tensor;
        expect(t.grad, what).not.toBeNull();
        expectClose(t.grad!.toArray(), g as number[], false, what);
      };
      c.grads!.forEach((g, i) => check(args[i], g, `grad of arg ${i}`));
    });
  }
});

describe('indexing matches PyTorch', () => {
  for (const c of goldens.indexing) {
    it(c.note, () => {
      const x = buildTensor(c.base.tensor);
      const items: IndexItem[] = c.items.map((it) => (it.kind === 'tensor' ? { kind: 'tensor', tensor: buildTensor(it.tensor.tensor) } : it));
      let out: Tensor;
      let src: unknown = null;
      if (c.value) {
        src = buildArg(c.value);
        out = callOp('clone', x) as Tensor;
        indexPut_(out, items, src as Tensor);
      } else {
        out = index(x, items);
      }
      checkOutput(out, c.out);
      out.backward(fromArray(c.upstream, out.shape, out.dtype));
      expectClose(x.grad!.toArray(), c.grads[0]!, false, 'grad of base');
      if (c.grads[1]) expectClose((src as Tensor).grad!.toArray(), c.grads[1], false, 'grad of value');
    });
  }
});
